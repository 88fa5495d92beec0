import type { z } from 'zod';
import type { ConflictView, DeadOperation, SyncStatus } from '../../../shared/schemas/supervisor';
import type { Store } from '../db/store';

/** What the app asks of sync, whether or not a central database is configured. */
export interface SyncControl {
  status(): Promise<SyncStatus>;
  syncNow(): Promise<SyncStatus>;
  listDead(): Promise<z.infer<typeof DeadOperation>[]>;
  retryDead(opId: string, by: string): Promise<void>;
  listConflicts(): Promise<z.infer<typeof ConflictView>[]>;
  stop(): Promise<void>;
}

/**
 * No central database configured: nothing leaves the workstation, and the app bar says so
 * with the number of operations that will go once it is configured.
 */
export function disabledSync(store: Store): SyncControl {
  const status = async (): Promise<SyncStatus> => {
    const rows = await store.run((m) =>
      m.query<{ status: string; n: number }[]>(
        "SELECT status, COUNT(*) AS n FROM outbox WHERE status IN ('pending', 'dead') GROUP BY status",
      ),
    );
    const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
    return {
      state: 'disabled',
      offlineSince: null,
      pending: n('pending'),
      dead: n('dead'),
      lastError: null,
      lastSyncAt: null,
      registryAt: null,
    };
  };
  return {
    status,
    syncNow: status,
    listDead: () => Promise.resolve([]),
    retryDead: () => Promise.resolve(),
    listConflicts: () => Promise.resolve([]),
    stop: () => Promise.resolve(),
  };
}
