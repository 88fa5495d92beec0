import type { CoreContext } from '../context';
import type { PassportListHolder } from '../passport-list';
import type { PrintBackend } from '../printing';
import type { SyncStatus } from '../../../shared/schemas/supervisor';
import type { VisitSecrets } from './memory';

/** What the visit services need beyond the core context. */
export interface VisitDeps {
  ctx: CoreContext;
  secrets: VisitSecrets;
  passportList: PassportListHolder;
  printer: PrintBackend;
  /** The sync state, for what a sheet may promise; unset until sync has started. */
  syncStatus?: () => Promise<SyncStatus>;
}
