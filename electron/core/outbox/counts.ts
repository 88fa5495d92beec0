import type { Store } from '../db/store';

/** What waits in the outbox: pending to send, held by the centre for a supervisor, dead. */
export async function outboxCounts(
  store: Store,
): Promise<{ pending: number; held: number; dead: number }> {
  const rows = await store.run((m) =>
    m.query<{ status: string; n: number }[]>(
      `SELECT CASE WHEN status = 'pending' AND held_at IS NOT NULL THEN 'held' ELSE status END AS status,
         count(*) AS n
       FROM outbox WHERE status IN ('pending', 'dead') GROUP BY 1`,
    ),
  );
  const n = (s: string): number => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { pending: n('pending'), held: n('held'), dead: n('dead') };
}
