// The back office as one object: opened by the Electron main process, by the browser test
// harness and by integration tests alike. Nothing here imports 'electron'.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDispatcher, type Dispatch } from './api/dispatch';
import { createHandlers } from './api/handlers';
import { systemClock, type Clock } from './clock';
import type { CoreContext } from './context';
import { openLocalStore, type Store } from './db/store';
import { createLogger, fileSink, type LogSink } from './log/logger';
import { Account, Clerk } from './db/entities';
import { prepareDocuments, setResourcesDir } from './documents';
import { DB_FILE, WORKSTATION_ID_FILE } from './files';
import { PASSPORT_LIST_FILE, PassportListHolder } from './passport-list';
import {
  DEFAULT_JOB_TIMING,
  startDestructionJob,
  type DestructionJobTiming,
} from './personal-data/job';
import { SOURCE_WORKER } from './passport-list/import-in-worker';
import { PassportListJob } from './supervisor/passport-list';
import { noPlatform, type Platform } from './platform';
import { systemPrintBackend, type PrintBackend } from './printing';
import { seedDemoRegistry } from './registry/bulk';
import { SettingsService } from './settings/service';
import type { Policy } from '../../shared/schemas/policy';
import { startSync, type SyncControlOptions } from './supervisor/sync-control';
import { toSummary } from './staff/service';
import { Session } from './staff/session';
import { closeOpenVisits } from './visits/close';
import type { VisitDeps } from './visits/deps';
import { VisitSecrets } from './visits/memory';

export interface CoreOptions {
  /** Where the database and logs live (the app's userData directory). */
  dataDir: string;
  /** 32 random bytes; in the app they come from safeStorage, never from a file in clear. */
  dbKey: Buffer;
  clock?: Clock;
  /** Defaults to a JSON-lines file under dataDir/logs. */
  logSinks?: LogSink[];
  version?: string;
  /** Where fonts and document texts are (the packaged app's resources folder). */
  resourcesDir?: string;
  /** The OS spooler by default; tests may pass another real backend. */
  printer?: PrintBackend;
  /** When the registry is empty, fill it with this many demo accounts (first start). */
  demoAccounts?: number;
  /** safeStorage and dialogs from the Electron main process. */
  platform?: Platform;
  /**
   * The script of the worker that builds the passport index from CSV: the bundled one in the
   * app (out/main/passport-import.js); the TypeScript source when run from the sources.
   */
  passportImportWorker?: string;
  /** The environment sync reads its overrides from, and loop timings (tests). */
  sync?: Pick<SyncControlOptions, 'env' | 'tuning'>;
  /** The machine policy IT set (policy/read.ts), read by the main process at start-up. */
  policy?: Policy | null;
  /** When the daily destruction job runs (personal-data/job.ts); false: never (tests). */
  destructionJob?: DestructionJobTiming | false;
}

export interface Core {
  ctx: CoreContext;
  session: Session;
  dispatch: Dispatch;
  visits: VisitDeps;
  passportList: PassportListHolder;
  dbPath: string;
  passportListPath: string;
  close(): Promise<void>;
}

export { DB_FILE } from './files';
export { PASSPORT_LIST_FILE };

