import type { SessionState } from '../../../../shared/schemas/session';
import type { CoreContext } from '../../context';
import { needsSetup, setupFirstSupervisor, signIn } from '../../staff/service';
import type { Session } from '../../staff/session';
import type { Handlers } from '../dispatch';
import { audit } from '../../context';

export interface AppMeta {
  version: string;
}

function state(session: Session): SessionState {
  return session.current();
}

export function sessionHandlers(
  ctx: CoreContext,
  session: Session,
  meta: AppMeta,
): Pick<
  Handlers,
  'app.info' | 'session.setup' | 'session.signIn' | 'session.current' | 'session.signOut'
> {
  return {
    'app.info': async () => {
      const s = ctx.settings.get();
      return {
        version: meta.version,
        needsSetup: await needsSetup(ctx),
        demoRegistry: (await ctx.settings.getValue<boolean>('registry.demo')) === true,
        language: s.language,
        officeName: s.office.name,
        idleLockMinutes: s.idleLockMinutes,
      };
    },
    'session.setup': async (input) => {
      session.signIn(await setupFirstSupervisor(ctx, input));
      return state(session);
    },
    'session.signIn': async ({ login, password }) => {
      session.signIn(await signIn(ctx, login, password));
      return state(session);
    },
    'session.current': () => state(session),
    'session.signOut': async (_input, { clerk }) => {
      await ctx.store.tx((m) =>
        audit(ctx, m, clerk, { action: 'staff.signOut', text: `${clerk.login} signed out.` }),
      );
      session.signOut();
      return { done: true as const };
    },
  };
}
