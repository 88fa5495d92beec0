import { verifyAuditChain } from '../../audit/chain';
import { audit, type CoreContext } from '../../context';
import {
  changeOwnPassword,
  createClerk,
  listClerks,
  resetClerkPassword,
  updateClerk,
} from '../../staff/admin';
import type { Session } from '../../staff/session';
import type { Handlers } from '../dispatch';

type StaffChannels =
  | 'session.lock'
  | 'session.changePassword'
  | 'staff.list'
  | 'staff.create'
  | 'staff.update'
  | 'staff.resetPassword'
  | 'audit.verify';

export function staffHandlers(ctx: CoreContext, session: Session): Pick<Handlers, StaffChannels> {
  return {
    'session.lock': async (_i, { clerk }) => {
      await ctx.store.tx((m) =>
        audit(ctx, m, clerk, { action: 'staff.lock', text: `Screen locked for ${clerk.login}.` }),
      );
      session.lock();
      return { done: true as const };
    },
    'session.changePassword': async ({ current, next }, { clerk }) => {
      session.refresh(await changeOwnPassword(ctx, clerk, current, next));
      return session.current();
    },
    'staff.list': () => listClerks(ctx),
    'staff.create': (input, { clerk }) => createClerk(ctx, clerk, input),
    'staff.update': (input, { clerk }) => updateClerk(ctx, clerk, input),
    'staff.resetPassword': async ({ id, password }, { clerk }) => {
      await resetClerkPassword(ctx, clerk, id, password);
      return { done: true as const };
    },
    'audit.verify': () => verifyAuditChain(ctx.store),
  };
}
