// Credential state flowing back from the centre: portal-side state (first login, password
// changed, locked) for the account card, a status the centre decided (revoked, superseded),
// and conflicts this workstation took part in. Only credentials this workstation issued are
// held locally (their rows reference local clerks and consents), so an image for any other
// credential is skipped; a conflict is recorded and audited when either side is ours.
import type { EntityManager } from 'typeorm';
import type { ConflictFacts } from '../../../shared/schemas/account';
import { appendAudit, type AuditActor } from '../audit/chain';

export interface CredentialImage {
  id: string;
  account_id: number;
  status: 'active' | 'revoked' | 'superseded';
  must_change: boolean;
  revoked_at: string | null;
  revoke_reason: string | null;
  superseded_by: string | null;
  portal_first_login_at: string | null;
  portal_password_changed_at: string | null;
  portal_locked: boolean;
}

export interface ConflictSide {
  credentialId: string;
  issuedAt: string;
  officeId: string;
  workstationId: string;
  kind: 'issue' | 'reset';
  issuedBy: string;
  version: number;
  opId: string;
}

export interface ConflictImage {
  id: number;
  accountId: number;
  rule: string;
  detectedAt: string;
  winner: ConflictSide;
  loser: ConflictSide;
}

export interface ConflictRecord {
  loserCredentialId: string;
  winnerCredentialId: string;
  accountId: number;
  side: 'lost' | 'won';
  rule: string;
  loser: { issuedAt: string; officeId: string; workstationId: string; kind: string };
  winner: { issuedAt: string; officeId: string; workstationId: string; kind: string };
  detectedAt: string;
  receivedAt: string;
  text: string;
}

const iso = (v: string | null): string | null => (v === null ? null : new Date(v).toISOString());

async function isLocal(m: EntityManager, id: string): Promise<boolean> {
  const rows = await m.query<unknown[]>(`SELECT 1 FROM credential WHERE id = ?`, [id]);
  return rows.length > 0;
}

/** Applies one credential image to the local row, if there is one. */
export async function applyCredentialImage(
  m: EntityManager,
  img: CredentialImage,
  now: Date,
): Promise<void> {
  if (!(await isLocal(m, img.id))) return;
  // A local revoke the centre has not seen yet must not be undone by an older image, so
  // status only ever moves from active to revoked here.
  const ended = img.status !== 'active';
  await m.query(
    `UPDATE credential SET
       portal_first_login_at = ?, portal_password_changed_at = ?, portal_locked = ?,
       must_change = CASE WHEN ? = 0 THEN 0 ELSE must_change END,
       status = CASE WHEN ? = 1 THEN 'revoked' ELSE status END,
       revoked_at = CASE WHEN ? = 1 AND revoked_at IS NULL THEN ? ELSE revoked_at END,
       revoke_reason = CASE WHEN ? = 1 AND revoke_reason IS NULL THEN ? ELSE revoke_reason END
     WHERE id = ?`,
    [
      iso(img.portal_first_login_at),
      iso(img.portal_password_changed_at),
      img.portal_locked ? 1 : 0,
      img.must_change ? 1 : 0,
      ended ? 1 : 0,
      ended ? 1 : 0,
      iso(img.revoked_at) ?? now.toISOString(),
      ended ? 1 : 0,
      img.status === 'superseded' ? 'superseded' : (img.revoke_reason ?? 'centre'),
      img.id,
    ],
  );
}

/** "the sheet printed at 10:02 in office 12 was replaced by a reset at 10:03 in office 7" */
export function conflictText(c: ConflictImage, timeZone: string): string {
  const fmt = (s: string): { day: string; time: string } => {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(new Date(s));
    const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
    return {
      day: `${get('year')}-${get('month')}-${get('day')}`,
      time: `${get('hour')}:${get('minute')}`,
    };
  };
  const l = fmt(c.loser.issuedAt);
  const w = fmt(c.winner.issuedAt);
  const lAt = l.day === w.day ? l.time : `${l.day} ${l.time}`;
  const wAt = l.day === w.day ? w.time : `${w.day} ${w.time}`;
  const what = c.winner.kind === 'reset' ? 'a reset' : 'an issue';
  return `The sheet printed at ${lAt} in office ${c.loser.officeId} was replaced by ${what} at ${wAt} in office ${c.winner.officeId}.`;
}

/**
 * Records a conflict this workstation took part in, once: marks our losing credential
 * revoked with a note the account card shows, and audits `sync.conflict` for the clerk and
 * the supervisor. Returns the record, or null if it is not ours or was already recorded.
 */
