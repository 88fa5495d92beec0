import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { ClerkRecord, ClerkSummary } from '../../../shared/schemas/session';
import { audit, type CoreContext } from '../context';
import { hashSecret, verifySecret } from '../crypto/argon';
import { Clerk, SignInThrottle, type ClerkRow } from '../db/entities';
import { enqueueStaff, toSummary } from './service';

// What a supervisor does to staff accounts, and a clerk to their own password.

export async function listClerks(ctx: CoreContext): Promise<ClerkRecord[]> {
  const now = ctx.clock.now().toISOString();
  return ctx.store.run(async (m) => {
    const [clerks, throttles] = await Promise.all([
      m.find(Clerk, { order: { fullName: 'ASC' } }),
      m.find(SignInThrottle),
    ]);
    const lockedUntil = new Map(
      throttles
        .filter((t) => t.lockedUntil && t.lockedUntil > now)
        .map((t) => [t.login, t.lockedUntil]),
    );
    return clerks.map((c) => ({
      ...toSummary(c),
      disabled: c.disabledAt !== null,
      lockedOutUntil: lockedUntil.get(c.login.toLowerCase()) ?? null,
      createdAt: c.createdAt,
    }));
  });
}

export async function createClerk(
  ctx: CoreContext,
  by: ClerkSummary,
  input: { login: string; fullName: string; role: 'clerk' | 'supervisor'; password: string },
): Promise<ClerkSummary> {
  const passwordHash = await hashSecret(input.password);
  const at = ctx.clock.now().toISOString();
  return ctx.store.tx(async (m) => {
    const taken = await m
      .getRepository(Clerk)
      .createQueryBuilder('c')
      .where('c.login = :l COLLATE NOCASE', { l: input.login })
      .getCount();
    if (taken > 0) throw new AppError('LOGIN_TAKEN', 'This login is taken.');
    const row: ClerkRow = {
      id: randomUUID(),
      officeId: ctx.officeId(),
      login: input.login,
      fullName: input.fullName,
      role: input.role,
      passwordHash,
      mustChangePassword: true,
      disabledAt: null,
      createdAt: at,
      updatedAt: at,
    };
    await m.insert(Clerk, row);
    await enqueueStaff(ctx, m, 'staff.create', {
      clerkId: row.id,
      login: row.login,
      fullName: row.fullName,
      role: row.role,
      passwordHash,
      mustChange: true,
      createdAt: at,
      by: by.id,
    });
    await audit(ctx, m, by, {
      action: 'staff.create',
      text: `${by.login} created ${row.role} ${row.login}.`,
      data: { login: row.login, role: row.role },
    });
    return toSummary(row);
  });
}

export async function updateClerk(
  ctx: CoreContext,
  by: ClerkSummary,
  input: {
    id: string;
    fullName?: string | undefined;
    role?: 'clerk' | 'supervisor' | undefined;
    disabled?: boolean | undefined;
    unlock?: boolean | undefined;
  },
): Promise<ClerkSummary> {
  const now = ctx.clock.now().toISOString();
  return ctx.store.tx(async (m) => {
    const c = await m.findOneBy(Clerk, { id: input.id });
    if (!c) throw new AppError('CLERK_NOT_FOUND', 'No such clerk.');
    // A supervisor who demotes or disables themselves could leave the office without one.
    if (c.id === by.id && (input.role === 'clerk' || input.disabled === true)) {
      throw new AppError('CANNOT_CHANGE_SELF', 'You cannot demote or disable yourself.');
    }
    const changes: Partial<ClerkRow> = { updatedAt: now };
    if (input.fullName !== undefined) changes.fullName = input.fullName;
    if (input.role !== undefined) changes.role = input.role;
    if (input.disabled !== undefined) changes.disabledAt = input.disabled ? now : null;
    await m.update(Clerk, { id: c.id }, changes);
    if (input.unlock) await m.delete(SignInThrottle, { login: c.login.toLowerCase() });
    await enqueueStaff(ctx, m, 'staff.update', {
      clerkId: c.id,
      ...(input.fullName !== undefined && { fullName: input.fullName }),
      ...(input.role !== undefined && { role: input.role }),
      ...(input.disabled !== undefined && { disabled: input.disabled }),
      ...(input.unlock && { unlock: true }),
      at: now,
      by: by.id,
    });
    const { updatedAt: _u, ...audited } = changes;
    await audit(ctx, m, by, {
      action: 'staff.update',
      text: `${by.login} updated ${c.login}.`,
      data: { login: c.login, ...audited, unlocked: input.unlock === true },
    });
    return toSummary({ ...c, ...changes });
  });
}

export async function resetClerkPassword(
  ctx: CoreContext,
  by: ClerkSummary,
  id: string,
  password: string,
): Promise<void> {
  const passwordHash = await hashSecret(password);
  const now = ctx.clock.now().toISOString();
  await ctx.store.tx(async (m) => {
    const c = await m.findOneBy(Clerk, { id });
    if (!c) throw new AppError('CLERK_NOT_FOUND', 'No such clerk.');
    if (c.id === by.id)
      throw new AppError('CANNOT_CHANGE_SELF', 'Change your own password from your profile.');
    await m.update(Clerk, { id }, { passwordHash, mustChangePassword: true, updatedAt: now });
    await m.delete(SignInThrottle, { login: c.login.toLowerCase() });
    await enqueueStaff(ctx, m, 'staff.password', {
      clerkId: id,
      passwordHash,
      mustChange: true,
      at: now,
      by: by.id,
    });
    await audit(ctx, m, by, {
      action: 'staff.passwordReset',
      text: `${by.login} reset the password of ${c.login}.`,
      data: { login: c.login },
    });
  });
}

export async function changeOwnPassword(
  ctx: CoreContext,
  me: ClerkSummary,
  current: string,
  next: string,
): Promise<ClerkSummary> {
  const row = await ctx.store.run((m) => m.findOneBy(Clerk, { id: me.id }));
  if (!row || !(await verifySecret(row.passwordHash, current))) {
    throw new AppError('BAD_CREDENTIALS', 'The current password is wrong.');
  }
  if (current === next) throw new AppError('WEAK_CLERK_PASSWORD', 'Choose a new password.');
  const passwordHash = await hashSecret(next);
  const now = ctx.clock.now().toISOString();
  await ctx.store.tx(async (m) => {
    await m.update(
      Clerk,
      { id: me.id },
      { passwordHash, mustChangePassword: false, updatedAt: now },
    );
    await enqueueStaff(ctx, m, 'staff.password', {
      clerkId: me.id,
      passwordHash,
      mustChange: false,
      at: now,
      by: me.id,
    });
    await audit(ctx, m, me, {
      action: 'staff.passwordChange',
      text: `${me.login} changed their password.`,
    });
  });
  return toSummary({ ...row, mustChangePassword: false });
}
