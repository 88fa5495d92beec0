// The Electron main process: window, security, key, IPC. Everything a click does after it
// leaves the renderer is in electron/core, which this file only opens and wires.
import { app, dialog, safeStorage, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { openCore, type Core } from '../core';
import { readMachinePolicy } from '../core/policy/read';
import { openRecovery } from '../core/recovery';
import { loadOrCreateDbKey } from './db-key';
import { registerIpc } from './ipc';
import { electronPlatform } from './platform';
import { registerAppScheme, serveRenderer } from './protocol';
import { denyPermissions, enforceCsp, hardenApp } from './security';
import { updateDecision } from './update-policy';
import { startUpdates } from './updates';
import { createMainWindow, preloadPath, rendererRoot } from './window';

app.enableSandbox();
registerAppScheme();
hardenApp();

let core: Pick<Core, 'dispatch' | 'close'> | null = null;
let win: BrowserWindow | null = null;

async function start(): Promise<void> {
  denyPermissions();
  enforceCsp();
  serveRenderer(rendererRoot());
  // IT's machine-wide policy, read once; one that is not valid stops here, naming the key.
  const policy = readMachinePolicy({ platform: process.platform, env: process.env });
  const dataDir = process.env.ACCESS_DESK_DATA_DIR ?? app.getPath('userData');
  // End-to-end tests on machines with the Electron binary pass a throwaway key; a packaged
  // app ignores it and always uses safeStorage.
  const testKey = !app.isPackaged ? process.env.ACCESS_DESK_TEST_DB_KEY : undefined;
  const dbKey = testKey
    ? { key: Buffer.from(testKey, 'hex') }
    : loadOrCreateDbKey(dataDir, safeStorage);
  if ('lost' in dbKey) {
    // The store cannot be read here: say so, and let a supervisor start again from the centre.
    core = openRecovery({
      dataDir,
      loss: dbKey.lost,
      version: app.getVersion(),
      onStartedOver: () => {
        app.relaunch();
        app.exit(0);
      },
    });
    registerIpc(core.dispatch, () => win);
    win = createMainWindow(preloadPath());
    win.on('closed', () => {
      win = null;
    });
    return;
  }
  const opened = await openCore({
    dataDir,
    dbKey: dbKey.key,
    version: app.getVersion(),
    resourcesDir: app.isPackaged
      ? join(process.resourcesPath, 'resources')
      : join(app.getAppPath(), 'resources'),
    platform: electronPlatform(() => win),
    policy,
    passportImportWorker: join(app.getAppPath(), 'out', 'main', 'passport-import.js'),
    // A first start with an empty registry gets a clearly labelled demo registry to try
    // every journey; replication from the centre replaces it once sync is configured.
    demoAccounts: Number(process.env.ACCESS_DESK_DEMO_ACCOUNTS ?? 5000),
  });
  core = opened;
  registerIpc(opened.dispatch, () => win);
  win = createMainWindow(preloadPath());
  win.on('closed', () => {
    win = null;
  });
  // Per-user installs update themselves from the centre's server; per-machine ones never.
  startUpdates(
    updateDecision({
      platform: process.platform,
      isPackaged: app.isPackaged,
      execPath: process.execPath,
      env: process.env,
      policyUpdates: policy?.updates,
    }),
    opened.ctx.log.child('updates'),
  );
}

app.on('window-all-closed', () => {
  void (core?.close() ?? Promise.resolve()).finally(() => app.quit());
});

app
  .whenReady()
  .then(start)
  .catch((e: unknown) => {
    dialog.showErrorBox('Access Desk cannot start', e instanceof Error ? e.message : String(e));
    app.exit(1);
  });
