import { AppError } from '../../../../shared/errors';
import type { SessionState, SetupMode } from '../../../../shared/schemas/session';
import type { CoreContext } from '../../context';
import type { SyncControl } from '../../supervisor/sync-control';
import { loadIdentity } from '../../sync/identity';
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

/** How this workstation's first start goes (shared/schemas/session.ts SetupMode). */
async function setupMode(
  ctx: CoreContext,
  sync: () => SyncControl,
): Promise<{ setupMode: SetupMode; centreError: string | null }> {
  const st = await sync().status();
  if (st.state === 'disabled') return { setupMode: 'local', centreError: null };
  const id = await ctx.store.run((m) => loadIdentity(m));
  if (id?.mode === 'workstation')
    return { setupMode: id.officeHasStaff ? 'join' : 'found', centreError: null };
  if (id?.mode === 'legacy' || id?.mode === 'centre')
    return { setupMode: 'local', centreError: null };
  return { setupMode: 'waiting', centreError: st.lastError };
}

export function sessionHandlers(
  ctx: CoreContext,
  session: Session,
  meta: AppMeta,
  sync: () => SyncControl,
): Pick<
  Handlers,
  | 'app.info'
  | 'session.setup'
  | 'session.signIn'
  | 'session.current'
  | 'session.signOut'
  | 'recovery.status'
  | 'recovery.startOver'
> {
  return {
    'app.info': async () => {
      const s = ctx.settings.get();
      return {
        version: meta.version,
        needsSetup: await needsSetup(ctx),
        ...(await setupMode(ctx, sync)),
        keyLost: null,
        demoRegistry: (await ctx.settings.getValue<boolean>('registry.demo')) === true,
        language: s.language,
        officeName: s.office.name,
        idleLockMinutes: s.idleLockMinutes,
      };
    },
    'session.setup': async (input) => {
      // An office whose staff are at the centre is joined, not founded again; and a centre
      // that has not answered yet may well have them.
      const mode = (await setupMode(ctx, sync)).setupMode;
      if (mode === 'join')
        throw new AppError('SETUP_ALREADY_DONE', "The office's staff come from the centre.");
      if (mode === 'waiting')
        throw new AppError('CENTRAL_UNREACHABLE', 'The centre has not answered yet.');
      session.signIn(await setupFirstSupervisor(ctx, input));
      return state(session);
    },
    'session.signIn': async ({ login, password }) => {
      session.signIn(await signIn(ctx, login, password));
      return state(session);
    },
    'session.current': () => state(session),
    // The store opened: there is nothing to recover (electron/core/recovery.ts serves these
    // when it cannot be).
    'recovery.status': () => {
      throw new AppError('NOT_ALLOWED', 'The local store is open; there is nothing to recover.');
    },
    'recovery.startOver': () => {
      throw new AppError('NOT_ALLOWED', 'The local store is open; there is nothing to recover.');
    },
    'session.signOut': async (_input, { clerk }) => {
      await ctx.store.tx((m) =>
        audit(ctx, m, clerk, { action: 'staff.signOut', text: `${clerk.login} signed out.` }),
      );
      session.signOut();
      return { done: true as const };
    },
  };
}