export async function applyConflictImage(
  m: EntityManager,
  c: ConflictImage,
  actor: AuditActor,
  now: Date,
  timeZone: string,
): Promise<ConflictRecord | null> {
  const lost = await isLocal(m, c.loser.credentialId);
  const won = !lost && (await isLocal(m, c.winner.credentialId));
  if (!lost && !won) return null;
  const seen = await m.query<unknown[]>(
    `SELECT 1 FROM sync_conflict WHERE loser_credential_id = ?`,
    [c.loser.credentialId],
  );
  if (seen.length > 0) return null;

  const text = conflictText(c, timeZone);
  const side = lost ? 'lost' : 'won';
  const side$ = (s: ConflictSide): ConflictRecord['loser'] => ({
    issuedAt: iso(s.issuedAt)!,
    officeId: s.officeId,
    workstationId: s.workstationId,
    kind: s.kind,
  });
  const rec: ConflictRecord = {
    loserCredentialId: c.loser.credentialId,
    winnerCredentialId: c.winner.credentialId,
    accountId: c.accountId,
    side,
    rule: c.rule,
    loser: side$(c.loser),
    winner: side$(c.winner),
    detectedAt: iso(c.detectedAt)!,
    receivedAt: now.toISOString(),
    text,
  };
  await m.query(
    `INSERT INTO sync_conflict (loser_credential_id, account_id, winner_credential_id, side, rule,
       loser_issued_at, loser_office_id, loser_workstation_id, loser_kind,
       winner_issued_at, winner_office_id, winner_workstation_id, winner_kind,
       detected_at, received_at, text)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      rec.loserCredentialId,
      rec.accountId,
      rec.winnerCredentialId,
      side,
      rec.rule,
      rec.loser.issuedAt,
      rec.loser.officeId,
      rec.loser.workstationId,
      rec.loser.kind,
      rec.winner.issuedAt,
      rec.winner.officeId,
      rec.winner.workstationId,
      rec.winner.kind,
      rec.detectedAt,
      rec.receivedAt,
      text,
    ],
  );
  if (lost) {
    await m.query(
      `UPDATE credential SET status = 'revoked', superseded_note = ?,
         revoked_at = coalesce(revoked_at, ?), revoke_reason = coalesce(revoke_reason, 'superseded')
       WHERE id = ?`,
      [text, rec.winner.issuedAt, rec.loserCredentialId],
    );
  }
  const acc = await m.query<{ payer_code: string }[]>(
    `SELECT payer_code FROM account WHERE id = ?`,
    [c.accountId],
  );
  await appendAudit(
    m,
    actor,
    {
      action: 'sync.conflict',
      subject: acc[0]?.payer_code ?? null,
      text,
      data: {
        side,
        rule: rec.rule,
        accountId: rec.accountId,
        loser: { credentialId: rec.loserCredentialId, ...rec.loser },
        winner: { credentialId: rec.winnerCredentialId, ...rec.winner },
        detectedAt: rec.detectedAt,
      },
    },
    now,
  );
  return rec;
}

interface ConflictRaw {
  loser_credential_id: string;
  account_id: number;
  winner_credential_id: string;
  side: 'lost' | 'won';
  rule: string;
  loser_issued_at: string;
  loser_office_id: string;
  loser_workstation_id: string;
  loser_kind: string;
  winner_issued_at: string;
  winner_office_id: string;
  winner_workstation_id: string;
  winner_kind: string;
  detected_at: string;
  received_at: string;
  text: string;
}

function fromRow(r: ConflictRaw): ConflictRecord {
  return {
    loserCredentialId: r.loser_credential_id,
    winnerCredentialId: r.winner_credential_id,
    accountId: r.account_id,
    side: r.side,
    rule: r.rule,
    loser: {
      issuedAt: r.loser_issued_at,
      officeId: r.loser_office_id,
      workstationId: r.loser_workstation_id,
      kind: r.loser_kind,
    },
    winner: {
      issuedAt: r.winner_issued_at,
      officeId: r.winner_office_id,
      workstationId: r.winner_workstation_id,
      kind: r.winner_kind,
    },
    detectedAt: r.detected_at,
    receivedAt: r.received_at,
    text: r.text,
  };
}

export async function listConflicts(m: EntityManager, limit = 500): Promise<ConflictRecord[]> {
  const rows = await m.query<ConflictRaw[]>(
    `SELECT * FROM sync_conflict ORDER BY received_at DESC LIMIT ?`,
    [limit],
  );
  return rows.map(fromRow);
}

/** The conflicts one account's credentials took part in, newest first (for its card). */
export async function accountConflicts(
  m: EntityManager,
  accountId: number,
): Promise<ConflictRecord[]> {
  const rows = await m.query<ConflictRaw[]>(
    `SELECT * FROM sync_conflict WHERE account_id = ? ORDER BY detected_at DESC, received_at DESC`,
    [accountId],
  );
  return rows.map(fromRow);
}

/**
 * What the screens need to say what happened in the reader's language. The local table keeps
 * the kind as text; a kind this version does not know becomes null, and the screens then show
 * the stored text rather than guess.
 */
export function conflictFacts(r: ConflictRecord): ConflictFacts {
  const kind = r.winner.kind;
  return {
    side: r.side,
    loserIssuedAt: r.loser.issuedAt,
    loserOfficeId: r.loser.officeId,
    winnerIssuedAt: r.winner.issuedAt,
    winnerOfficeId: r.winner.officeId,
    winnerKind: kind === 'issue' || kind === 'reset' ? kind : null,
  };
}

/**
 * The conflict a credential on the card took part in: the one it lost, or else the newest one
 * it won (`records` newest first, as accountConflicts() gives them).
 */
export function conflictOfCredential(
  records: ConflictRecord[],
  credentialId: string,
): ConflictRecord | null {
  return (
    records.find((r) => r.side === 'lost' && r.loserCredentialId === credentialId) ??
    records.find((r) => r.side === 'won' && r.winnerCredentialId === credentialId) ??
    null
  );
}
