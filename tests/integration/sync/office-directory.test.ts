// One staff directory per office, kept at the centre (issue 11): a person created, reset,
// disabled or locked out at one counter is the same at every counter of the office within
// seconds, and a new counter enrolled into the office joins its directory at first start
// instead of asking for a first supervisor. Two real cores on real encrypted stores, each
// with its own enrolled login, against a real PostgreSQL.
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/core';
import { fixedClock } from '../../../electron/core/clock';
import { memorySink } from '../../../electron/core/log/logger';
import { CLERK, openTestCore, signInAs, SUP, type TestCore } from '../core/harness';
import { type Centre, sealedPlatform, startCentre, waitFor } from './harness';

const TUNING = { idleCheckMs: 50, backoffBaseMs: 50, backoffCapMs: 200, feedPollMs: 500 };
// Real time: the centre bounds a lock-out by its own clock.
const NOW = new Date().toISOString();

let centre: Centre;
let first: TestCore; // the counter that founded the office
let second: { core: Core; close(): Promise<void> };

async function dispatch<C extends Channel>(core: Core, channel: C, input: ChannelInput<C>) {
  return core.dispatch({ trusted: true, url: 'app://access-desk/index.html' }, channel, input);
}

async function ok<C extends Channel>(
  core: Core,
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const r = await dispatch(core, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.code} ${r.message}`);
  return r.data as ChannelOutput<C>;
}

async function code<C extends Channel>(
  core: Core,
  channel: C,
  input: ChannelInput<C>,
): Promise<string> {
  const r = await dispatch(core, channel, input);
  return r.ok ? 'ok' : r.code;
}

async function signIn(core: Core, login: string, password: string): Promise<string> {
  return code(core, 'session.signIn', { login, password });
}

beforeAll(async () => {
  centre = await startCentre({ accounts: 300 });
  const one = await centre.enrol('MSK-001', { name: 'counter 1' });
  first = await openTestCore({
    now: NOW,
    sync: { env: { ACCESS_DESK_CENTRAL_URL: one.url }, tuning: TUNING },
  });
  await waitFor('the founding staff at the centre', async () => {
    const rows = await centre.admin.query<unknown[]>(
      `SELECT 1 FROM staff WHERE office_id = 'MSK-001'`,
    );
    return rows.length === 2;
  });
}, 120_000);

afterAll(async () => {
  await second?.close();
  await first?.close();
  await centre?.close();
});

describe('a counter enrolled into an office that has staff', () => {
  it('joins the office’s directory at first start instead of asking for a first supervisor', async () => {
    const two = await centre.enrol('MSK-001', { name: 'counter 2' });
    second = await openCounter(two.url);
    const { core } = second;
    await waitFor('the directory arrives', async () => {
      const info = await ok(core, 'app.info', {});
      return !info.needsSetup;
    });
    const info = await ok(core, 'app.info', {});
    expect(info).toMatchObject({ needsSetup: false, setupMode: 'join', centreError: null });
    // Founding the office again is refused: its staff come from the centre.
    expect(
      await code(core, 'session.setup', {
        officeName: 'x',
        login: 'another',
        fullName: 'Another',
        password: 'Another-pass-1',
      }),
    ).toBe('SETUP_ALREADY_DONE');
    // The office's people sign in here with the passwords they chose at the first counter.
    expect(await signIn(core, SUP.login, SUP.password)).toBe('ok');
    const staff = await ok(core, 'staff.list', {});
    expect(staff.map((c) => [c.login, c.role, c.officeId])).toEqual([
      [CLERK.login, 'clerk', 'MSK-001'],
      [SUP.login, 'supervisor', 'MSK-001'],
    ]);
  });

  it('takes a clerk created at one counter to the other', async () => {
    await ok(second.core, 'staff.create', {
      login: 'sidorova',
      fullName: 'Сидорова Мария',
      role: 'clerk',
      password: 'Sidorova-pass-1',
    });
    await waitFor(
      'the new clerk at the first counter',
      async () => {
        return (await signIn(first.core, 'sidorova', 'Sidorova-pass-1')) === 'ok';
      },
      10_000,
    );
    const me = await ok(first.core, 'session.current', {});
    expect(me.clerk).toMatchObject({ login: 'sidorova', mustChangePassword: true });
  });

  it('takes a supervisor’s reset and a clerk’s own password change to the other counter', async () => {
    // Reset at the second counter (the supervisor is signed in there).
    const list = await ok(second.core, 'staff.list', {});
    const ivanov = list.find((c) => c.login === CLERK.login)!;
    await ok(second.core, 'staff.resetPassword', { id: ivanov.id, password: 'Reset-by-sup-1' });
    await waitFor(
      'the reset at the first counter',
      async () => {
        return (await signIn(first.core, CLERK.login, 'Reset-by-sup-1')) === 'ok';
      },
      10_000,
    );
    expect(await signIn(first.core, CLERK.login, CLERK.password)).toBe('BAD_CREDENTIALS');
    // The clerk chooses a new one at the first counter; the second counter takes it.
    await ok(first.core, 'session.changePassword', {
      current: 'Reset-by-sup-1',
      next: 'Ivanov-own-pass-2',
    });
    await waitFor(
      'the own change at the second counter',
      async () => {
        const r = await signIn(second.core, CLERK.login, 'Ivanov-own-pass-2');
        return r === 'ok';
      },
      10_000,
    );
    // Back to the supervisor at the second counter for the tests below.
    expect(await signIn(second.core, SUP.login, SUP.password)).toBe('ok');
  });

  it('takes a disable to the other counter within seconds, and signs the clerk out there', async () => {
    expect(await signIn(first.core, 'sidorova', 'Sidorova-pass-1')).toBe('ok');
    const list = await ok(second.core, 'staff.list', {});
    const sidorova = list.find((c) => c.login === 'sidorova')!;
    const t0 = Date.now();
    await ok(second.core, 'staff.update', { id: sidorova.id, disabled: true });
    await waitFor(
      'signed out at the first counter',
      () => first.core.session.current().clerk === null,
      10_000,
    );
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(await signIn(first.core, 'sidorova', 'Sidorova-pass-1')).toBe('CLERK_DISABLED');
  });

  it('takes a lock-out to the other counter, and a supervisor’s unlock too', async () => {
    for (let i = 0; i < 5; i++)
      expect(await signIn(first.core, CLERK.login, `wrong-password-${i}`)).toMatch(
        /BAD_CREDENTIALS|CLERK_LOCKED_OUT/,
      );
    expect(await signIn(first.core, CLERK.login, 'Ivanov-own-pass-2')).toBe('CLERK_LOCKED_OUT');
    await waitFor(
      'locked out at the second counter too',
      async () => {
        return (
          (await code(second.core, 'session.signIn', {
            login: CLERK.login,
            password: 'Ivanov-own-pass-2',
          })) === 'CLERK_LOCKED_OUT'
        );
      },
      10_000,
    );
    const [row] = await centre.admin.query<{ locked: boolean }[]>(
      `SELECT locked_until > now() AS locked FROM staff WHERE login = $1`,
      [CLERK.login],
    );
    expect(row).toEqual({ locked: true });

    // The supervisor (signing in at the second counter again) unlocks; both counters open.
    expect(await signIn(second.core, SUP.login, SUP.password)).toBe('ok');
    const list = await ok(second.core, 'staff.list', {});
    const ivanov = list.find((c) => c.login === CLERK.login)!;
    expect(ivanov.lockedOutUntil).not.toBeNull();
    await ok(second.core, 'staff.update', { id: ivanov.id, unlock: true });
    await waitFor(
      'unlocked at the first counter',
      async () => {
        return (await signIn(first.core, CLERK.login, 'Ivanov-own-pass-2')) === 'ok';
      },
      10_000,
    );
  });

  it('founds another office at its first counter, which gets nothing of this office', async () => {
    const other = await centre.enrol('MSK-002', { name: 'elsewhere' });
    const t = await openCounter(other.url);
    try {
      // The first start waits for the centre's word: an office with no staff yet is founded.
      await waitFor('enrolment known', async () => {
        return (await ok(t.core, 'app.info', {})).setupMode === 'found';
      });
      await ok(t.core, 'session.setup', {
        officeName: 'Второй офис',
        login: 'orlova',
        fullName: 'Орлова Вера',
        password: 'Orlova-pass-12',
      });
      expect(t.core.ctx.officeId()).toBe('MSK-002');
      await waitFor('office MSK-002 founded at the centre', async () => {
        const rows = await centre.admin.query<{ login: string }[]>(
          `SELECT login FROM staff WHERE office_id = 'MSK-002'`,
        );
        return rows.length === 1 && rows[0]!.login === 'orlova';
      });
      expect(await signIn(t.core, 'sidorova', 'Sidorova-pass-1')).toBe('BAD_CREDENTIALS');
      const offices = await t.core.ctx.store.run((m) =>
        m.query<{ office_id: string }[]>(`SELECT DISTINCT office_id FROM clerk`),
      );
      expect(offices).toEqual([{ office_id: 'MSK-002' }]);
      const founded = await centre.admin.query<{ kind: string; clerk_id: string }[]>(
        `SELECT kind, clerk_id FROM security_event WHERE office_id = 'MSK-002' AND kind = 'office-founded'`,
      );
      expect(founded).toHaveLength(1);
    } finally {
      await t.close();
    }
  });

  it('stops, and says why, when it was set up for another office than the centre enrolled it for', async () => {
    const wrong = await centre.enrol('MSK-003', { name: 'mixed up' });
    // This counter has worked on its own for office MSK-001, staff and all; then a supervisor
    // connects it with a login IT enrolled for another office.
    const t = await openTestCore({ now: NOW, platform: sealedPlatform, sync: { tuning: TUNING } });
    try {
      signInAs(t, t.supervisor);
      const view = await ok(t.core, 'settings.get', {});
      await ok(t.core, 'settings.update', {
        central: {
          ...view.settings.central,
          host: wrong.cfg.host,
          port: wrong.cfg.port,
          database: wrong.cfg.database,
          user: wrong.cfg.user,
          sslMode: 'disable',
        },
      });
      await ok(t.core, 'settings.setCentralPassword', { password: wrong.cfg.password });
      const st = await ok(t.core, 'sync.now', {});
      expect(st).toMatchObject({ state: 'offline', pending: 2 });
      expect(st.lastError).toMatch(
        /^OFFICE_MISMATCH: the centre enrolled this workstation for office MSK-003/,
      );
      expect(t.core.ctx.officeId()).toBe('MSK-001');
      const applied = await centre.admin.query<unknown[]>(
        `SELECT 1 FROM applied_op WHERE login = $1`,
        [wrong.login],
      );
      expect(applied).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

/** A counter's first start with a centre to join (no staff of its own). */
async function openCounter(url: string): Promise<{ core: Core; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'access-desk-counter-'));
  const core = await openCore({
    dataDir: dir,
    dbKey: randomBytes(32),
    clock: fixedClock(NOW),
    logSinks: [memorySink()],
    demoAccounts: 100,
    sync: { env: { ACCESS_DESK_CENTRAL_URL: url }, tuning: TUNING },
  });
  return {
    core,
    async close() {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
