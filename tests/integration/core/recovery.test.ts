// A lost store key (issue 12): the app says so and serves nothing else; it makes no new empty
// store; "start again from the centre" is for a supervisor of the office, checked against the
// centre's directory, and only when the centre confirms that nothing this workstation told it
// of is waiting. Starting again keeps the old files aside, and the counter then joins its
// office from the centre. A real store, a real PostgreSQL.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppInfo, RecoveryStatus } from '../../../shared/schemas/session';

import { openCore } from '../../../electron/core';
import { fixedClock } from '../../../electron/core/clock';
import { DB_FILE, KEY_FILE, WORKSTATION_ID_FILE } from '../../../electron/core/files';
import { memorySink } from '../../../electron/core/log/logger';
import { openRecovery, type Recovery } from '../../../electron/core/recovery';
import { type Centre, startCentre, waitFor } from '../sync/harness';
import { call, CLERK, issueThroughChannels, openTestCore, SUP, type TestCore } from './harness';

const TUNING = { idleCheckMs: 50, backoffBaseMs: 50, backoffCapMs: 200, feedPollMs: 300 };
const NOW = new Date().toISOString();
const centres: Centre[] = [];
afterAll(async () => {
  for (const c of centres) await c.close();
});

const trusted = { trusted: true, url: 'app://access-desk/index.html' };
async function ask<T>(
  r: Recovery,
  channel: string,
  input: unknown,
): Promise<{ ok: boolean; code?: string; data?: T }> {
  const res = await r.dispatch(trusted, channel, input);
  return res.ok ? { ok: true, data: res.data as T } : { ok: false, code: res.code };
}

/** A centre of its own, and a counter of its office (MSK-001) that has done `visits` visits. */
async function counterAt(
  visits: number,
  ceilings?: { clerkPerHour: number; workstationPerHour: number },
): Promise<{ t: TestCore; url: string; centre: Centre }> {
  const centre = await startCentre({ accounts: 200, ...(ceilings && { ceilings }) });
  centres.push(centre);
  const { url } = await centre.enrol('MSK-001');
  const t = await openTestCore({
    now: NOW,
    sync: { env: { ACCESS_DESK_CENTRAL_URL: url }, tuning: TUNING },
  });
  // The centre's registry replaces the demo one first (visits are on the centre's accounts).
  await waitFor('the centre’s registry', async () => {
    return (await call(t, 'sync.status', {})).registryAt !== null;
  });
  for (let i = 0; i < visits; i++) await issueThroughChannels(t, i);
  return { t, url, centre };
}

