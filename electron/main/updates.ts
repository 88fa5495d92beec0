// Self-update for per-user installs (electron-updater, generic provider: the feed is the
// centre's own server, written into app-update.yml from electron-builder.yml's `publish` at
// package time). Whether it runs at all is update-policy.ts; this only wires the library in,
// and loads it only when it runs. The new version downloads in the background and installs
// when the clerk quits the app: never in the middle of a visit.
import { createRequire } from 'node:module';
import type { Logger } from '../core/log/logger';
import { UPDATE_CHECK_MS, type UpdateDecision } from './update-policy';

interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  allowPrerelease: boolean;
  logger: unknown;
  on(event: string, fn: (...args: unknown[]) => void): unknown;
  checkForUpdates(): Promise<unknown>;
}

export function startUpdates(decision: UpdateDecision, log: Logger): { stop(): void } {
  if (!decision.enabled) {
    log.info('self-update off', { reason: decision.reason });
    return { stop: () => undefined };
  }
  let autoUpdater: Updater;
  try {
    ({ autoUpdater } = createRequire(import.meta.url)('electron-updater') as {
      autoUpdater: Updater;
    });
  } catch (e) {
    // An updater that cannot load must not keep the counter from opening.
    log.error('self-update could not start', { error: e });
    return { stop: () => undefined };
  }
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.allowDowngrade = false;
  autoUpdater.allowPrerelease = false;
  // The library's own messages go to our log (redacted like every other line).
  autoUpdater.logger = {
    info: (m: unknown) => log.debug('updater', { message: String(m) }),
    warn: (m: unknown) => log.warn('updater', { message: String(m) }),
    error: (m: unknown) => log.warn('updater', { message: String(m) }),
    debug: (m: unknown) => log.debug('updater', { message: String(m) }),
  };
  autoUpdater.on('update-downloaded', (info) =>
    log.info('update downloaded; installs when the app quits', {
      version: (info as { version?: string }).version,
    }),
  );
  const check = () =>
    autoUpdater.checkForUpdates().catch((e: unknown) =>
      // No server, no network, a bad signature: the counter works on; IT reads the log.
      log.warn('update check failed', { error: e }),
    );
  log.info('self-update on', { kind: decision.kind });
  void check();
  const timer = setInterval(() => void check(), UPDATE_CHECK_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
