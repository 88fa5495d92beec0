// The sync the app runs: a SyncService built from the settings (or ACCESS_DESK_CENTRAL_URL),
// rebuilt whenever the supervisor changes the central connection, and shown to the renderer
// in the contract's shapes. With no central database configured the same service reports
// 'disabled' and keeps counting what waits in the outbox, so nothing special-cases it.
import type { z } from 'zod';
import type {
  ConflictView,
  DeadOperation,
  OfficeReview,
  SyncStatus,
} from '../../../shared/schemas/supervisor';
import type { CoreContext } from '../context';
import { Clerk } from '../db/entities';
import type { Platform } from '../platform';
import type { Policy } from '../../../shared/schemas/policy';
import {
  districtsFromEnv,
  parseCentralUrl,
  parseDistricts,
  resolveCentralConfig,
  type CentralConfig,
} from '../sync/config';
import { conflictFacts, type ConflictRecord } from '../sync/credential-feed';
import type { Enrolled } from '../sync/identity';
import { type HeldDecision, SyncService, type SyncOptions } from '../sync/service';

/** What the app asks of sync, whether or not a central database is configured. */
export interface SyncControl {
  status(): Promise<SyncStatus>;
  syncNow(): Promise<SyncStatus>;
  listDead(): Promise<z.infer<typeof DeadOperation>[]>;
  retryDead(opId: string, by: string): Promise<void>;
  listConflicts(): Promise<z.infer<typeof ConflictView>[]>;
  review(): Promise<OfficeReview>;
  decideHeld(opIds: string[], by: string, release: boolean): Promise<HeldDecision[]>;
  /** Picks up changed connection settings: stops the running loop and starts a new one. */
  reconfigure(): Promise<void>;
  stop(): Promise<void>;
}

/** The settings key of the central password, sealed with safeStorage. */
export const CENTRAL_PASSWORD_KEY = 'central.password';
/** The settings key of a certificate login's private key (PEM), sealed with safeStorage. */
export const CENTRAL_CLIENT_KEY = 'central.clientKey';

export interface SyncControlOptions {
  ctx: CoreContext;
  platform: Platform;
  env?: Record<string, string | undefined>;
  /** Loop timings, for tests that cannot wait a second per step. */
  tuning?: Partial<Omit<SyncOptions, 'central' | 'workstationId' | 'officeId' | 'districts'>>;
  appVersion?: string;
  /** Staff changed from the centre's directory (the session may have to end). */
  onStaffChanged?(ids: string[]): void;
  /** The machine policy: its central connection and districts win over the environment. */
  policy?: Policy | null;
}

/**
 * The centre enrolled this workstation for another office than the settings name. Before
 * anyone is set up here (first start of a counter joining its office) the workstation takes
 * the centre's office; once it has staff and history, that would rewrite who it worked for,
 * so sync stops with OFFICE_MISMATCH and says so instead.
 */
async function adoptOffice(ctx: CoreContext, id: Enrolled): Promise<boolean> {
  const now = ctx.clock.now();
  return ctx.store.tx(async (m) => {
    if ((await m.count(Clerk)) > 0) return false;
    const office = ctx.settings.get().office;
    await ctx.settings.update(
      m,
      { office: { ...office, code: id.officeId, name: id.officeName || office.name } },
      now,
    );
    ctx.log.info('office taken from the centre', { office: id.officeId });
    return true;
  });
}

async function centralConfig(o: SyncControlOptions): Promise<CentralConfig | null> {
  const { ctx, platform } = o;
  const managed = o.policy?.central;
  if (managed) {
    // IT's connection: the URL without its secret, the password or the certificate's files.
    const c = parseCentralUrl(managed.url);
    return {
      ...c,
      password: managed.password ?? '',
      ssl: {
        ...c.ssl,
        ...(managed.certFile && { certFile: managed.certFile }),
        ...(managed.keyFile && { keyFile: managed.keyFile }),
      },
    };
  }
  const unseal = async (key: string, what: string): Promise<string | null> => {
    const sealed = await ctx.settings.getValue<string>(key);
    if (!sealed) return null;
    try {
      return platform.openSecret(sealed);
    } catch (e) {
      // A secret sealed on another machine or user cannot be opened here: connect without
      // it and let the centre refuse, which the status line then shows.
      ctx.log.warn(`${what} cannot be opened on this machine`, { error: String(e) });
      return null;
    }
  };
  const password = await unseal(CENTRAL_PASSWORD_KEY, 'central password');
  const clientKey = await unseal(CENTRAL_CLIENT_KEY, 'client certificate key');
  try {
    return resolveCentralConfig(
      ctx.settings.get().central,
      password,
      o.env ?? process.env,
      clientKey,
    );
  } catch (e) {
    ctx.log.error('central connection settings are not usable', { error: String(e) });
    return null;
  }
}

