// The built main process, run (issue 15, "the main process boots"). The Electron binary cannot
// be downloaded here, so out/main/index.js runs under Node with a recording stand-in resolved
// for 'electron' (tests/built/electron-standin). Everything else is the real bundle: its
// imports, its externals, its resource paths, the real core on a real encrypted file. This is
// what catches a bundle that cannot load at all: the first run found `require` declared twice
// in out/main/index.js, which would have stopped the app before its window.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { IPC_INVOKE } from '../../shared/bridge';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/policy';
import { DB_FILE, KEY_FILE } from '../../electron/core/files';

const ROOT = resolve(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'out/main/index.js');
const PRELOAD = join(ROOT, 'out/preload/index.cjs');
const REGISTER = join(import.meta.dirname, 'electron-standin/register.mjs');

interface Call {
  name: string;
  ready: boolean;
  detail: unknown;
}
interface Served {
  url: string;
  status: number;
  csp: string | null;
  nosniff: string | null;
  type: string | null;
  body: string;
}
interface Report {
  calls: Call[];
  served?: Served[];
  permissionRequest?: boolean;
  permissionCheck?: boolean;
  devicePermission?: boolean;
  headers?: { responseHeaders: Record<string, string[]> };
  ipcChannel?: string;
  ipcTrusted?: { ok: boolean; data?: { version: string; needsSetup: boolean } };
  ipcForeign?: { ok: boolean; code?: string };
  failed?: string;
  exitCode?: number;
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function boot(env: Record<string, string> = {}): { report: Report; userData: string } {
  const userData = mkdtempSync(join(tmpdir(), 'access-desk-boot-'));
  dirs.push(userData);
  const r = spawnSync(process.execPath, ['--import', REGISTER, MAIN], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      STANDIN_USER_DATA: userData,
      STANDIN_APP_PATH: ROOT,
      ACCESS_DESK_DEMO_ACCOUNTS: '20',
      ACCESS_DESK_CENTRAL_URL: '',
      ...env,
    },
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('STANDIN '));
  if (!line) throw new Error(`the main process reported nothing (${r.status}): ${r.stderr}`);
  return { report: JSON.parse(line.slice('STANDIN '.length)) as Report, userData };
}

const names = (calls: Call[]) => calls.map((c) => c.name);

