// Registry benchmark (issue 7): the initial bulk load of a demo registry into an encrypted
// store (accounts + residents, indexes built, statistics gathered) against a raw multi-row
// INSERT of the same rows into the same kind of encrypted file without indexes, in the same
// run; then search latency per query kind over queries drawn from the loaded rows.
//
//   npx tsx tests/bench/registry.ts [--accounts 1000000] [--queries 2000] [--seed 20250601]
//
// Throwaway files in a temp dir; nothing is left behind. On a shared 2-core machine the
// timings are noisy: compare the ratio within one run, and read CPU seconds next to wall.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildMrz } from '../../shared/domain/mrz';
import { openLocalStore, type Store } from '../../electron/core/db/store';
import { seedDemoRegistry } from '../../electron/core/registry/bulk';
import { generateRegistry } from '../../electron/core/registry/generator';
import { Rng } from '../../electron/core/registry/random';
import { searchRegistry } from '../../electron/core/registry/search';
import { StreetIndex } from '../../electron/core/registry/streets';
import { numberArg, peakRssMb, summary, writeResult } from './stats';
import { rawInsert, rowsOf } from './registry-raw';

type Latency = ReturnType<typeof summary>;

export interface RegistryBenchResult {
  accounts: number;
  residents: number;
  load: {
    seconds: number;
    rowsPerSecond: number;
    cpuSeconds: number;
    phases: Record<string, number>;
    peakRssMb: number;
  };
  /** The same rows, VALUES (…) × 500 per statement, no indexes, same encryption. */
  rawInsert: { seconds: number; rowsPerSecond: number; cpuSeconds: number };
  /** load rows/s ÷ raw insert rows/s. */
  ratio: number;
  /** Per query kind, in milliseconds, over `queries` repetitions after a warm-up. */
  search: Record<string, Latency & { kind: string; truncatedShare: number }>;
  /** Street words matched in memory vs a tiny FTS5 table queried through the driver, µs. */
  streetMatch: { inMemoryUs: Latency; fts5Us: Latency; streets: number };
  processPeakRssMb: number | null;
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1e6;
}

