// The office's review at the centre (central functions/80-reads.sql, 60-apply.sql): what it
// holds over a ceiling and its security events, and a supervisor's decision on held
// operations, recorded in this workstation's audit chain too.
import type { DataSource } from 'typeorm';
import { AppError } from '../../../shared/errors';
import { OfficeReview } from '../../../shared/schemas/supervisor';
import { appendAudit, type AuditActor } from '../audit/chain';
import type { Store } from '../db/store';

export interface HeldDecision {
  opId: string;
  status: 'released' | 'refused';
  code: string | null;
}

export async function readOfficeReview(ds: DataSource, limit: number): Promise<OfficeReview> {
  const [r] = await ds.query<{ r: unknown }[]>(`SELECT sync_office_review($1) AS r`, [limit]);
  return OfficeReview.parse(r?.r);
}

/**
 * Asks the centre to release or refuse held operations (it checks that the supervisor in
 * `actor` is an active supervisor of the office), audits the decision here, and makes this
 * workstation's own held operations due at once, so their outcome shows without waiting.
 */
export async function decideHeldAtCentre(
  ds: DataSource,
  store: Store,
  actor: AuditActor & { clerkId: string },
  opIds: string[],
  release: boolean,
  at: Date,
): Promise<HeldDecision[]> {
  const [r] = await ds.query<{ r: { refused?: string; decided: HeldDecision[] } }[]>(
    `SELECT sync_decide_held($1::text[], $2, $3) AS r`,
    [opIds, actor.clerkId, release],
  );
  if (r?.r.refused) throw new AppError('NOT_ALLOWED', `The centre refused: ${r.r.refused}.`);
  const out = r?.r.decided ?? [];
  await store.tx(async (m) => {
    await m.query(
      `UPDATE outbox SET next_attempt_at = ? WHERE held_at IS NOT NULL AND status = 'pending'
         AND op_id IN (SELECT value FROM json_each(?))`,
      [at.toISOString(), JSON.stringify(opIds)],
    );
    await appendAudit(
      m,
      actor,
      {
        action: 'sync.heldDecided',
        subject: null,
        text: `${release ? 'Released' : 'Refused'} ${out.length} held operation(s) at the centre.`,
        data: { decision: release ? 'release' : 'refuse', count: out.length, decided: out },
      },
      at,
    );
  });
  return out;
}
