// The end-to-end fixture. In the `chromium` project the built renderer runs in Chromium and
// the REAL core runs in this test process behind the same dispatcher as in Electron; only
// the window and the IPC transport are replaced. In the `electron` project the same specs
// drive the real Electron app when its binary is installed, and are skipped otherwise.
import { _electron, test as base, type Browser, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type Core } from '../../../electron/core';
import type { Clock } from '../../../electron/core/clock';
import type { Policy } from '../../../shared/schemas/policy';
import { memorySink, type LogSink } from '../../../electron/core/log/logger';
import { installInvalidPassports } from './passport-list';
import { testPlatform, type TestPlatform } from './platform';
import { ensureQueue, withDialogTo } from './printer';
import {
  APP_ORIGIN,
  isAllowedNavigation,
  isTrustedSender,
  type AppOrigin,
} from '../../../electron/main/policy';
import { CENTRAL_URL_ENV } from '../../../electron/core/sync/config';
import { addStaff, argonHash, type Centre, startCentre } from '../../integration/sync/harness';
import { chromiumArgs, chromiumPath } from './browser';
import { serveRenderer } from './static-server';

export type Target = 'chromium' | 'electron';

export interface AppFixtures {
  dataDir: string;
  dbKey: Buffer;
  logs: LogSink & { records: { msg: string; data?: unknown }[] };
  /** The in-process core: chromium project only (null under Electron, where main owns it). */
  core: Core | null;
  /** The app's window, showing the app's start page. */
  app: Page;
  /** The origin the app is served from, for the security policy. */
  appOrigin: AppOrigin;
  /** Option: fill the registry with this many demo accounts (0: empty registry). */
  demoAccounts: number;
  /**
   * Option: passports (`SSSS NNNNNN` without the space) on an invalid-passport list installed
   * before the core opens; null for no list at all.
   */
  invalidPassports: string[] | null;
  /** Option: a CUPS queue set up for the test and chosen as the workstation's printer. */
  printerQueue: string | null;
  /**
   * Option: a CUPS queue standing in for the printer the clerk picks in the system's print
   * dialog (Windows' dialog, through SumatraPDF, cannot open here): the core gets the real
   * CUPS backend with a printWithDialog that prints there. null: no dialog, as on Linux.
   */
  dialogQueue: string | null;
  /** Option: a machine policy, as the main process would read it (docs/deploy.md). */
  policy: Policy | null;
  /** Stand-ins for Electron's safeStorage and file dialog (chromium project). */
  platform: TestPlatform;
  /**
   * The core's clock: the real time, plus whatever a test moved it on by (`shift`), for the
   * rules that wait days (a withdrawn consent's data are destroyed 29 days after).
   */
  clock: Clock & { shift(ms: number): void };
  /**
   * Option: a real central PostgreSQL for the test, with its staff for office MSK-001 made
   * before the app starts; the workstation is enrolled into that office and syncs with it
   * from its first start. down: the centre is stopped before the app starts.
   */
  centreSetup: { staff: StaffSeed[]; down?: boolean } | null;
  /** The centre of centreSetup (null without one). */
  centre: Centre | null;
  /**
   * Option: the window's size in CSS pixels and the display's scale (Windows' 125 % is 1.25:
   * a 1024×700 screen is 819×560 CSS pixels).
   */
  display: { width: number; height: number; scale: number };
}

export interface StaffSeed {
  id: string;
  login: string;
  fullName: string;
  password: string;
  role: 'clerk' | 'supervisor';
}

const ROOT = join(import.meta.dirname, '..', '..', '..');
/** The office the centre fixture enrols the workstation into (the settings' default code). */
export const CENTRE_OFFICE = 'MSK-001';