describe('the built main process', () => {
  it('is built (npm run test:e2e builds it first)', () => {
    expect(existsSync(MAIN), MAIN).toBe(true);
    expect(existsSync(PRELOAD), PRELOAD).toBe(true);
  });

  it('registers the scheme before ready, hardens the session, opens the core, one IPC handler, a hardened window', () => {
    const { report, userData } = boot();
    expect(report.failed).toBeUndefined();
    const calls = report.calls;
    const first = (name: string) => calls.find((c) => c.name === name);

    // Before ready: the sandbox for every renderer, and app:// as a secure standard scheme.
    expect(first('app.enableSandbox')?.ready).toBe(false);
    const scheme = first('protocol.registerSchemesAsPrivileged');
    expect(scheme?.ready).toBe(false);
    expect(scheme?.detail).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(first('app.on')?.detail).toBe('web-contents-created');

    // After ready: the CSP and the permission denials before anything is served.
    const order = names(calls);
    const at = (n: string) => order.indexOf(n);
    for (const n of [
      'session.setPermissionRequestHandler',
      'session.setPermissionCheckHandler',
      'session.setDevicePermissionHandler',
      'session.webRequest.onHeadersReceived',
      'protocol.handle',
    ]) {
      expect(first(n)?.ready, n).toBe(true);
      expect(at(n), n).toBeLessThan(at('BrowserWindow'));
    }
    expect(report.permissionRequest).toBe(false);
    expect(report.permissionCheck).toBe(false);
    expect(report.devicePermission).toBe(false);
    expect(report.headers?.responseHeaders['Content-Security-Policy']).toEqual([
      CONTENT_SECURITY_POLICY,
    ]);

    // The core opened on a real encrypted store, its key kept only sealed.
    expect(existsSync(join(userData, DB_FILE))).toBe(true);
    const sealed = readFileSync(join(userData, KEY_FILE), 'utf8');
    expect(sealed).toMatch(/^standin-sealed:[0-9a-f]{64}$/);
    expect(readFileSync(join(userData, DB_FILE)).subarray(0, 16).toString()).not.toBe(
      'SQLite format 3\0',
    );

    // Exactly one IPC handler; it answers the app's own frame and refuses any other.
    expect(calls.filter((c) => c.name === 'ipcMain.handle').map((c) => c.detail)).toEqual([
      IPC_INVOKE,
    ]);
    expect(report.ipcTrusted).toMatchObject({
      ok: true,
      data: { version: '0.0.0-standin', needsSetup: true },
    });
    expect(report.ipcForeign).toMatchObject({ ok: false, code: 'FORBIDDEN' });

    // The window: hardened preferences, the built preload, the app's own page.
    const windows = calls.filter((c) => c.name === 'BrowserWindow');
    expect(windows).toHaveLength(1);
    const prefs = (windows[0]!.detail as { webPreferences: Record<string, unknown> })
      .webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(prefs.preload).toBe(PRELOAD);
    expect(first('BrowserWindow.loadURL')?.detail).toBe('app://access-desk/index.html');
    // Closing the last window closes the core, then quits.
    expect(order.at(-1)).toBe('app.quit');
  });

  it('serves the built renderer with the CSP header, and nothing outside it', () => {
    const { report } = boot();
    const served = new Map((report.served ?? []).map((s) => [s.url, s]));
    for (const url of ['app://access-desk/', 'app://access-desk/index.html']) {
      const s = served.get(url)!;
      expect(s.status, url).toBe(200);
      expect(s.csp, url).toBe(CONTENT_SECURITY_POLICY);
      expect(s.nosniff, url).toBe('nosniff');
      expect(s.body, url).toMatch(/^<!doctype html>/i);
    }
    for (const url of [
      'app://access-desk/../../../etc/passwd',
      'app://access-desk/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      'app://access-desk/..%2f..%2f..%2fetc%2fpasswd',
      'app://elsewhere/index.html',
    ]) {
      const s = served.get(url)!;
      expect(s.status, url).toBe(404);
      expect(s.body, url).not.toMatch(/root:/);
    }
  });

  it('packaged: a per-machine install never loads the updater; an AppImage checks, and a failed check harms nothing', () => {
    const log = (userData: string) =>
      readFileSync(join(userData, 'logs', 'access-desk.log'), 'utf8')
        .trim()
        .split('\n')
        .map(
          (l) => JSON.parse(l) as { module: string; msg: string; data?: Record<string, unknown> },
        )
        .filter((r) => r.module === 'core.updates');

    const deb = boot({ STANDIN_PACKAGED: '1', APPIMAGE: '' });
    expect(deb.report.failed).toBeUndefined();
    expect(deb.report.ipcTrusted).toMatchObject({ ok: true });
    expect(log(deb.userData)).toEqual([
      expect.objectContaining({ msg: 'self-update off', data: { reason: 'perMachine' } }),
    ]);

    const appImage = boot({ STANDIN_PACKAGED: '1', APPIMAGE: '/tmp/Access-Desk.AppImage' });
    expect(appImage.report.failed).toBeUndefined();
    expect(appImage.report.ipcTrusted).toMatchObject({ ok: true });
    const lines = log(appImage.userData);
    expect(lines[0]).toMatchObject({ msg: 'self-update on', data: { kind: 'appimage' } });
    // electron-updater loaded from the bundle and looked for its feed, which this tree has not
    // got (electron-builder writes app-update.yml beside app.asar when it packages).
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: 'update check failed',
        data: {
          error: expect.objectContaining({ message: expect.stringContaining('app-update.yml') }),
        },
      }),
    );
    // Unpackaged (every other boot here) it is off and says so.
    expect(log(boot().userData)).toEqual([
      expect.objectContaining({ msg: 'self-update off', data: { reason: 'notPackaged' } }),
    ]);
  });

  it('refuses to start without a real keyring, and says why', () => {
    const { report, userData } = boot({ STANDIN_BACKEND: 'basic_text' });
    expect(report.failed).toMatch(/^Access Desk cannot start: .*keyring/);
    expect(names(report.calls)).toContain('app.exit');
    expect(report.calls.find((c) => c.name === 'app.exit')?.detail).toBe(1);
    expect(names(report.calls)).not.toContain('BrowserWindow');
    expect(existsSync(join(userData, DB_FILE))).toBe(false);
  });
});

describe('the built preload', () => {
  const source = () => readFileSync(PRELOAD, 'utf8');

  it('is CommonJS and requires nothing but electron', () => {
    const src = source();
    expect(src).not.toMatch(/^\s*(import|export)\s/m);
    const required = [...src.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
  });

  it('puts one function on window.api that sends { channel, input } on the one channel', async () => {
    const exposed: Record<string, unknown> = {};
    const sent: unknown[][] = [];
    const required: string[] = [];
    const electron = {
      contextBridge: {
        exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api),
      },
      ipcRenderer: {
        invoke: (...args: unknown[]) => {
          sent.push(args);
          return Promise.resolve('answer');
        },
      },
    };
    const module = { exports: {} };
    runInNewContext(source(), {
      require: (id: string) => {
        required.push(id);
        if (id !== 'electron') throw new Error(`the preload required ${id}`);
        return electron;
      },
      module,
      exports: module.exports,
    });
    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual(['api']);
    const api = exposed.api as Record<string, unknown>;
    expect(Object.keys(api)).toEqual(['invoke']);
    await expect(
      (api.invoke as (c: string, i: unknown) => Promise<unknown>)('app.info', {}),
    ).resolves.toBe('answer');
    expect(sent).toEqual([[IPC_INVOKE, { channel: 'app.info', input: {} }]]);
  });
});
