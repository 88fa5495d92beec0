import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../../shared/errors';
import type { ClerkSummary } from '../../../shared/schemas/session';
import { audit, type CoreContext } from '../context';
import { hashSecret, verifyAgainstNothing, verifySecret } from '../crypto/argon';
import { Clerk, SignInThrottle, type ClerkRow } from '../db/entities';
import { enqueue } from '../outbox/enqueue';
import type { OpKind, OpPayload } from '../outbox/ops';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_OUT_MINUTES = 15;

export function toSummary(c: ClerkRow): ClerkSummary {
  return {
    id: c.id,
    login: c.login,
    fullName: c.fullName,
    role: c.role,
    officeId: c.officeId,
    mustChangePassword: c.mustChangePassword,
  };
}

const loginKey = (login: string): string => login.trim().toLowerCase();

type StaffKind = Extract<OpKind, `staff.${string}`>;

/**
 * Sends a change to the office's staff directory to the centre, in the transaction that
 * makes it here (outbox/ops.ts); the office and workstation are this one's.
 */
export function enqueueStaff<K extends StaffKind>(
  ctx: CoreContext,
  m: EntityManager,
  kind: K,
  payload: Omit<OpPayload<K>, 'officeId' | 'workstationId'>,
): Promise<string> {
  const full = { ...payload, officeId: ctx.officeId(), workstationId: ctx.workstationId };
  return enqueue(m, kind, full as OpPayload<K>, ctx.clock.now());
}

export async function needsSetup(ctx: CoreContext): Promise<boolean> {
  return (await ctx.store.run((m) => m.count(Clerk))) === 0;
}

/** First run: the office and its first supervisor. There is no default account anywhere. */
export async function setupFirstSupervisor(
  ctx: CoreContext,
  input: { officeName: string; login: string; fullName: string; password: string },
): Promise<ClerkSummary> {
  const passwordHash = await hashSecret(input.password);
  const now = ctx.clock.now();
  const at = now.toISOString();
  return ctx.store.tx(async (m) => {
    if ((await m.count(Clerk)) > 0)
      throw new AppError('SETUP_ALREADY_DONE', 'The first supervisor already exists.');
    const settings = await ctx.settings.update(
      m,
      { office: { ...ctx.settings.get().office, name: input.officeName } },
      now,
    );
    const officeId = settings.office.code;
    const clerk: ClerkRow = {
      id: randomUUID(),
      officeId,
      login: input.login.trim(),
      fullName: input.fullName.trim(),
      role: 'supervisor',
      passwordHash,
      mustChangePassword: false,
      disabledAt: null,
      createdAt: at,
      updatedAt: at,
    };
    await m.insert(Clerk, clerk);
    // The office's founding supervisor, for the office's directory at the centre.
    await enqueueStaff(ctx, m, 'staff.create', {
      clerkId: clerk.id,
      login: clerk.login,
      fullName: clerk.fullName,
      role: clerk.role,
      passwordHash,
      mustChange: false,
      createdAt: at,
      by: clerk.id,
    });
    await audit(ctx, m, clerk, {
      action: 'staff.setup',
      text: `First supervisor ${clerk.login} created for office ${officeId}.`,
      data: { login: clerk.login, officeId },
    });
    return toSummary(clerk);
  });
}

/**
 * Checks a staff login and password. An unknown login and a wrong password get the same
 * answer in the same time, and both count towards the same lock-out, which is kept in the
 * database across restarts. Used for sign-in and for a supervisor's approval on a clerk's
 * screen alike, so neither is a way round the other's lock-out.
 */
export async function authenticate(
  ctx: CoreContext,
  login: string,
  password: string,
  purpose: 'sign-in' | 'approval',
): Promise<ClerkRow> {
  const key = loginKey(login);
  const now = ctx.clock.now();
  const failedAction = purpose === 'sign-in' ? 'staff.signInFailed' : 'approval.refused';
  const [throttle, clerk] = await ctx.store.run(
    async (m) =>
      [
        await m.findOneBy(SignInThrottle, { login: key }),
        await m
          .getRepository(Clerk)
          .createQueryBuilder('c')
          .where('c.login = :login COLLATE NOCASE', { login: key })
          .getOne(),
      ] as const,
  );

  if (throttle?.lockedUntil && throttle.lockedUntil > now.toISOString()) {
    await ctx.store.tx((m) =>
      audit(ctx, m, null, {
        action: failedAction,
        text: `Refused while locked out: ${key}.`,
        data: { login: key, reason: 'locked-out' },
      }),
    );
    throw new AppError('CLERK_LOCKED_OUT', 'Too many failed attempts.', {
      until: throttle.lockedUntil,
    });
  }

  const ok = clerk
    ? await verifySecret(clerk.passwordHash, password)
    : await verifyAgainstNothing(password);
  if (!ok || !clerk) {
    const failures = (throttle?.lockedUntil ? 0 : (throttle?.failures ?? 0)) + 1;
    const lockedOut = failures >= MAX_FAILED_SIGN_INS;
    const until = lockedOut
      ? new Date(now.getTime() + LOCK_OUT_MINUTES * 60_000).toISOString()
      : null;
    await ctx.store.tx(async (m) => {
      await m.upsert(
        SignInThrottle,
        { login: key, failures, lockedUntil: until, lastFailureAt: now.toISOString() },
        ['login'],
      );
      await audit(ctx, m, null, {
        action: failedAction,
        text: `Wrong password for ${key}.`,
        data: { login: key, failures, purpose },
      });
      if (lockedOut && until) {
        await audit(ctx, m, null, {
          action: 'staff.lockedOut',
          text: `${key} locked out until ${until}.`,
          data: { login: key, until },
        });
        // Every counter of the office locks the login too (a no-op there for an unknown one).
        await enqueueStaff(ctx, m, 'staff.lockout', { login: key, until, at: now.toISOString() });
      }
    });
    if (lockedOut && until)
      throw new AppError('CLERK_LOCKED_OUT', 'Too many failed attempts.', { until });
    throw new AppError('BAD_CREDENTIALS', 'Wrong login or password.', {
      attemptsLeft: MAX_FAILED_SIGN_INS - failures,
    });
  }

  if (clerk.disabledAt) {
    await ctx.store.tx((m) =>
      audit(ctx, m, clerk, {
        action: failedAction,
        text: `Disabled account ${clerk.login} was refused.`,
        data: { login: clerk.login, reason: 'disabled' },
      }),
    );
    throw new AppError('CLERK_DISABLED', 'This account is disabled.');
  }
  if (throttle) await ctx.store.run((m) => m.delete(SignInThrottle, { login: key }));
  return clerk;
}

export async function signIn(
  ctx: CoreContext,
  login: string,
  password: string,
): Promise<ClerkSummary> {
  const clerk = await authenticate(ctx, login, password, 'sign-in');
  await ctx.store.tx((m) =>
    audit(ctx, m, clerk, {
      action: 'staff.signIn',
      text: `${clerk.login} signed in.`,
      data: { login: clerk.login },
    }),
  );
  return toSummary(clerk);
}
