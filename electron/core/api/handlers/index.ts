import type { CoreContext } from '../../context';
import type { Session } from '../../staff/session';
import type { VisitDeps } from '../../visits/deps';
import type { Handlers } from '../dispatch';
import { personalDataHandlers } from './personal-data';
import { sessionHandlers, type AppMeta } from './session';
import { staffHandlers } from './staff';
import { supervisorHandlers, type SupervisorDeps } from './supervisor';
import { visitHandlers } from './visit';

/** Every channel's handler; the type makes a missing one a compile error. */
export function createHandlers(
  ctx: CoreContext,
  session: Session,
  meta: AppMeta,
  visits: VisitDeps,
  supervisor: SupervisorDeps,
): Handlers {
  return {
    ...sessionHandlers(ctx, session, meta, supervisor.sync),
    ...staffHandlers(ctx, session),
    ...visitHandlers(visits),
    ...supervisorHandlers(supervisor),
    ...personalDataHandlers(supervisor),
  };
}
