// Sync cursors in the local store (table sync_state, migration 0002). Values are JSON.
import type { EntityManager } from 'typeorm';

export const STATE = {
  /** The centre snapshot (pg_snapshot text) the registry replica is current to. */
  feedSnapshot: 'feed.snapshot',
  /** The districts the replica holds (sorted JSON array); another set means a reload. */
  feedDistricts: 'feed.districts',
  /** The centre's clock when the replica was last brought up to date. */
  registryAt: 'registry.at',
  /** The last audit entry (seq) the centre confirmed. */
  auditPushedSeq: 'audit.pushedSeq',
  /** What the centre said this workstation is at the last hello (sync/identity.ts). */
  identity: 'centre.identity',
  /** The office whose staff directory this store holds from the centre. */
  staffOffice: 'staff.office',
  /** Staff from before the directory moved to the centre, still to be sent once. */
  staffImportPending: 'staff.importPending',
} as const;

export async function getState<T>(m: EntityManager, key: string): Promise<T | null> {
  const rows = await m.query<{ value: string }[]>(`SELECT value FROM sync_state WHERE key = ?`, [
    key,
  ]);
  const v = rows[0]?.value;
  return v === undefined ? null : (JSON.parse(v) as T);
}

export async function setState(
  m: EntityManager,
  key: string,
  value: unknown,
  at: Date,
): Promise<void> {
  await m.query(
    `INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    [key, JSON.stringify(value), at.toISOString()],
  );
}
