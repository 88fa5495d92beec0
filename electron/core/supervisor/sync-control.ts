// The sync the app runs: a SyncService built from the settings (or ACCESS_DESK_CENTRAL_URL),
// rebuilt whenever the supervisor changes the central connection, and shown to the renderer
// in the contract's shapes. With no central database configured the same service reports
// 'disabled' and keeps counting what waits in the outbox, so nothing special-cases it.
import type { z } from 'zod';
import type { ConflictView, DeadOperation, SyncStatus } from '../../../shared/schemas/supervisor';
import type { CoreContext } from '../context';
import type { Platform } from '../platform';
import {
  districtsFromEnv,
  parseDistricts,
  resolveCentralConfig,
  type CentralConfig,
} from '../sync/config';
import { conflictFacts, type ConflictRecord } from '../sync/credential-feed';
import { SyncService, type SyncOptions } from '../sync/service';

/** What the app asks of sync, whether or not a central database is configured. */
export interface SyncControl {
  status(): Promise<SyncStatus>;
  syncNow(): Promise<SyncStatus>;
  listDead(): Promise<z.infer<typeof DeadOperation>[]>;
  retryDead(opId: string, by: string): Promise<void>;
  listConflicts(): Promise<z.infer<typeof ConflictView>[]>;
  /** Picks up changed connection settings: stops the running loop and starts a new one. */
  reconfigure(): Promise<void>;
  stop(): Promise<void>;
}

/** The settings key of the central password, sealed with safeStorage. */
export const CENTRAL_PASSWORD_KEY = 'central.password';

export interface SyncControlOptions {
  ctx: CoreContext;
  platform: Platform;
  env?: Record<string, string | undefined>;
  /** Loop timings, for tests that cannot wait a second per step. */
  tuning?: Partial<Omit<SyncOptions, 'central' | 'workstationId' | 'officeId' | 'districts'>>;
}

async function centralConfig(o: SyncControlOptions): Promise<CentralConfig | null> {
  const { ctx, platform } = o;
  const sealed = await ctx.settings.getValue<string>(CENTRAL_PASSWORD_KEY);
  let password: string | null = null;
  if (sealed) {
    try {
      password = platform.openSecret(sealed);
    } catch (e) {
      // A password sealed on another machine or user cannot be opened here: connect
      // without it and let the centre refuse, which the status line then shows.
      ctx.log.warn('central password cannot be opened on this machine', { error: String(e) });
    }
  }
  try {
    return resolveCentralConfig(ctx.settings.get().central, password, o.env ?? process.env);
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
      districtsFromEnv(o.env ?? process.env) ??
      parseDistricts(ctx.settings.get().central.districts);
    const s = new SyncService(ctx.store, ctx.clock, log, {
      ...o.tuning,
      central,
      workstationId: ctx.workstationId,
      officeId: () => ctx.officeId(),
      districts,
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