describe('a counter whose store key is lost', () => {
  it('says so, serves nothing else, and offers nothing the centre cannot confirm', async () => {
    const { t, url } = await counterAt(1);
    await waitFor('everything at the centre', async () => {
      const s = await call(t, 'sync.now', {});
      return s.state === 'online' && s.pending === 0 && s.lastError === null;
    });
    const dir = t.dir;
    await t.core.close();

    const r = openRecovery({
      dataDir: dir,
      loss: 'unreadable',
      logSinks: [memorySink()],
      env: { ACCESS_DESK_CENTRAL_URL: url },
      clock: fixedClock(NOW),
    });
    const info = await ask<AppInfo>(r, 'app.info', {});
    expect(info.data).toMatchObject({ keyLost: 'unreadable', needsSetup: false });
    // Nobody can sign in, so nothing that needs a clerk is served; nor can a new office be
    // founded over the store that cannot be read.
    expect(await ask(r, 'registry.search', { query: 'Иванов' })).toEqual({
      ok: false,
      code: 'NOT_SIGNED_IN',
    });
    expect(
      await ask(r, 'session.setup', {
        officeName: 'Новый',
        login: 'someone',
        fullName: 'Кто-то',
        password: 'Someone-pass-1',
      }),
    ).toEqual({ ok: false, code: 'KEY_LOST' });
    expect(await ask(r, 'session.signIn', { login: SUP.login, password: SUP.password })).toEqual({
      ok: false,
      code: 'KEY_LOST',
    });

    const status = await ask<RecoveryStatus>(r, 'recovery.status', {});
    expect(status.data).toMatchObject({
      loss: 'unreadable',
      files: expect.arrayContaining([DB_FILE]),
      centre: { configured: true, reachable: true, error: null, pending: 0, nothingPending: true },
    });
    expect(status.data!.centre.lastReportAt).not.toBeNull();

    // Only an active supervisor of the office, with their own password.
    expect(
      await ask(r, 'recovery.startOver', { login: CLERK.login, password: CLERK.password }),
    ).toEqual({ ok: false, code: 'BAD_CREDENTIALS' });
    expect(
      await ask(r, 'recovery.startOver', { login: SUP.login, password: 'not-it-at-all' }),
    ).toEqual({
      ok: false,
      code: 'BAD_CREDENTIALS',
    });
    expect(readdirSync(dir)).toEqual(expect.arrayContaining([DB_FILE]));

    const done = await ask<{ movedTo: string }>(r, 'recovery.startOver', {
      login: SUP.login,
      password: SUP.password,
    });
    expect(done.ok).toBe(true);
    const aside = done.data!.movedTo;
    expect(aside.startsWith(join(dir, 'key-lost-'))).toBe(true);
    // Nothing deleted: the old store is kept aside, and the workstation keeps its id.
    expect(readdirSync(aside)).toEqual(expect.arrayContaining([DB_FILE]));
    expect(existsSync(join(dir, DB_FILE))).toBe(false);
    expect(existsSync(join(dir, WORKSTATION_ID_FILE))).toBe(true);

    // The app starts again (a new key, a new store) and joins its office from the centre.
    const again = await openCore({
      dataDir: dir,
      dbKey: Buffer.alloc(32, 7),
      clock: fixedClock(NOW),
      logSinks: [memorySink()],
      demoAccounts: 50,
      sync: { env: { ACCESS_DESK_CENTRAL_URL: url }, tuning: TUNING },
    });
    try {
      expect(again.ctx.workstationId).toBe(t.core.ctx.workstationId);
      await waitFor('the office joined', async () => {
        const res = await again.dispatch(trusted, 'app.info', {});
        return res.ok && !(res.data as AppInfo).needsSetup;
      });
      const res = await again.dispatch(trusted, 'session.signIn', {
        login: SUP.login,
        password: SUP.password,
      });
      expect(res.ok).toBe(true);
    } finally {
      await again.close();
    }
  });

  it('does not offer to start again while something this workstation reported is waiting', async () => {
    {
      const { t, url } = await counterAt(2, { clerkPerHour: 1, workstationPerHour: 100 });
      await waitFor('one issue held at the centre', async () => {
        const s = await call(t, 'sync.now', {});
        return s.held === 1 && s.pending === 0;
      });
      const dir = t.dir;
      await t.core.close();
      const r = openRecovery({
        dataDir: dir,
        loss: 'missing',
        logSinks: [memorySink()],
        env: { ACCESS_DESK_CENTRAL_URL: url },
      });
      const status = await ask<RecoveryStatus>(r, 'recovery.status', {});
      expect(status.data!.centre).toMatchObject({
        reachable: true,
        pending: 1,
        nothingPending: false,
      });
      expect(
        await ask(r, 'recovery.startOver', { login: SUP.login, password: SUP.password }),
      ).toEqual({
        ok: false,
        code: 'PENDING_AT_WORKSTATION',
      });
      expect(readdirSync(dir)).toEqual(expect.arrayContaining([DB_FILE]));
    }
  });

  it('offers nothing without a centre it can reach, and says why', async () => {
    const t = await openTestCore({ now: NOW });
    const dir = t.dir;
    await t.core.close();
    writeFileSync(join(dir, KEY_FILE), 'sealed by a keyring that is gone');
    const none = openRecovery({
      dataDir: dir,
      loss: 'unreadable',
      logSinks: [memorySink()],
      env: {},
    });
    expect((await ask<RecoveryStatus>(none, 'recovery.status', {})).data).toMatchObject({
      files: expect.arrayContaining([DB_FILE, KEY_FILE]),
      centre: { configured: false, reachable: false, nothingPending: false },
    });
    const away = openRecovery({
      dataDir: dir,
      loss: 'unreadable',
      logSinks: [memorySink()],
      env: { ACCESS_DESK_CENTRAL_URL: 'postgres://x:y@127.0.0.1:1/access_desk?sslmode=disable' },
    });
    const status = (await ask<RecoveryStatus>(away, 'recovery.status', {})).data!;
    expect(status.centre).toMatchObject({
      configured: true,
      reachable: false,
      nothingPending: false,
    });
    expect(status.centre.error).toMatch(/^ECONNREFUSED/);
    expect(
      await ask(away, 'recovery.startOver', { login: SUP.login, password: SUP.password }),
    ).toEqual({
      ok: false,
      code: 'CENTRAL_UNREACHABLE',
    });
  });
});
