// The back office as one object: opened by the Electron main process, by the browser test
// harness and by integration tests alike. Nothing here imports 'electron'.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createDispatcher, type Dispatch } from './api/dispatch';
import { createHandlers } from './api/handlers';
import { systemClock, type Clock } from './clock';
import type { CoreContext } from './context';
import { openLocalStore, type Store } from './db/store';
import { createLogger, fileSink, type LogSink } from './log/logger';
import { SettingsService } from './settings/service';
import { Session } from './staff/session';

export interface CoreOptions {
  /** Where the database and logs live (the app's userData directory). */
  dataDir: string;
  /** 32 random bytes; in the app they come from safeStorage, never from a file in clear. */
  dbKey: Buffer;
  clock?: Clock;
  /** Defaults to a JSON-lines file under dataDir/logs. */
  logSinks?: LogSink[];
  version?: string;
}

export interface Core {
  ctx: CoreContext;
  session: Session;
  dispatch: Dispatch;
  dbPath: string;
  close(): Promise<void>;
}

export const DB_FILE = 'access-desk.db';

export async function openCore(opts: CoreOptions): Promise<Core> {
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const clock = opts.clock ?? systemClock;
  const sinks = opts.logSinks ?? [fileSink(join(opts.dataDir, 'logs', 'access-desk.log'))];
  const log = createLogger('core', sinks, () => clock.now());
  const dbPath = join(opts.dataDir, DB_FILE);
  const store: Store = await openLocalStore(dbPath, { key: opts.dbKey });
  const settings = new SettingsService(store);
  await settings.load();
  const workstationId = await settings.workstationId(clock.now());

  const ctx: CoreContext = {
    store,
    clock,
    settings,
    log,
    workstationId,
    // The office code in the settings is the office's identity in audit entries and at
    // the centre; the office table mirrors it from set-up on.
    officeId: () => settings.get().office.code,
  };
  const session = new Session(clock, () => settings.get().idleLockMinutes);
  const handlers = createHandlers(ctx, session, { version: opts.version ?? '0.0.0-dev' });
  const dispatch = createDispatcher(handlers, session, log.child('ipc'));
  log.info('core opened', { workstationId });
  return {
    ctx,
    session,
    dispatch,
    dbPath,
    close: async () => {
      session.signOut();
      await store.close();
    },
  };
}
