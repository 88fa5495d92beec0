// A counter whose store key is lost (issue 12): the keyring cannot open the sealed key any
// more (a reimaged Windows profile, a new keyring), or the key is gone while the store is
// there. The store cannot be read, and the app says so in the clerk's language instead of
// failing or making a new empty store over it. The old files stay where they are.
//
// "Start again from the centre" is offered to a supervisor of the office only once the centre
// confirms that nothing from this workstation is waiting: at its last sync it reported no
// operations waiting and an audit chain the centre holds to the end (sync_report_state). The
// supervisor is checked against the office's directory at the centre (their verifier, read
// with sync_staff_state), and the centre connection must be known without the store (the
// environment or the machine's policy: the store's sealed password is lost with the key).
// Starting again moves the old files into a folder of their own; nothing is deleted.
import { mkdirSync, readFileSync, existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { contract, type Channel } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { RecoveryStatus } from '../../shared/schemas/session';
import { createDispatcher, type Dispatch, type Handlers } from './api/dispatch';
import { systemClock, type Clock } from './clock';
import { verifySecret } from './crypto/argon';
import { DB_FILE, KEY_FILE, type KeyLoss, WORKSTATION_ID_FILE } from './files';
import { createLogger, fileSink, type LogSink, type Logger } from './log/logger';
import { Session } from './staff/session';
import { centralDataSource } from './sync/central/datasource';
import { CENTRAL_URL_ENV, parseCentralUrl } from './sync/config';
import { classify } from './sync/errors';
import { sayHello } from './sync/identity';
import { readStaffState } from './sync/staff-feed';

export interface RecoveryOptions {
  dataDir: string;
  loss: KeyLoss;
  version?: string;
  clock?: Clock;
  logSinks?: LogSink[];
  env?: Record<string, string | undefined>;
  /** Once the old files are set aside: the main process starts the app again. */
  onStartedOver?(): void;
}

export interface Recovery {
  dispatch: Dispatch;
  close(): Promise<void>;
}

const STORE_FILES = [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, KEY_FILE];

interface CentreState {
  status: RecoveryStatus['centre'];
  ds: DataSource | null;
}

export function openRecovery(o: RecoveryOptions): Recovery {
  const clock = o.clock ?? systemClock;
  const env = o.env ?? process.env;
  const sinks = o.logSinks ?? [fileSink(join(o.dataDir, 'logs', 'access-desk.log'))];
  const log = createLogger('recovery', sinks, () => clock.now());
  log.error('the store key cannot be opened', { loss: o.loss });
  const session = new Session(clock, () => 15);

  const files = (): string[] => STORE_FILES.filter((f) => existsSync(join(o.dataDir, f)));
  const workstationId = (): string | null => {
    const file = join(o.dataDir, WORKSTATION_ID_FILE);
    return existsSync(file) ? readFileSync(file, 'utf8').trim() || null : null;
  };

  /** Asks the centre what it holds of this workstation (connected, when it could be). */
  async function centre(): Promise<CentreState> {
    const none = {
      configured: false,
      reachable: false,
      error: null,
      lastReportAt: null,
      pending: null,
      nothingPending: false,
    };
    const url = env[CENTRAL_URL_ENV];
    if (!url) return { status: none, ds: null };
    const id = workstationId();
    const ds = centralDataSource(parseCentralUrl(url), {
      poolSize: 1,
      connectTimeoutMs: 3_000,
      applicationName: 'access-desk recovery',
    });
    try {
      if (!id) throw new Error('this workstation does not know its own id');
      await ds.initialize();
      const hello = await sayHello(ds, id, o.version ?? null);
      if (hello.mode !== 'workstation')
        throw new Error('the centre has this login as the shared one, not as this workstation');
      const [r] = await ds.query<
        {
          s: {
            reportedPending: number | null;
            reportedAuditSeq: number | null;
            reportedAt: string | null;
            auditSeqAtCentre: number;
          } | null;
        }[]
      >(`SELECT sync_workstation_state() AS s`);
      const s = r?.s ?? null;
      const pending = s?.reportedPending ?? null;
      return {
        status: {
          configured: true,
          reachable: true,
          error: null,
          lastReportAt: s?.reportedAt ? new Date(s.reportedAt).toISOString() : null,
          pending,
          nothingPending:
            s !== null &&
            pending === 0 &&
            s.reportedAt !== null &&
            Number(s.reportedAuditSeq ?? 0) <= Number(s.auditSeqAtCentre),
        },
        ds,
      };
    } catch (e) {
      if (ds.isInitialized) await ds.destroy().catch(() => undefined);
      const f = classify(e);
      return {
        status: { ...none, configured: true, error: `${f.code}: ${f.message}` },
        ds: null,
      };
    }
  }

  async function startOver(login: string, password: string, log$: Logger): Promise<string> {
    const c = await centre();
    try {
      if (!c.ds) throw new AppError('CENTRAL_UNREACHABLE', c.status.error ?? 'No centre is known.');
      if (!c.status.nothingPending)
        throw new AppError(
          'PENDING_AT_WORKSTATION',
          'The centre cannot confirm that nothing from this workstation is waiting.',
          { lastReportAt: c.status.lastReportAt, pending: c.status.pending },
        );
      const staff = await readStaffState(c.ds, null);
      const who = staff.find((s) => s.login.toLowerCase() === login.trim().toLowerCase());
      const ok = who ? await verifySecret(who.passwordHash, password) : false;
      if (!who || !ok || who.role !== 'supervisor' || who.disabledAt)
        throw new AppError('BAD_CREDENTIALS', 'Not an active supervisor of this office.');
      const aside = join(o.dataDir, `key-lost-${clock.now().toISOString().replace(/[:.]/g, '-')}`);
      mkdirSync(aside, { mode: 0o700 });
      for (const f of files()) renameSync(join(o.dataDir, f), join(aside, f));
      log$.warn('started again from the centre; the old store is kept aside', {
        supervisor: who.login,
        kept: aside,
      });
      return aside;
    } finally {
      if (c.ds?.isInitialized) await c.ds.destroy().catch(() => undefined);
    }
  }

  const refused = () => {
    throw new AppError('KEY_LOST', 'The local store cannot be opened on this computer.');
  };
  const handlers = Object.fromEntries(
    (Object.keys(contract) as Channel[]).map((c) => [c, refused]),
  ) as unknown as Handlers;
  Object.assign(handlers, {
    'app.info': () => ({
      version: o.version ?? '0.0.0-dev',
      needsSetup: false,
      setupMode: 'local' as const,
      centreError: null,
      keyLost: o.loss,
      demoRegistry: false,
      language: 'ru' as const,
      officeName: '',
      idleLockMinutes: 15,
    }),
    'session.current': () => ({ clerk: null, locked: false }),
    'recovery.status': async (): Promise<RecoveryStatus> => {
      const c = await centre();
      if (c.ds?.isInitialized) await c.ds.destroy().catch(() => undefined);
      return { loss: o.loss, files: files(), centre: c.status };
    },
    'recovery.startOver': async ({ login, password }: { login: string; password: string }) => {
      const movedTo = await startOver(login, password, log);
      setTimeout(() => o.onStartedOver?.(), 0);
      return { movedTo };
    },
  } satisfies Partial<Handlers>);
  return {
    dispatch: createDispatcher(handlers, session, log.child('ipc')),
    close: () => Promise.resolve(),
  };
}
