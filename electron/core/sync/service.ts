// The sync loop the main process runs. One cycle: push the outbox (batches), push the audit
// chain, then pull (the initial load once, the change feed after). Cycles run when there is
// something to do: operations pending locally (checked every second, a cheap count), a
// NOTIFY from the centre's change feed (a LISTEN connection; this is what makes a change
// at the centre visible here well within a second), a periodic poll in case a
// notification was lost, or "sync now". A failed cycle waits with capped exponential
// backoff and jitter; meanwhile the app works on its local store as usual.
import type { DataSource } from 'typeorm';
import { OFFICE_TIME_ZONE } from '../../../shared/domain/office-time';
import { AppError } from '../../../shared/errors';
import type { OfficeReview, SyncStatus } from '../../../shared/schemas/supervisor';
import type { AuditActor } from '../audit/chain';
import type { Clock } from '../clock';
import type { Store } from '../db/store';
import type { Logger } from '../log/logger';
import { outboxCounts } from '../outbox/counts';
import { pushAudit } from './audit-push';
import { backoffDelay } from './backoff';
import type { CentralOptions } from './central/datasource';
import type { CentralConfig } from './config';
import { listConflicts, type ConflictRecord } from './credential-feed';
import { type DeadOp, listDeadOps, retryDeadOp } from './dead-letters';
import { classify, isUnreachable } from './errors';
import { pullFeed } from './feed';
import { greetCentre } from './greet';
import { CentreLink } from './link';
import { decideHeldAtCentre, type HeldDecision, readOfficeReview } from './held';
import {
  type CentreIdentity,
  CentreRefusal,
  effectiveDistricts,
  enrolmentOf,
  type Enrolled,
  loadIdentity,
} from './identity';
import { initialLoad, needsInitialLoad } from './initial';
import { pushBatch } from './push';
import { reportWaiting } from './report';
import { getState, STATE } from './state';

export type { DeadOp } from './dead-letters';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
export type { HeldDecision };
export type { SyncStatus };

export interface SyncOptions {
  /** null: sync is not set up; the service reports 'disabled' and does nothing. */
  central: CentralConfig | null;
  workstationId: string;
  officeId: string | (() => string);
  /**
   * The districts this workstation's settings name. Enrolled, it replicates the districts the
   * centre enrolled it for, narrowed to these when any are named; on the shared legacy login,
   * exactly these (empty: push only).
   */
  districts: string[];
  /** Sent with the hello, for IT's workstation list. */
  appVersion?: string;
  /**
   * The centre enrolled this login for another office than the one set up here: may this
   * workstation take the centre's office (true, e.g. on first start with no staff yet)? If
   * not, sync stops with OFFICE_MISMATCH until IT or the supervisor sorts it out.
   */
  adoptOffice?(identity: Enrolled): Promise<boolean>;
  /** Staff changed here from the centre's directory (sign a disabled clerk out, say). */
  onStaffChanged?(ids: string[]): void;
  /** How often an operation the centre holds is asked about again. */
  heldRecheckMs?: number;
  /** How long "sync now" and a supervisor's live read of the centre wait at most. */
  interactiveWaitMs?: number;
  batchSize?: number;
  auditPageSize?: number;
  feedPageSize?: number;
  initialPageSize?: number;
  /** How often the idle loop looks for new local operations. */
  idleCheckMs?: number;
  /** Pull at least this often, in case a notification was lost. */
  feedPollMs?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** For the conflict texts ("printed at 10:02"). */
  timeZone?: string;
  centralOptions?: CentralOptions;
}

const DEFAULTS = {
  batchSize: 100,
  auditPageSize: 500,
  feedPageSize: 2_000,
  initialPageSize: 10_000,
  idleCheckMs: 1_000,
  feedPollMs: 15_000,
  backoffBaseMs: 1_000,
  backoffCapMs: 60_000,
  heldRecheckMs: 60_000,
  interactiveWaitMs: 1_500,
  timeZone: OFFICE_TIME_ZONE,
};
/** Batches per cycle before the pull gets its turn (a long backlog must not starve it). */
const MAX_BATCHES_PER_CYCLE = 50;

