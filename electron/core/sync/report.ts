// What this workstation tells the centre is waiting here (its unsent operations and the head
// of its audit chain), so that after a lost store key the centre can say whether starting
// again loses anything (core/recovery.ts). Said only when it changed since the last time.
import type { DataSource } from 'typeorm';
import type { Store } from '../db/store';

/** Reports `waiting` operations and the audit head; returns what was said, for next time. */
export async function reportWaiting(
  ds: DataSource,
  store: Store,
  waiting: number,
  lastSaid: string,
): Promise<string> {
  const [head] = await store.run((m) =>
    m.query<{ seq: number }[]>(`SELECT coalesce(max(seq), 0) AS seq FROM audit_event`),
  );
  const seq = Number(head?.seq ?? 0);
  const said = `${waiting}:${seq}`;
  if (said !== lastSaid) await ds.query(`SELECT sync_report_state($1, $2)`, [waiting, seq]);
  return said;
}