/** The Electron binary if installed; never triggers a download. */
export function electronBinary(): string | null {
  const pathFile = join(ROOT, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(ROOT, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

interface WorkerFixtures {
  target: Target;
  /** Chromium launched by the harness itself (null under Electron: nothing to launch). */
  harnessBrowser: Browser | null;
}

export const test = base.extend<AppFixtures, WorkerFixtures>({
  target: ['chromium', { option: true, scope: 'worker' }],
  harnessBrowser: [
    async ({ target, playwright }, use) => {
      if (target !== 'chromium') return use(null);
      const browser = await playwright.chromium.launch({
        executablePath: chromiumPath,
        args: chromiumArgs,
      });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'access-desk-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  // eslint-disable-next-line no-empty-pattern
  dbKey: async ({}, use) => use(randomBytes(32)),
  // eslint-disable-next-line no-empty-pattern
  logs: async ({}, use) => use(memorySink(10_000)),
  demoAccounts: [0, { option: true }],
  invalidPassports: [null, { option: true }],
  printerQueue: [null, { option: true }],
  dialogQueue: [null, { option: true }],
  policy: [null, { option: true }],
  // eslint-disable-next-line no-empty-pattern
  platform: async ({}, use) => use(testPlatform()),
  // eslint-disable-next-line no-empty-pattern
  clock: async ({}, use) => {
    let offset = 0;
    await use({ now: () => new Date(Date.now() + offset), shift: (ms) => (offset += ms) });
  },
  centreSetup: [null, { option: true }],
  centre: async ({ centreSetup }, use) => {
    if (!centreSetup) return use(null);
    const centre = await startCentre({ accounts: 300 });
    for (const s of centreSetup.staff)
      await addStaff(centre.admin, CENTRE_OFFICE, { ...s, hash: await argonHash(s.password) });
    await use(centre);
    await centre.close();
  },
  core: async (
    {
      target,
      dataDir,
      dbKey,
      logs,
      demoAccounts,
      invalidPassports,
      printerQueue,
      dialogQueue,
      platform,
      clock,
      policy,
      centre,
      centreSetup,
    },
    use,
  ) => {
    if (target !== 'chromium') return use(null);
    if (invalidPassports) await installInvalidPassports(dataDir, invalidPassports);
    // Never a real centre from the developer's environment: sync stays 'disabled' unless
    // the test has a centre of its own.
    const env: Record<string, string> = {};
    if (centre) {
      env[CENTRAL_URL_ENV] = (await centre.enrol(CENTRE_OFFICE, { name: 'e2e counter' })).url;
      if (centreSetup?.down) centre.pg.stop();
    }
    const core = await openCore({
      dataDir,
      dbKey,
      logSinks: [logs],
      version: 'e2e',
      demoAccounts,
      platform,
      clock,
      policy,
      // A test runs "destroy what is due" itself; the daily job would race it.
      destructionJob: false,
      ...(dialogQueue ? { printer: withDialogTo(ensureQueue(dialogQueue).queue) } : {}),
      sync: centre
        ? {
            env,
            tuning: {
              idleCheckMs: 100,
              feedPollMs: 1_000,
              backoffBaseMs: 200,
              backoffCapMs: 1_000,
            },
          }
        : { env },
    });
    if (printerQueue) {
      const { queue } = ensureQueue(printerQueue);
      await core.ctx.store.tx((m) => core.ctx.settings.update(m, { printer: queue }, new Date()));
    }
    await use(core);
    await core.close();
  },
  appOrigin: [{ ...APP_ORIGIN }, { option: true }],
  display: [{ width: 1280, height: 860, scale: 1 }, { option: true }],
  app: async ({ target, harnessBrowser, core, dataDir, dbKey, appOrigin, display }, use) => {
    if (target === 'chromium' && harnessBrowser && core) {
      const context = await harnessBrowser.newContext({
        locale: 'ru-RU',
        timezoneId: 'Europe/Moscow',
        viewport: { width: display.width, height: display.height },
        deviceScaleFactor: display.scale,
        reducedMotion: 'reduce',
      });
      const page = await context.newPage();
      const attached = await attach(page, core);
      Object.assign(appOrigin, attached.origin);
      await use(page);
      await context.close();
      await attached.close();
      return;
    }
    const bin = electronBinary();
    test.skip(bin === null, 'The Electron binary is not installed on this machine.');
    const electronApp = await _electron.launch({
      executablePath: bin ?? undefined,
      args: [join(ROOT, 'out', 'main', 'index.js')],
      env: {
        ...process.env,
        ACCESS_DESK_DATA_DIR: dataDir,
        ACCESS_DESK_TEST_DB_KEY: dbKey.toString('hex'),
      },
    });
    const win = await electronApp.firstWindow();
    await use(win);
    await electronApp.close();
  },
});

/**
 * Connects `page` to `core` the way Electron connects the window to main: a binding that
 * carries `{ channel, input }` to the dispatcher, with the sender established from the real
 * calling frame, and navigation away refused by the same policy function.
 */
export async function attach(
  page: Page,
  core: Pick<Core, 'dispatch'>,
): Promise<{ origin: AppOrigin; url: string; close(): Promise<void> }> {
  const server = await serveRenderer();
  const origin: AppOrigin = { protocol: 'http:', host: server.host };
  await page.exposeBinding('__accessDeskInvoke', (source, channel: unknown, input: unknown) => {
    const frame = source.frame;
    const trusted = isTrustedSender(
      {
        url: frame.url(),
        isTopFrame: frame.parentFrame() === null,
        isAppWindow: source.page === page,
      },
      origin,
    );
    return core.dispatch({ trusted, url: frame.url() }, channel, input);
  });
  await page.addInitScript(() => {
    const w = globalThis as unknown as {
      api: unknown;
      __accessDeskInvoke: (c: unknown, i: unknown) => Promise<unknown>;
    };
    w.api = Object.freeze({
      invoke: (channel: unknown, input: unknown) => w.__accessDeskInvoke(channel, input),
    });
  });
  await page.route('**/*', async (route) => {
    const req = route.request();
    if (
      req.isNavigationRequest() &&
      req.frame() === page.mainFrame() &&
      !isAllowedNavigation(req.url(), origin)
    ) {
      // A 204 answer cancels a navigation and leaves the document as it was, like Electron's
      // will-navigate preventDefault(); an abort would show an error page instead.
      await route.fulfill({ status: 204 });
      return;
    }
    await route.continue();
  });
  await page.goto(server.url);
  return { origin, url: server.url, close: () => server.close() };
}

export { expect } from '@playwright/test';