export async function runRegistryBench(opts: {
  accounts: number;
  queries?: number;
  seed?: number;
  log?: (s: string) => void;
}): Promise<RegistryBenchResult> {
  const log = opts.log ?? (() => undefined);
  const reps = opts.queries ?? 2000;
  const seed = opts.seed;
  const dir = mkdtempSync(join(tmpdir(), 'access-desk-bench-registry-'));
  try {
    // Warm the generator's JIT so neither measured load pays for it.
    for (const b of generateRegistry({ accounts: 30_000, seed })) void b;

    log(`raw insert of ${opts.accounts} accounts…`);
    const raw = await rawInsert(join(dir, 'raw.sqlite'), rowsOf(opts.accounts, seed));

    log(`bulk load of ${opts.accounts} accounts…`);
    const store = await openLocalStore(join(dir, 'registry.sqlite'), { key: randomBytes(32) });
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const phases: Record<string, number> = {};
    const cpu0 = process.cpuUsage();
    let loaded;
    try {
      loaded = await seedDemoRegistry(store, {
        accounts: opts.accounts,
        seed,
        onPhase: (p, s) => (phases[p] = s),
      });
    } finally {
      clearInterval(sampler);
    }
    const loadCpu = cpuSeconds(cpu0);
    const rows = loaded.accounts + loaded.residents;

    try {
      log('search…');
      const search = await measureSearch(store, opts.accounts, reps, seed ?? 1);
      const streetMatch = await measureStreets(store, reps);
      return {
        accounts: loaded.accounts,
        residents: loaded.residents,
        load: {
          seconds: loaded.seconds,
          rowsPerSecond: rows / loaded.seconds,
          cpuSeconds: loadCpu,
          phases,
          peakRssMb: peak / 2 ** 20,
        },
        rawInsert: {
          seconds: raw.seconds,
          rowsPerSecond: raw.rows / raw.seconds,
          cpuSeconds: raw.cpuSeconds,
        },
        ratio: rows / loaded.seconds / (raw.rows / raw.seconds),
        search,
        streetMatch,
        processPeakRssMb: await peakRssMb(),
      };
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Sample {
  payer_code: string;
  street: string;
  kind: string;
  house: string;
  building: string;
  flat: string;
  surname: string;
  given_name: string;
  patronymic: string;
  birth_date: string;
}

/** Realistic queries drawn from the loaded rows with a seeded generator. */
async function drawQueries(
  store: Store,
  accounts: number,
  n: number,
  seed: number,
): Promise<Record<string, string[]>> {
  const rng = new Rng(seed ^ 0x5eed);
  const ids = Array.from({ length: n }, () => 1 + rng.int(accounts));
  const samples = await store.run((m) =>
    m.query<Sample[]>(
      `SELECT a.payer_code, s.name AS street, s.kind, a.house, a.building, a.flat,
              r.surname, r.given_name, r.patronymic, r.birth_date
         FROM account a JOIN street s ON s.id = a.street_id
         JOIN resident r ON r.id = (SELECT min(id) FROM resident WHERE account_id = a.id)
        WHERE a.id IN (${ids.join(',')})`,
    ),
  );
  const q: Record<string, string[]> = {
    payerCode: [],
    address: [],
    surname: [],
    surnameStreet: [],
    fullName: [],
    mrz: [],
  };
  for (let i = 0; i < n; i++) {
    const s = samples[rng.int(samples.length)] as Sample;
    const house = `${s.house}${s.building}`;
    q.payerCode?.push(s.payer_code);
    // As clerks type: short forms mostly, the full written form sometimes.
    q.address?.push(
      rng.chance(0.7)
        ? `${s.street.toLowerCase()} ${house} ${s.flat}`.trim()
        : `${s.kind === 'улица' ? 'ул.' : s.kind} ${s.street}, д. ${s.house}${s.building ? `, ${s.building}` : ''}${s.flat ? `, кв. ${s.flat}` : ''}`,
    );
    const surname = s.surname.split('-')[0] ?? s.surname;
    // Mostly the whole surname, sometimes the first letters only.
    q.surname?.push(
      rng.chance(0.7)
        ? surname.toLowerCase()
        : surname.slice(0, Math.min(surname.length, 3 + rng.int(3))).toLowerCase(),
    );
    q.surnameStreet?.push(
      `${surname.toLowerCase()} ${s.street.split(' ').at(-1)?.toLowerCase() ?? ''}`,
    );
    // Surname and given name, sometimes with the patronymic or only its first letters.
    const given = s.given_name.toLowerCase();
    const patronymic = s.patronymic.toLowerCase();
    q.fullName?.push(
      `${s.surname.toLowerCase()} ${given}${rng.chance(0.3) ? ` ${patronymic}` : rng.chance(0.3) ? ` ${patronymic.slice(0, 2)}` : ''}`,
    );
    const [l1, l2] = buildMrz({
      surname: s.surname,
      givenName: s.given_name,
      patronymic: s.patronymic,
      series: '4509',
      number: '123456',
      birthDate: s.birth_date,
      issueDate: '2016-03-01',
      departmentCode: '770-093',
      sex: /ич$/.test(s.patronymic) ? 'M' : 'F',
    });
    q.mrz?.push(`${l1}${l2}`);
  }
  return q;
}

async function measureSearch(
  store: Store,
  accounts: number,
  reps: number,
  seed: number,
): Promise<RegistryBenchResult['search']> {
  const queries = await drawQueries(store, accounts, reps, seed);
  const out: RegistryBenchResult['search'] = {};
  for (const [name, list] of Object.entries(queries)) {
    for (const q of list.slice(0, 200)) await searchRegistry(store, q);
    const times: number[] = [];
    const kinds = new Map<string, number>();
    let truncated = 0;
    for (const q of list) {
      const t = performance.now();
      const r = await searchRegistry(store, q);
      times.push(performance.now() - t);
      kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
      if (r.truncated) truncated++;
    }
    const kind = [...kinds.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k}:${n}`)
      .join(' ');
    out[name] = { ...summary(times), kind, truncatedShare: truncated / list.length };
  }
  return out;
}

async function measureStreets(
  store: Store,
  reps: number,
): Promise<RegistryBenchResult['streetMatch']> {
  const streets = await store.run((m) =>
    m.query<{ id: number; name: string; kind: string }[]>('SELECT id, name, kind FROM street'),
  );
  const index = new StreetIndex(streets);
  const rng = new Rng(7);
  const words = Array.from({ length: reps }, () =>
    (rng.pick(streets).name.split(' ').at(-1) ?? '').toLowerCase(),
  );
  const mem: number[] = [];
  for (const w of words) {
    const t = performance.now();
    index.match([w], null, []);
    mem.push((performance.now() - t) * 1000);
  }
  // The alternative: an FTS5 table of street names, asked through the same driver.
  const fts: number[] = [];
  await store.run(async (m) => {
    await m.query(
      `CREATE VIRTUAL TABLE temp.street_fts USING fts5(name, tokenize = 'unicode61 remove_diacritics 2')`,
    );
    await m.query(`INSERT INTO temp.street_fts (rowid, name) SELECT id, name FROM street`);
    const db = store.raw();
    for (const w of words) {
      const t = performance.now();
      await new Promise<void>((res, rej) =>
        db.all(
          `SELECT rowid FROM street_fts WHERE street_fts MATCH ?`,
          [`"${w.replace(/"/g, '')}"*`],
          (e) => (e ? rej(e) : res()),
        ),
      );
      fts.push((performance.now() - t) * 1000);
    }
    await m.query(`DROP TABLE temp.street_fts`);
  });
  return { inMemoryUs: summary(mem), fts5Us: summary(fts), streets: streets.length };
}