/** A local conflict record as the supervisor's sync tab gets it. */
export function conflictView(
  c: ConflictRecord,
  payerCode: string | null = null,
): z.infer<typeof ConflictView> {
  return {
    accountId: c.accountId,
    payerCode,
    text: c.text,
    detectedAt: c.detectedAt,
    ...conflictFacts(c),
  };
}

export async function startSync(o: SyncControlOptions): Promise<SyncControl> {
  const { ctx } = o;
  const log = ctx.log.child('sync');
  let service: SyncService | null = null;
  let stopDemoWatch = (): void => undefined;

  const build = async (): Promise<SyncService> => {
    const central = await centralConfig(o);
    const districts =
      o.policy?.districts ??
      districtsFromEnv(o.env ?? process.env) ??
      parseDistricts(ctx.settings.get().central.districts);
    const s = new SyncService(ctx.store, ctx.clock, log, {
      ...o.tuning,
      central,
      workstationId: ctx.workstationId,
      officeId: () => ctx.officeId(),
      districts,
      ...(o.appVersion !== undefined && { appVersion: o.appVersion }),
      adoptOffice: (id) => adoptOffice(ctx, id),
      onStaffChanged: (ids) => o.onStaffChanged?.(ids),
    });
    // Once the centre's registry has replaced the demo one, the app stops calling it a demo.
    stopDemoWatch = s.onStatus((st) => {
      if (st.registryAt === null) return;
      stopDemoWatch();
      void ctx.store
        .tx((m) => ctx.settings.setValue(m, 'registry.demo', false, ctx.clock.now()))
        .catch((e: unknown) => log.warn('could not clear the demo flag', { error: String(e) }));
    });
    s.start();
    return s;
  };
  const current = (): SyncService => {
    if (!service) throw new Error('sync stopped');
    return service;
  };
  const stopService = async (): Promise<void> => {
    stopDemoWatch();
    const s = service;
    service = null;
    await s?.stop();
  };
  service = await build();

  /** What the supervisor recognises an account by: its payer code (null if it left the replica). */
  const payerCodes = async (accountIds: (number | null)[]): Promise<Map<number, string>> => {
    const ids = [...new Set(accountIds.filter((id): id is number => id !== null))];
    const codes = new Map<number, string>();
    if (ids.length === 0) return codes;
    const rows = await ctx.store.run((m) =>
      m.query<{ id: number; payer_code: string }[]>(
        `SELECT id, payer_code FROM account WHERE id IN (${ids.map(() => '?').join(', ')})`,
        ids,
      ),
    );
    for (const r of rows) codes.set(Number(r.id), r.payer_code);
    return codes;
  };

  return {
    status: () => current().freshStatus(),
    syncNow: () => current().syncNow(),
    async listDead() {
      const ops = await current().listDead();
      const codes = await payerCodes(ops.map((op) => op.accountId));
      return ops.map((op) => ({
        opId: op.opId,
        kind: op.kind,
        createdAt: op.createdAt,
        attempts: op.attempts,
        lastError: op.lastError,
        payerCode: op.accountId === null ? null : (codes.get(op.accountId) ?? null),
      }));
    },
    retryDead: (opId, by) => current().retryDead(opId, by),
    review: () => current().review(),
    decideHeld: (opIds, by, release) => current().decideHeld(opIds, by, release),
    async listConflicts() {
      const conflicts = await current().listConflicts();
      const codes = await payerCodes(conflicts.map((c) => c.accountId));
      return conflicts.map((c) => conflictView(c, codes.get(c.accountId) ?? null));
    },
    async reconfigure() {
      await stopService();
      service = await build();
    },
    stop: stopService,
  };
}
