// What is due for destruction now (152-FZ art. 21 part 5; docs/personal-data.md).
//
// A consent covers the passport details recorded under it: its own copy of the subject's
// passport and the representative's documents, and every passport check of that resident on
// that account made while it was in force (or in the visit that recorded it). A check is
// covered by at most one consent, the latest signed that was in force at the time, so
// destroying what a withdrawn consent covered never touches what another consent covers.
//
//  - withdrawn: WITHDRAWAL_DESTROY_DAYS after the withdrawal, the consent's details and the
//    checks it covered;
//  - retention: without a withdrawal, each record `retentionDays` after it was made;
//  - no-consent: a check that no consent covers (the visit ended before one was signed, or
//    the passport was someone else's), WITHDRAWAL_DESTROY_DAYS after the check.
import type { EntityManager } from 'typeorm';
import { WITHDRAWAL_DESTROY_DAYS } from '../../../shared/schemas/settings';
import type { ConsentRow } from '../db/entities';

export type DestroyReason = 'withdrawn' | 'retention' | 'no-consent';
export type Category = 'passport' | 'representative';

const DAY = 86_400_000;

export interface DueCheck {
  id: string;
  visitId: string;
  checkedAt: string;
  /** The name typed from the passport. */
  name: string;
}

/** One subject's records destroyed together: one act. */
export interface DueGroup {
  reason: DestroyReason;
  accountId: number;
  payerCode: string;
  residentId: number | null;
  subjectName: string;
  consentId: string | null;
  /** The consent's own copy of the details goes too (not only checks it covered). */
  consent: ConsentRow | null;
  checks: DueCheck[];
  categories: Category[];
}

interface CheckRow {
  id: string;
  visitId: string;
  residentId: number | null;
  checkedAt: string;
  name: string;
  accountId: number;
  payerCode: string;
  closedAt: string | null;
  consentId: string | null;
}

function before(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY).toISOString();
}

function fullName(subject: string): string {
  try {
    const v = JSON.parse(subject) as { fullName?: unknown };
    return typeof v.fullName === 'string' ? v.fullName : '';
  } catch {
    return '';
  }
}

/** The consents and checks due at `now`, grouped by subject; oldest first. */
export async function findDue(
  m: EntityManager,
  now: Date,
  retentionDays: number,
): Promise<DueGroup[]> {
  const withdrawnBy = before(now, WITHDRAWAL_DESTROY_DAYS);
  const keptSince = before(now, retentionDays);
  const consents = await m.query<(ConsentRow & { payerCode: string | null })[]>(
    `SELECT c.id, c.account_id AS accountId, c.resident_id AS residentId, c.visit_id AS visitId,
            c.text_version AS textVersion, c.language, c.subject, c.representative, c.operator,
            c.signed_at AS signedAt, c.recorded_by AS recordedBy, c.office_id AS officeId,
            c.withdrawn_at AS withdrawnAt, c.withdrawn_by AS withdrawnBy,
            c.withdraw_reason AS withdrawReason, c.destroyed_at AS destroyedAt,
            c.destroy_act_id AS destroyActId,
            coalesce((SELECT payer_code FROM account a WHERE a.id = c.account_id),
                     (SELECT payer_code FROM visit v WHERE v.account_id = c.account_id LIMIT 1))
              AS payerCode
     FROM consent c
     WHERE c.destroyed_at IS NULL
       AND ((c.withdrawn_at IS NOT NULL AND c.withdrawn_at <= ?) OR c.signed_at <= ?)`,
    [withdrawnBy, keptSince],
  );
  // Every check old enough for any rule, with the consent that covers it; only those that
  // some rule makes due come back (most old checks belong to consents still in force).
  const checks = await m.query<CheckRow[]>(
    `WITH k AS (
       SELECT k.id, k.visit_id AS visitId, k.resident_id AS residentId, k.checked_at AS checkedAt,
              trim(k.surname || ' ' || k.given_name || ' ' || k.patronymic) AS name,
              v.account_id AS accountId, v.payer_code AS payerCode, v.closed_at AS closedAt,
              (SELECT c.id FROM consent c
                WHERE c.account_id = v.account_id AND c.resident_id = k.resident_id
                  AND (c.visit_id = k.visit_id
                       OR (c.signed_at <= k.checked_at
                           AND (c.withdrawn_at IS NULL OR c.withdrawn_at > k.checked_at)))
                ORDER BY c.signed_at DESC LIMIT 1) AS consentId
       FROM passport_check k JOIN visit v ON v.id = k.visit_id
       WHERE k.destroyed_at IS NULL AND k.checked_at <= ?1)
     SELECT k.* FROM k LEFT JOIN consent c ON c.id = k.consentId
     WHERE (c.withdrawn_at IS NOT NULL AND c.withdrawn_at <= ?1) OR k.checkedAt <= ?2
        OR (c.id IS NULL AND k.closedAt IS NOT NULL)
     ORDER BY k.checkedAt`,
    [withdrawnBy, keptSince],
  );
  const consentById = new Map(
    (
      await m.query<{ id: string; withdrawnAt: string | null; destroyedAt: string | null }[]>(
        `SELECT id, withdrawn_at AS withdrawnAt, destroyed_at AS destroyedAt FROM consent
         WHERE id IN (SELECT value FROM json_each(?))`,
        [JSON.stringify([...new Set(checks.map((k) => k.consentId).filter(Boolean))])],
      )
    ).map((c) => [c.id, c]),
  );

  const groups = new Map<string, DueGroup>();
  const group = (key: string, make: () => DueGroup): DueGroup => {
    let g = groups.get(key);
    if (!g) {
      g = make();
      groups.set(key, g);
    }
    return g;
  };
  for (const c of consents) {
    const reason: DestroyReason =
      c.withdrawnAt !== null && c.withdrawnAt <= withdrawnBy ? 'withdrawn' : 'retention';
    group(`consent:${c.id}`, () => ({
      reason,
      accountId: c.accountId,
      payerCode: c.payerCode ?? '',
      residentId: c.residentId,
      subjectName: fullName(c.subject),
      consentId: c.id,
      consent: c,
      checks: [],
      categories: c.representative ? ['passport', 'representative'] : ['passport'],
    }));
  }
  for (const k of checks) {
    const covering = k.consentId ? consentById.get(k.consentId) : undefined;
    let reason: DestroyReason | null = null;
    if (covering?.withdrawnAt && covering.withdrawnAt <= withdrawnBy) reason = 'withdrawn';
    else if (k.checkedAt <= keptSince) reason = 'retention';
    else if (!covering && k.closedAt !== null) reason = 'no-consent';
    if (!reason) continue;
    const key = covering
      ? `consent:${k.consentId}`
      : `visit:${k.visitId}:${k.residentId ?? k.name}`;
    const g = group(key, () => ({
      reason: reason,
      accountId: k.accountId,
      payerCode: k.payerCode,
      residentId: k.residentId,
      subjectName: k.name,
      consentId: covering ? k.consentId : null,
      consent: null,
      checks: [],
      categories: ['passport'],
    }));
    if (!g.payerCode) g.payerCode = k.payerCode;
    if (!g.subjectName) g.subjectName = k.name;
    g.checks.push({ id: k.id, visitId: k.visitId, checkedAt: k.checkedAt, name: k.name });
  }
  return [...groups.values()];
}