export async function openCore(opts: CoreOptions): Promise<Core> {
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const clock = opts.clock ?? systemClock;
  const sinks = opts.logSinks ?? [fileSink(join(opts.dataDir, 'logs', 'access-desk.log'))];
  const log = createLogger('core', sinks, () => clock.now());
  const dbPath = join(opts.dataDir, DB_FILE);
  const store: Store = await openLocalStore(dbPath, { key: opts.dbKey });
  const settings = new SettingsService(store, opts.policy ?? null);
  await settings.load();
  // The id is kept beside the store too, for a counter whose key is ever lost (recovery.ts):
  // a store started again takes it from there.
  const idFile = join(opts.dataDir, WORKSTATION_ID_FILE);
  const knownId = existsSync(idFile) ? readFileSync(idFile, 'utf8').trim() || null : null;
  const workstationId = await settings.workstationId(clock.now(), knownId);
  if (knownId !== workstationId) writeFileSync(idFile, `${workstationId}\n`, { mode: 0o600 });

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
  if (opts.resourcesDir) setResourcesDir(opts.resourcesDir);
  // Fonts parsed and pdfkit warmed in the background, so the first sheet of the day is fast.
  void prepareDocuments([settings.get().language]).catch((e: unknown) =>
    log.warn('document warm-up failed', { error: e }),
  );

  if (opts.demoAccounts && (await store.run((m) => m.count(Account))) === 0) {
    const loaded = await seedDemoRegistry(store, { accounts: opts.demoAccounts });
    await store.tx((m) => settings.setValue(m, 'registry.demo', true, clock.now()));
    log.info('demo registry created', { accounts: loaded.accounts, residents: loaded.residents });
  }

  const passportList = new PassportListHolder();
  const passportListPath = join(opts.dataDir, PASSPORT_LIST_FILE);
  if (existsSync(passportListPath)) {
    try {
      await passportList.replaceFrom(passportListPath);
    } catch (e) {
      // A damaged list must not stop the counter; every check then says the list is missing.
      log.error('invalid-passport list not loaded', { error: e });
    }
  }

  const visits: VisitDeps = {
    ctx,
    secrets: new VisitSecrets(),
    passportList,
    printer:
      opts.printer ??
      systemPrintBackend({}, process.platform, opts.platform?.listPrinters?.bind(opts.platform)),
  };
  const session = new Session(clock, () => settings.get().idleLockMinutes);
  const stopClosingOnLock = session.onLock((clerk) => {
    // Forget every plaintext now, synchronously; record the visits' end right after.
    visits.secrets.forgetAll();
    void closeOpenVisits(visits, clerk).catch((e: unknown) =>
      log.error('closing visits on lock failed', { error: e }),
    );
  });
  const platform = opts.platform ?? noPlatform;
  // A clerk disabled or demoted at another counter of the office does not stay signed in here.
  const onStaffChanged = (ids: string[]): void => {
    const clerk = session.current().clerk;
    if (!clerk || !ids.includes(clerk.id)) return;
    void store
      .run((m) => m.findOneBy(Clerk, { id: clerk.id }))
      .then((row) => {
        if (!row || row.disabledAt || row.role !== clerk.role) {
          log.info('signed-in clerk changed at the centre: signing out', { clerk: clerk.id });
          session.signOut();
        } else session.refresh(toSummary(row));
      })
      .catch((e: unknown) => log.warn('could not check the signed-in clerk', { error: e }));
  };
  const sync = await startSync({
    ctx,
    platform,
    policy: opts.policy ?? null,
    ...(opts.sync ?? {}),
    ...(opts.version !== undefined && { appVersion: opts.version }),
    onStaffChanged,
  });
  visits.syncStatus = () => sync.status();
  const handlers = createHandlers(ctx, session, { version: opts.version ?? '0.0.0-dev' }, visits, {
    ctx,
    platform,
    printer: visits.printer,
    passportList,
    passportListPath,
    passportImportWorker: opts.passportImportWorker ?? SOURCE_WORKER,
    passportListJob: new PassportListJob(),
    sync: () => sync,
    onSettingsChanged: () => sync.reconfigure(),
  });
  const destruction =
    opts.destructionJob === false
      ? null
      : startDestructionJob(ctx, opts.destructionJob ?? DEFAULT_JOB_TIMING);
  const dispatch = createDispatcher(handlers, session, log.child('ipc'));
  log.info('core opened', { workstationId });
  return {
    ctx,
    session,
    dispatch,
    visits,
    passportList,
    dbPath,
    passportListPath,
    close: async () => {
      stopClosingOnLock();
      visits.secrets.forgetAll();
      const clerk = session.current().clerk;
      if (clerk) await closeOpenVisits(visits, clerk);
      session.signOut();
      await destruction?.stop();
      await sync.stop();
      await store.close();
    },
  };
}