function table(r: RegistryBenchResult): string {
  const f = (n: number, d = 2) => n.toFixed(d);
  const lines = [
    `accounts ${r.accounts}, residents ${r.residents} (${r.accounts + r.residents} rows)`,
    '',
    '| figure | value |',
    '|---|---|',
    `| bulk load, indexes built + ANALYZE | ${Math.round(r.load.rowsPerSecond)} rows/s (${f(r.load.seconds, 1)} s wall, ${f(r.load.cpuSeconds, 1)} s CPU) |`,
    `| phases (s) | ${Object.entries(r.load.phases)
      .map(([k, v]) => `${k} ${f(v, 1)}`)
      .join(', ')} |`,
    `| raw multi-row INSERT, no indexes | ${Math.round(r.rawInsert.rowsPerSecond)} rows/s (${f(r.rawInsert.seconds, 1)} s wall, ${f(r.rawInsert.cpuSeconds, 1)} s CPU) |`,
    `| ratio load ÷ raw | ${f(r.ratio)} |`,
    `| peak RSS during the load | ${Math.round(r.load.peakRssMb)} MB (process peak ${Math.round(r.processPeakRssMb ?? NaN)} MB) |`,
    '',
    '| search (ms) | p50 | p95 | p99 | max | understood as | truncated |',
    '|---|---|---|---|---|---|---|',
    ...Object.entries(r.search).map(
      ([k, s]) =>
        `| ${k} | ${f(s.p50)} | ${f(s.p95)} | ${f(s.p99)} | ${f(s.max)} | ${s.kind} | ${Math.round(s.truncatedShare * 100)}% |`,
    ),
    '',
    `street words (${r.streetMatch.streets} streets): in memory p50 ${f(r.streetMatch.inMemoryUs.p50, 1)} µs p99 ${f(r.streetMatch.inMemoryUs.p99, 1)} µs; FTS5 through the driver p50 ${f(r.streetMatch.fts5Us.p50, 1)} µs p99 ${f(r.streetMatch.fts5Us.p99, 1)} µs`,
  ];
  return lines.join('\n');
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const r = await runRegistryBench({
    accounts: numberArg('--accounts', 1_000_000),
    queries: numberArg('--queries', 2000),
    seed: numberArg('--seed', 20250601),
    log: (s) => process.stderr.write(`${s}\n`),
  });
  process.stdout.write(`${table(r)}\n`);
  process.stderr.write(`written to ${writeResult('registry', r)}\n`);
}
