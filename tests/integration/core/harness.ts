// A real core on a real encrypted file, with a small demo registry, staff, and (optionally)
// an invalid-passport list that names the passports a test wants refused.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract';
import type { AccountSummary, ResidentSummary } from '../../../shared/schemas/registry';
import type { ClerkSummary } from '../../../shared/schemas/session';
import { openCore, PASSPORT_LIST_FILE, type Core, type CoreOptions } from '../../../electron/core';
import { fixedClock, type Clock } from '../../../electron/core/clock';
import { memorySink } from '../../../electron/core/log/logger';
import { importPassportList } from '../../../electron/core/passport-list';
import type { PrintBackend } from '../../../electron/core/printing';
import type { Platform } from '../../../electron/core/platform';
import { getAccount } from '../../../electron/core/registry/search';
import { createClerk } from '../../../electron/core/staff/admin';
import { setupFirstSupervisor } from '../../../electron/core/staff/service';
import { officeDate } from '../../../shared/domain/office-time';
import { isAdultOn, passportFor, personOf } from '../../support/passports';
import type { Issued } from '../../../shared/schemas/visit';

export const SUP = {
  login: 'petrova',
  fullName: 'Петрова Анна Сергеевна',
  password: 'Supervisor-pass-1',
};
export const CLERK = {
  login: 'ivanov',
  fullName: 'Иванов Олег Петрович',
  password: 'Clerk-pass-12345',
};

export interface TestCore {
  core: Core;
  dir: string;
  key: Buffer;
  clock: Clock & { advance(ms: number): void; set(d: Date | string): void };
  logs: ReturnType<typeof memorySink>;
  supervisor: ClerkSummary;
  clerk: ClerkSummary;
  today: string;
  close(): Promise<void>;
}

export interface TestCoreOptions {
  accounts?: number;
  /** Passports (series+number, 10 digits) to put on the invalid list; null for no list at all. */
  invalid?: string[] | null;
  printer?: PrintBackend;
  platform?: Platform;
  now?: string;
  sync?: CoreOptions['sync'];
  /** The daily destruction job; off unless a test asks (it would race the test's own runs). */
  destructionJob?: CoreOptions['destructionJob'];
  /** A machine policy, as the main process would pass it. */
  policy?: CoreOptions['policy'];
}

export async function openTestCore(opts: TestCoreOptions = {}): Promise<TestCore> {
  const dir = mkdtempSync(join(tmpdir(), 'access-desk-core-'));
  const key = randomBytes(32);
  const clock = fixedClock(opts.now ?? '2026-11-25T09:00:00Z');
  const logs = memorySink(100_000);
  if (opts.invalid !== null) {
    const csv = join(dir, 'list.csv');
    const rows = (opts.invalid ?? ['0000000001']).map((k) => `${k.slice(0, 4)},${k.slice(4)}`);
    writeFileSync(csv, `PASSP_SERIES,PASSP_NUMBER\n${rows.join('\n')}\n`);
    await importPassportList(csv, join(dir, PASSPORT_LIST_FILE), { listDate: '2026-11-20' });
    rmSync(csv);
  }
  const core = await openCore({
    dataDir: dir,
    dbKey: key,
    clock,
    logSinks: [logs],
    demoAccounts: opts.accounts ?? 300,
    ...(opts.printer ? { printer: opts.printer } : {}),
    ...(opts.platform ? { platform: opts.platform } : {}),
    // The tests' own environment must not point a test core at a real centre.
    sync: { env: {}, ...opts.sync },
    destructionJob: opts.destructionJob ?? false,
    ...(opts.policy !== undefined && { policy: opts.policy }),
  });
  const supervisor = await setupFirstSupervisor(core.ctx, { officeName: 'Тестовый офис', ...SUP });
  const clerk = await createClerk(core.ctx, supervisor, { ...CLERK, role: 'clerk' });
  core.session.signIn(clerk);
  return {
    core,
    dir,
    key,
    clock,
    logs,
    supervisor,
    clerk,
    today: officeDate(clock.now()),
    close: async () => {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The first account (by id) with an adult owner, and that owner. */
export async function accountWithOwner(
  t: TestCore,
  skip = 0,
): Promise<{ account: AccountSummary; owner: ResidentSummary }> {
  let seen = 0;
  for (let id = 1; id < 100_000; id++) {
    const account = await getAccount(t.core.ctx.store, id);
    if (!account) continue;
    const owner = account.residents.find(
      (r) => r.relation === 'owner' && isAdultOn(r.birthDate, t.today),
    );
    if (owner && seen++ >= skip) return { account, owner };
  }
  throw new Error('no account with an adult owner');
}

export async function accountWithRegistered(
  t: TestCore,
): Promise<{ account: AccountSummary; resident: ResidentSummary }> {
  for (let id = 1; id < 100_000; id++) {
    const account = await getAccount(t.core.ctx.store, id);
    const resident = account?.residents.find(
      (r) => r.relation === 'registered' && isAdultOn(r.birthDate, t.today),
    );
    if (account && resident) return { account, resident };
  }
  throw new Error('no account with an adult registered resident');
}

/** Calls a channel as the app does (trusted sender), throwing on failure. */
/** A channel called as the app's own window would, typed by the contract both ways. */
export async function call<C extends Channel>(
  t: TestCore,
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const res = await t.core.dispatch(
    { trusted: true, url: 'app://access-desk/index.html' },
    channel,
    input,
  );
  if (!res.ok)
    throw Object.assign(new Error(`${channel}: ${res.code} ${res.message}`), {
      code: res.code,
      details: res.details,
    });
  return res.data as ChannelOutput<C>;
}

/** Signs `who` in on the test core's session (the counter's one window). */
export function signInAs(t: TestCore, who: ClerkSummary): void {
  t.core.session.signIn(who);
}

/**
 * The error code of a call that must fail. The input is typed too; a test of what the
 * boundary does with a malformed input says so with `as never`.
 */
export async function callFails<C extends Channel>(
  t: TestCore,
  channel: C,
  input: ChannelInput<C>,
): Promise<string> {
  const res = await t.core.dispatch(
    { trusted: true, url: 'app://access-desk/index.html' },
    channel,
    input,
  );
  if (res.ok) throw new Error(`${channel} should have failed`);
  return res.code;
}

/**
 * A whole issue visit through the channels, for tests that need access issued: the first
 * adult owner (after `skip`), a valid passport, a signed consent; the visit closed after
 * `minutes` on the test clock.
 */
export async function issueThroughChannels(
  t: TestCore,
  skip = 0,
  minutes = 0,
  /** The passport's number (six digits), for a test that looks for it afterwards. */
  number?: string,
): Promise<Issued & { accountId: number; account: AccountSummary; owner: ResidentSummary }> {
  const { account, owner } = await accountWithOwner(t, skip);
  const v = await call(t, 'visit.start', {
    accountId: account.accountId,
    kind: 'issue',
  });
  await call(t, 'visit.check', {
    visitId: v.visitId,
    residentId: owner.id,
    person: personOf(owner),
    passport: passportFor(owner.birthDate, t.today, number),
    source: 'typed',
  });
  const issued = await call(t, 'visit.issue', {
    visitId: v.visitId,
    consentSigned: true,
    representative: null,
  });
  if (minutes > 0) t.clock.advance(minutes * 60_000);
  await call(t, 'visit.close', { visitId: v.visitId });
  return { ...issued, accountId: account.accountId, account, owner };
}
