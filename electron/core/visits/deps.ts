import type { CoreContext } from '../context';
import type { PassportListHolder } from '../passport-list';
import type { PrintBackend } from '../printing';
import type { VisitSecrets } from './memory';

/** What the visit services need beyond the core context. */
export interface VisitDeps {
  ctx: CoreContext;
  secrets: VisitSecrets;
  passportList: PassportListHolder;
  printer: PrintBackend;
}
