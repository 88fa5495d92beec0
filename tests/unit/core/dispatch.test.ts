import { describe, expect, it, vi } from 'vitest';
import { contract, type Channel } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { ClerkSummary } from '../../../shared/schemas/session';
import { createDispatcher, type Handlers } from '../../../electron/core/api/dispatch';
import { fixedClock } from '../../../electron/core/clock';
import { createLogger, memorySink } from '../../../electron/core/log/logger';
import { Session } from '../../../electron/core/staff/session';

const clerk: ClerkSummary = {
  id: 'c1',
  login: 'ivanov',
  fullName: 'Иванов',
  role: 'clerk',
  officeId: 'MSK-1',
  mustChangePassword: false,
};
const supervisor: ClerkSummary = { ...clerk, id: 's1', login: 'petrova', role: 'supervisor' };
const trusted = { trusted: true, url: 'app://access-desk/index.html' };

function setup(overrides: Partial<Record<Channel, (...a: unknown[]) => unknown>> = {}) {
  const clock = fixedClock('2026-11-25T09:00:00Z');
  const session = new Session(clock, () => 15);
  const sink = memorySink();
  const calls: string[] = [];
  const handlers = new Proxy({} as Handlers, {
    get: (_t, name: string) =>
      overrides[name as Channel] ??
      ((input: unknown) => {
        calls.push(name);
        return name === 'staff.list' ? [] : { done: true, input };
      }),
  });
  const dispatch = createDispatcher(handlers, session, createLogger('test', [sink]));
  return { clock, session, sink, calls, dispatch };
}

describe('the IPC dispatcher', () => {
  it('refuses an untrusted sender before anything else, and logs the frame', async () => {
    const { dispatch, calls, sink } = setup();
    const res = await dispatch(
      { trusted: false, url: 'https://evil.example/' },
      'session.current',
      {},
    );
    expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(calls).toEqual([]);
    expect(sink.records.at(-1)?.data).toMatchObject({ url: 'https://evil.example/' });
  });

  it('refuses a channel that is not in the contract', async () => {
    const { dispatch } = setup();
    expect(await dispatch(trusted, 'constructor', {})).toMatchObject({
      ok: false,
      code: 'UNKNOWN_CHANNEL',
    });
    expect(await dispatch(trusted, 'fs.read', {})).toMatchObject({
      ok: false,
      code: 'UNKNOWN_CHANNEL',
    });
  });

  it('answers BAD_INPUT with the issues and never reaches the handler', async () => {
    const { dispatch, calls } = setup();
    const res = await dispatch(trusted, 'session.signIn', { login: '', password: 5 });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.code).toBe('BAD_INPUT');
    expect(res.issues?.map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining(['login', 'password']),
    );
    expect(calls).toEqual([]);
  });

  it('rejects extra keys on strict inputs', async () => {
    const { dispatch, calls } = setup();
    expect(await dispatch(trusted, 'app.info', { sneaky: 1 })).toMatchObject({
      ok: false,
      code: 'BAD_INPUT',
    });
    expect(calls).toEqual([]);
  });

  it('needs a session for staff channels and the right role for supervisor ones', async () => {
    const { dispatch, session, calls } = setup();
    expect(await dispatch(trusted, 'staff.list', {})).toMatchObject({
      ok: false,
      code: 'NOT_SIGNED_IN',
    });
    session.signIn(clerk);
    expect(await dispatch(trusted, 'staff.list', {})).toMatchObject({
      ok: false,
      code: 'NOT_ALLOWED',
    });
    expect(calls).toEqual([]);
    session.signIn(supervisor);
    expect(await dispatch(trusted, 'staff.list', {})).toMatchObject({ ok: true, data: [] });
    expect(calls).toEqual(['staff.list']);
  });

  it('locks after the idle time and refuses staff channels until sign-in', async () => {
    const { dispatch, session, clock } = setup();
    session.signIn(clerk);
    clock.advance(14 * 60_000);
    expect(await dispatch(trusted, 'session.signOut', {})).toMatchObject({ ok: true });
    session.signIn(clerk);
    clock.advance(15 * 60_000);
    expect(await dispatch(trusted, 'session.signOut', {})).toMatchObject({
      ok: false,
      code: 'SESSION_LOCKED',
    });
    expect(session.current()).toMatchObject({ locked: true, clerk: { login: 'ivanov' } });
  });

  it('turns an AppError into a typed failure with its details, logged once', async () => {
    const { dispatch, sink } = setup({
      'session.signIn': () => {
        throw new AppError('CLERK_LOCKED_OUT', 'locked', { until: '2026-11-25T09:15:00.000Z' });
      },
    });
    const before = sink.records.length;
    const res = await dispatch(trusted, 'session.signIn', { login: 'x', password: 'y' });
    expect(res).toEqual({
      ok: false,
      code: 'CLERK_LOCKED_OUT',
      message: 'locked',
      details: { until: '2026-11-25T09:15:00.000Z' },
    });
    expect(sink.records.length - before).toBe(1);
  });

  it('turns anything else into INTERNAL without leaking its message', async () => {
    const { dispatch, sink } = setup({
      'session.current': () => {
        throw new Error('SQLITE_CORRUPT: secret path /home/x');
      },
    });
    const res = await dispatch(trusted, 'session.current', {});
    expect(res).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(JSON.stringify(res)).not.toContain('SQLITE_CORRUPT');
    expect(sink.records.filter((r) => r.level === 'error')).toHaveLength(1);
  });

  it('filters the output through its schema: fields outside the contract never cross', async () => {
    const { dispatch, session } = setup({
      'staff.list': () => [
        {
          id: 'c1',
          login: 'ivanov',
          fullName: 'Иванов',
          role: 'clerk',
          officeId: 'MSK-1',
          mustChangePassword: false,
          disabled: false,
          lockedOutUntil: null,
          createdAt: 'x',
          passwordHash: '$argon2id$secret',
        },
      ],
    });
    session.signIn(supervisor);
    const res = await dispatch(trusted, 'staff.list', {});
    expect(res.ok).toBe(true);
    expect(JSON.stringify(res)).not.toContain('argon2id');
  });

  it('answers INTERNAL when a handler returns the wrong shape', async () => {
    const { dispatch } = setup({ 'session.current': () => ({ nope: true }) });
    expect(await dispatch(trusted, 'session.current', {})).toMatchObject({
      ok: false,
      code: 'INTERNAL',
    });
  });

  it('every channel in the contract declares a role and schemas', () => {
    for (const [name, spec] of Object.entries(contract)) {
      expect(['public', 'clerk', 'supervisor'], name).toContain(spec.role);
      expect(typeof spec.input.safeParse, name).toBe('function');
      expect(typeof spec.output.safeParse, name).toBe('function');
    }
  });
});

describe('a session', () => {
  it('fires lock listeners on lock, sign-out and a switch of clerk', () => {
    const session = new Session(fixedClock('2026-11-25T09:00:00Z'), () => 15);
    const fired = vi.fn();
    session.onLock(fired);
    session.signIn(clerk);
    session.lock();
    session.signIn(clerk);
    session.signIn(supervisor);
    session.signOut();
    expect(fired).toHaveBeenCalledTimes(3);
  });
});
