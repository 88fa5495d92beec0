// Destroys what is due (due.ts) and proves it: for each subject, the passport details are
// overwritten in place, the copies waiting in the outbox for the centre are overwritten too,
// the centre is told (a consent.destroy operation, which it checks against its own record),
// an audit entry is chained and an act is written, all in one transaction. The store zeroes
// what it overwrites (PRAGMA secure_delete, db/store.ts) and the write-ahead log is
// checkpointed and truncated after, so the old pages are in neither file.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { maskPassport } from '../../../shared/domain/mask';
import type { ClerkSummary } from '../../../shared/schemas/session';
import { audit, type CoreContext } from '../context';
import { DestructionAct, type DestructionActRow } from '../db/entities';
import { enqueue } from '../outbox/enqueue';
import { nextSerial } from '../visits/issue';
import { findDue, type DueGroup } from './due';

/** Who destroys: the daily job, or a supervisor's "destroy what is due now". */
export type Destroyer = { trigger: 'job' } | { trigger: 'supervisor'; clerk: ClerkSummary };

/** One record an act lists (ActRecord in the act's `records`). */
export type ActRecord =
  | {
      kind: 'consent';
      id: string;
      signedAt: string;
      textVersion: string;
      withdrawnAt: string | null;
    }
  | { kind: 'check'; id: string; checkedAt: string; passport: string };

export interface ActPerson {
  name: string;
  /** As the settings name it; null for a supervisor (the act prints the role). */
  position: string | null;
  role: 'supervisor' | 'responsible';
}

export const DESTRUCTION_METHOD = 'overwrite';
export const SYSTEM_NAME = 'Access Desk';

/** Acts are kept three years (Order No. 179 §6); the job removes older ones. */
export const ACT_KEEP_DAYS = 3 * 365 + 1;

/** The subject's passport (and a representative's documents) gone from a consent's record. */
export function withoutDocuments(subject: string, representative: string | null) {
  const s = JSON.parse(subject) as Record<string, unknown>;
  const r = representative ? (JSON.parse(representative) as { fullName?: unknown }) : null;
  return {
    subject: JSON.stringify({ ...s, document: null }),
    representative: r ? JSON.stringify({ fullName: r.fullName ?? '', document: null }) : null,
  };
}

