// Issue visit in the core, end to end as a clerk's clicks drive it: start, passport check
// (rules + invalid list + identity), consent + credential with argon2id + audit + outbox in
// one commit, the information sheet PDF, close. Printing itself is the spooler's time and
// is left out. Run: npx tsx tests/bench/visit.ts [--accounts 10000] [--visits 200]
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

import { PASSWORD_ALPHABET } from '../../electron/core/credentials/password';
import { renderInfoSheet } from '../../electron/core/documents';
import { getAccount } from '../../electron/core/registry/search';
import { call, openTestCore } from '../integration/core/harness';
import { isAdultOn, passportFor, personOf } from '../support/passports';
import { numberArg, summary, watchLoop, writeResult, type LoopDelay } from './stats';

export interface VisitBenchResult {
  accounts: number;
  visits: number;
  totalMs: ReturnType<typeof summary>;
  steps: Record<string, ReturnType<typeof summary>>;
  /** The core's event loop over the measured visits (the sheet rendered in each). */
  loop: LoopDelay;
}

export async function runVisitBench(opts: {
  accounts: number;
  visits: number;
}): Promise<VisitBenchResult> {
  const t = await openTestCore({ accounts: opts.accounts, now: '2026-11-25T09:00:00Z' });
  try {
    const totals: number[] = [];
    const steps: Record<string, number[]> = {
      start: [],
      check: [],
      issue: [],
      sheet: [],
      close: [],
    };
    const timed = async <T>(step: string, f: () => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      const r = await f();
      steps[step]!.push(performance.now() - t0);
      return r;
    };
    let id = 0;
    let done = 0;
    const warmup = 5;
    let loop: ReturnType<typeof watchLoop> | null = null;
    while (done < opts.visits + warmup) {
      if (done === warmup && !loop) loop = watchLoop();
      id += 1;
      const account = await getAccount(t.core.ctx.store, id);
      if (!account) {
        if (id > opts.accounts * 2) throw new Error('ran out of accounts');
        continue;
      }
      const owner = account.residents.find(
        (r) => r.relation === 'owner' && isAdultOn(r.birthDate, t.today),
      );
      if (!owner) continue;
      t.core.session.signIn(t.clerk);
      const t0 = performance.now();
      const v = await timed('start', () =>
        call(t, 'visit.start', { accountId: account.accountId, kind: 'issue' }),
      );
      await timed('check', () =>
        call(t, 'visit.check', {
          visitId: v.visitId,
          residentId: owner.id,
          person: personOf(owner),
          passport: passportFor(owner.birthDate, t.today),
          source: 'typed',
        }),
      );
      const issued = await timed('issue', () =>
        call(t, 'visit.issue', { visitId: v.visitId, consentSigned: true, representative: null }),
      );
      await timed('sheet', () =>
        renderInfoSheet({
          language: 'ru',
          paper: 'A4',
          serial: issued.sheetSerial,
          portalUrl: 'https://lk.example.ru',
          login: issued.login,
          password: issued.password,
          passwordAlphabet: PASSWORD_ALPHABET,
          expiresAt: issued.expiresAt,
          activationMinutes: 15,
          meterDeadlineDay: 25,
          dataDelayDays: 3,
          district: account.address.districtName,
          office: { name: 'Расчётный центр', address: 'г. Москва' },
          clerkName: t.clerk.fullName,
          issuedAt: new Date().toISOString(),
        }),
      );
      await timed('close', () => call(t, 'visit.close', { visitId: v.visitId }));
      totals.push(performance.now() - t0);
      done += 1;
    }
    const loopDelay = loop!.stop();
    // The first visits pay for loading fonts, warming caches and the JIT: reported apart.
    const keep = (xs: number[]) => xs.slice(warmup);
    return {
      accounts: opts.accounts,
      visits: opts.visits,
      totalMs: summary(keep(totals)),
      steps: Object.fromEntries(Object.entries(steps).map(([k, xs]) => [k, summary(keep(xs))])),
      loop: loopDelay,
    };
  } finally {
    await t.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runVisitBench({
    accounts: numberArg('--accounts', 10_000),
    visits: numberArg('--visits', 200),
  });
  const f = (x: number) => x.toFixed(1);
  console.log(
    `issue visit (${result.visits} visits, ${result.accounts} accounts): p50 ${f(result.totalMs.p50)} ms, p99 ${f(result.totalMs.p99)} ms`,
  );
  for (const [k, s] of Object.entries(result.steps))
    console.log(`  ${k.padEnd(6)} p50 ${f(s.p50)} ms  p99 ${f(s.p99)} ms`);
  writeResult('visit', result);
}