export class SyncService {
  private readonly o: typeof DEFAULTS & SyncOptions;
  private st: SyncStatus;
  private readonly listeners = new Set<(s: SyncStatus) => void>();
  private link: CentreLink | null = null;
  private running = false;
  private loopDone: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private lastPullAt = 0;
  private failures = 0;
  private cycleTail: Promise<unknown> = Promise.resolve();
  private waiters: (() => void)[] = [];
  /** What was last reported to the centre (see report()). */
  private reported = '';

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: Logger,
    options: SyncOptions,
  ) {
    this.o = { ...DEFAULTS, ...options };
    this.st = {
      state: options.central ? 'offline' : 'disabled',
      offlineSince: null,
      onlineSince: null,
      pending: 0,
      held: 0,
      dead: 0,
      enrolment: null,
      lastError: null,
      lastSyncAt: null,
      registryAt: null,
    };
  }

  status(): SyncStatus {
    return { ...this.st };
  }

  /** The status with the outbox counted now, not as of the loop's last look. */
  async freshStatus(): Promise<SyncStatus> {
    await this.refreshCounts();
    return this.status();
  }

  onStatus(cb: (s: SyncStatus) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
    // How fresh the replica is, and what the centre last said we are, even before (or
    // without) reaching the centre.
    void this.store
      .run(
        async (m) => [await getState<string>(m, STATE.registryAt), await loadIdentity(m)] as const,
      )
      .then(([at, id]) => {
        if (this.st.registryAt === null) this.update({ registryAt: at });
        if (this.st.enrolment === null) this.update({ enrolment: enrolmentOf(id) });
      })
      .catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loopDone;
    this.loopDone = null;
    await this.link?.close();
    for (const w of this.waiters.splice(0)) w();
  }

  /** Runs a cycle now (or right after the one under way) and returns the status after it. */
  async syncNow(): Promise<SyncStatus> {
    if (!this.o.central) return this.status();
    if (!this.running) {
      await this.exclusiveCycle();
      return this.status();
    }
    // A counter's "sync now" waits for the cycle it asked for, but not longer than a clerk
    // should wait (a centre that takes its connect timeout to refuse, a long initial load):
    // the cycle goes on, and the status says where it is.
    await Promise.race([
      new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        this.wake();
      }),
      sleep(this.o.interactiveWaitMs),
    ]);
    return this.status();
  }

  listDead(): Promise<DeadOp[]> {
    return listDeadOps(this.store);
  }

  /** Puts a dead operation back in the queue (a supervisor's decision, audited). */
  async retryDead(opId: string, by: string | null = null): Promise<void> {
    await retryDeadOp(this.store, { ...this.actor(), clerkId: by }, opId, this.clock.now());
    await this.refreshCounts();
    this.wake();
  }

  listConflicts(): Promise<ConflictRecord[]> {
    return this.store.run((m) => listConflicts(m));
  }

  /** The office's held operations and the centre's security events, read live. */
  review(limit = 100): Promise<OfficeReview> {
    return this.withCentre((ds) => readOfficeReview(ds, limit));
  }

  /** A supervisor's decision on held operations of the office (sync/held.ts). */
  async decideHeld(opIds: string[], by: string, release: boolean): Promise<HeldDecision[]> {
    const actor = { ...this.actor(), clerkId: by };
    const out = await this.withCentre((ds) =>
      decideHeldAtCentre(ds, this.store, actor, opIds, release, this.clock.now()),
    );
    this.wake();
    return out;
  }

  /**
   * Runs `fn` on the centre between cycles, for a supervisor waiting at the screen: if no
   * connection is to be had within interactiveWaitMs (a cycle under way, a centre that does
   * not answer), it is CENTRAL_UNREACHABLE at once and `fn` never runs later behind the
   * supervisor's back. Once `fn` has started, its answer is awaited.
   */
  private withCentre<T>(fn: (ds: DataSource) => Promise<T>): Promise<T> {
    if (!this.o.central)
      return Promise.reject(new AppError('CENTRAL_NOT_CONFIGURED', 'Sync is not set up.'));
    let given = false;
    let started = false;
    const unreachable = (why: string) =>
      new AppError('CENTRAL_UNREACHABLE', `The centre cannot be reached: ${why}`);
    const run = this.cycleTail.then(async () => {
      if (given) throw unreachable('the supervisor stopped waiting');
      let ds: DataSource;
      try {
        ds = await this.centre().open();
      } catch (e) {
        throw unreachable(classify(e).message);
      }
      if (given) throw unreachable('the supervisor stopped waiting');
      started = true;
      return fn(ds);
    });
    this.cycleTail = run.catch(() => undefined);
    const deadline = sleep(this.o.interactiveWaitMs).then(() => {
      if (started) return run;
      given = true;
      throw unreachable('it did not answer in time');
    });
    return Promise.race([run, deadline]);
  }

  // ---------------------------------------------------------------- the loop

  private async loop(): Promise<void> {
    while (this.running) {
      // A wake-up that came during the last cycle (a NOTIFY caused by our own push, say)
      // forces the next one; it is consumed here, before anything can miss it.
      const forced = this.woken;
      this.woken = false;
      let wait = this.o.idleCheckMs;
      try {
        if (this.o.central && (forced || (await this.due()))) {
          const ok = await this.exclusiveCycle();
          if (!ok) wait = backoffDelay(this.failures, this.o.backoffBaseMs, this.o.backoffCapMs);
        } else if (!this.o.central) {
          await this.refreshCounts();
        }
      } catch (e) {
        // Only the local store can fail here (closed under us, disk full); try again later.
        this.log.warn('sync loop step failed', { error: String(e) });
      }
      if (this.running && !this.woken) await this.sleep(wait);
    }
  }

  private async due(): Promise<boolean> {
    if (this.waiters.length > 0 || !this.link?.isOpen) return true;
    if (Date.now() - this.lastPullAt >= this.o.feedPollMs) return true;
    await this.refreshCounts();
    return this.st.pending > 0;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done(): void {
        clearTimeout(t);
        resolve();
      }
      this.wakeUp = done;
    });
  }

  private wake(): void {
    this.woken = true;
    const w = this.wakeUp;
    this.wakeUp = null;
    w?.();
  }

  private exclusiveCycle(): Promise<boolean> {
    const run = this.cycleTail.then(() => this.cycle());
    this.cycleTail = run.catch(() => undefined);
    return run;
  }

  /** One cycle; never throws. Returns whether it completed. */
  private async cycle(): Promise<boolean> {
    const waiting = this.waiters.splice(0);
    try {
      const ds = await this.centre().open();
      await this.refreshCounts();
      if (this.st.pending > 0) this.update({ state: 'syncing' });
      for (let i = 0; i < MAX_BATCHES_PER_CYCLE; i++) {
        const r = await pushBatch({
          store: this.store,
          central: ds,
          clock: this.clock,
          log: this.log,
          actor: this.actor(),
          batchSize: this.o.batchSize,
          heldRecheckMs: this.o.heldRecheckMs,
        });
        if (!r.more) break;
      }
      // The audit and the pull are independent of each other: one that the centre refuses
      // (a broken local chain, say) must not stop the other; the link going down stops all.
      const problems: string[] = [];
      const step = async (name: string, fn: () => Promise<unknown>): Promise<void> => {
        try {
          await fn();
        } catch (e) {
          const f = classify(e);
          if (isUnreachable(f)) throw e;
          this.log.error(`sync ${name} failed`, { code: f.code, error: f.message });
          problems.push(`${name}: ${f.code}: ${f.message}`);
        }
      };
      await step('audit', () =>
        pushAudit({
          store: this.store,
          central: ds,
          clock: this.clock,
          workstationId: this.o.workstationId,
          pageSize: this.o.auditPageSize,
        }),
      );
      if (this.districts().length > 0) await step('pull', () => this.pull(ds));
      this.failures = 0;
      const now = this.clock.now().toISOString();
      await this.refreshCounts();
      if (this.identity()?.mode === 'workstation') await step('report', () => this.report(ds));
      this.update({
        state: 'online',
        offlineSince: null,
        lastError: problems.length ? problems.join('; ') : null,
        lastSyncAt: now,
      });
      return true;
    } catch (e) {
      const f = classify(e);
      this.failures += 1;
      // A centre that will not take this login is as good as no centre, and the next try
      // must say hello again.
      const offline = isUnreachable(f) || e instanceof CentreRefusal;
      this.log.warn('sync cycle failed', {
        code: f.code,
        error: f.message,
        failures: this.failures,
      });
      if (offline) await this.link?.close();
      await this.refreshCounts().catch(() => undefined);
      this.update({
        state: offline ? 'offline' : 'online',
        offlineSince: offline ? (this.st.offlineSince ?? this.clock.now().toISOString()) : null,
        lastError: `${f.code}: ${f.message}`,
      });
      return false;
    } finally {
      for (const w of waiting) w();
    }
  }

  /**
   * Tells the centre what waits here (operations not yet applied: pending, held or dead;
   * the newest audit entry), when that changed: if this workstation's key is ever lost, the
   * centre can then say whether starting again would lose anything it was told of
   * (core/recovery.ts).
   */
  /** What this workstation replicates now (see SyncOptions.districts). */
  private districts(): string[] {
    return effectiveDistricts(this.identity(), this.o.districts);
  }

  private async pull(ds: DataSource): Promise<void> {
    const districts = this.districts();
    const who = this.identity();
    const officeId = who?.mode === 'workstation' ? who.officeId : undefined;
    const base = {
      store: this.store,
      central: ds,
      clock: this.clock,
      log: this.log,
      districts,
      officeId,
      onStaffChanged: (ids: string[]) => this.o.onStaffChanged?.(ids),
    };
    // Both paths report conflicts: the initial load brings those decided before its
    // snapshot, which the feed after it never will.
    const audit = { actor: this.actor(), timeZone: this.o.timeZone };
    let r: { registryAt: string; conflicts: ConflictRecord[] };
    if (await needsInitialLoad(this.store, districts)) {
      this.update({ state: 'syncing' });
      r = await initialLoad({ ...base, ...audit, pageSize: this.o.initialPageSize });
    } else {
      r = await pullFeed({ ...base, ...audit, pageSize: this.o.feedPageSize });
    }
    this.update({ registryAt: r.registryAt });
    if (r.conflicts.length > 0)
      this.log.warn('credential conflicts reported', { count: r.conflicts.length });
    this.lastPullAt = Date.now();
  }

  /** The link to the centre, made at first use (the centre is configured by then). */
  private centre(): CentreLink {
    this.link ??= new CentreLink({
      central: this.o.central!,
      centralOptions: this.o.centralOptions,
      applicationName: `access-desk ${this.o.workstationId}`,
      log: this.log,
      onNotify: () => this.wake(),
      greet: (ds) =>
        greetCentre(ds, {
          store: this.store,
          clock: this.clock,
          log: this.log,
          workstationId: this.o.workstationId,
          appVersion: this.o.appVersion ?? null,
          officeId: this.actor().officeId,
          adoptOffice: (id) => this.o.adoptOffice?.(id) ?? Promise.resolve(false),
          onStaffChanged: (ids) => this.o.onStaffChanged?.(ids),
          onIdentity: (id) => this.update({ enrolment: enrolmentOf(id) }),
        }),
    });
    return this.link;
  }

  /** What the centre said at this connection's hello; null until then. */
  private identity(): CentreIdentity | null {
    return this.link?.identity ?? null;
  }

  private async report(ds: DataSource): Promise<void> {
    const waiting = this.st.pending + this.st.held + this.st.dead;
    this.reported = await reportWaiting(ds, this.store, waiting, this.reported);
  }

  private async refreshCounts(): Promise<void> {
    this.update(await outboxCounts(this.store));
  }

  private actor(): AuditActor {
    const office = typeof this.o.officeId === 'function' ? this.o.officeId() : this.o.officeId;
    return { workstationId: this.o.workstationId, officeId: office, clerkId: null };
  }

  private update(patch: Partial<SyncStatus>): void {
    const next = { ...this.st, ...patch };
    const connected = (s: SyncStatus['state']) => s === 'online' || s === 'syncing';
    if (connected(next.state) && !connected(this.st.state)) {
      next.onlineSince = this.clock.now().toISOString();
    } else if (!connected(next.state)) next.onlineSince = null;
    const changed = (Object.keys(next) as (keyof SyncStatus)[]).some((k) =>
      k === 'enrolment'
        ? JSON.stringify(next[k]) !== JSON.stringify(this.st[k])
        : next[k] !== this.st[k],
    );
    this.st = next;
    if (!changed) return;
    for (const cb of this.listeners) {
      try {
        cb(this.status());
      } catch (e) {
        this.log.warn('status listener failed', { error: String(e) });
      }
    }
  }
}