async function destroyGroup(
  ctx: CoreContext,
  m: EntityManager,
  g: DueGroup,
  who: Destroyer,
  at: Date,
): Promise<DestructionActRow> {
  const settings = ctx.settings.get();
  const iso = at.toISOString();
  const actId = randomUUID();
  const serial = await nextSerial(ctx, m, 'D');
  const records: ActRecord[] = [];

  if (g.consent) {
    const c = g.consent;
    records.push({
      kind: 'consent',
      id: c.id,
      signedAt: c.signedAt,
      textVersion: c.textVersion,
      withdrawnAt: c.withdrawnAt,
    });
    const scrubbed = withoutDocuments(c.subject, c.representative);
    await m.query(
      `UPDATE consent SET subject = ?, representative = ?, destroyed_at = ?, destroy_act_id = ?
       WHERE id = ?`,
      [scrubbed.subject, scrubbed.representative, iso, actId, c.id],
    );
    // The copy on its way to the centre (or sent, kept as done) goes the same way.
    await m.query(
      `UPDATE outbox SET payload = json_set(payload, '$.subject.document', json('null'),
         '$.representative', CASE WHEN json_extract(payload, '$.representative') IS NULL
           THEN json('null')
           ELSE json_object('fullName', json_extract(payload, '$.representative.fullName'),
                            'document', json('null')) END)
       WHERE kind = 'consent.record' AND json_extract(payload, '$.consentId') = ?`,
      [c.id],
    );
    if (g.reason !== 'no-consent') {
      await enqueue(
        m,
        'consent.destroy',
        {
          consentId: c.id,
          accountId: c.accountId,
          reason: g.reason,
          retentionDays: settings.personalData.retentionDays,
          destroyedAt: iso,
          destroyedBy: who.trigger === 'supervisor' ? who.clerk.id : null,
          actSerial: serial,
          officeId: ctx.officeId(),
          workstationId: ctx.workstationId,
        },
        at,
      );
    }
  }
  if (g.checks.length) {
    const ids = JSON.stringify(g.checks.map((k) => k.id));
    const numbers = await m.query<{ id: string; series: string; number: string }[]>(
      `SELECT id, series, number FROM passport_check WHERE id IN (SELECT value FROM json_each(?))`,
      [ids],
    );
    const masked = new Map(numbers.map((n) => [n.id, maskPassport(n.series + n.number)]));
    for (const k of g.checks)
      records.push({
        kind: 'check',
        id: k.id,
        checkedAt: k.checkedAt,
        passport: masked.get(k.id) ?? '',
      });
    await m.query(
      `UPDATE passport_check SET surname = '', given_name = '', patronymic = '', birth_date = '',
         series = '', number = '', issue_date = '', department_code = '', issued_by = '',
         destroyed_at = ?, destroy_act_id = ?
       WHERE id IN (SELECT value FROM json_each(?))`,
      [iso, actId, ids],
    );
  }

  const persons: ActPerson[] = [];
  if (who.trigger === 'supervisor')
    persons.push({ name: who.clerk.fullName, position: null, role: 'supervisor' });
  const pd = settings.personalData;
  if (pd.responsibleName)
    persons.push({
      name: pd.responsibleName,
      position: pd.responsiblePosition || null,
      role: 'responsible',
    });
  const act: DestructionActRow = {
    id: actId,
    serial,
    createdAt: iso,
    reason: g.reason,
    retentionDays: settings.personalData.retentionDays,
    trigger: who.trigger,
    accountId: g.accountId,
    payerCode: g.payerCode,
    residentId: g.residentId,
    subjectName: g.subjectName,
    consentId: g.consentId,
    categories: JSON.stringify(g.categories),
    records: JSON.stringify(records),
    persons: JSON.stringify(persons),
    operator: JSON.stringify(settings.operator),
    systemName: SYSTEM_NAME,
    method: DESTRUCTION_METHOD,
    officeId: ctx.officeId(),
    clerkId: who.trigger === 'supervisor' ? who.clerk.id : null,
  };
  await m.insert(DestructionAct, act);
  const checks = g.checks.length;
  await audit(ctx, m, who.trigger === 'supervisor' ? who.clerk : null, {
    action: 'personalData.destroy',
    subject: g.payerCode,
    text: `Personal data destroyed (${g.reason}, ${who.trigger}): ${g.consent ? `consent ${g.consent.id}, ` : ''}${checks} passport check(s); act ${serial}.`,
    data: {
      actId,
      serial,
      reason: g.reason,
      trigger: who.trigger,
      consentId: g.consentId,
      residentId: g.residentId,
      categories: g.categories,
      method: DESTRUCTION_METHOD,
      persons,
      consentDestroyed: g.consent !== null,
      checks: g.checks.map((k) => k.id),
      visits: [...new Set(g.checks.map((k) => k.visitId))],
    },
  });
  return act;
}

/**
 * Destroys everything due now and returns the acts written (none when nothing was due).
 * Acts older than three years are removed in the same run.
 */
export async function destroyDue(ctx: CoreContext, who: Destroyer): Promise<DestructionActRow[]> {
  const at = ctx.clock.now();
  const acts = await ctx.store.tx(async (m) => {
    const due = await findDue(m, at, ctx.settings.get().personalData.retentionDays);
    const out: DestructionActRow[] = [];
    for (const g of due) out.push(await destroyGroup(ctx, m, g, who, at));
    await m.query(`DELETE FROM destruction_act WHERE created_at < ?`, [
      new Date(at.getTime() - ACT_KEEP_DAYS * 86_400_000).toISOString(),
    ]);
    return out;
  });
  // The overwritten pages (and an expired act's) leave the write-ahead log for the main file,
  // where secure_delete has zeroed what they replaced; the log itself is cut to nothing.
  await ctx.store.run((m) => m.query('PRAGMA wal_checkpoint(TRUNCATE)'));
  if (acts.length)
    ctx.log.info('personal data destroyed', { acts: acts.length, trigger: who.trigger });
  return acts;
}
