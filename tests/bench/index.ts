// The benchmark suite (issue 7): every part in its own child process (so memory figures and
// JIT state are the part's own), one table of figure / measured / target / met?, and JSON of
// the raw results and the table under bench-results/.
//
//   npm run bench -- [--accounts 1000000] [--only registry,replication,visit,documents,renderer]
//                    [--queries N] [--changes N] [--visits N] [--sheets N] [--cold-runs N]
//                    [--runs N] [--passports [--passport-entries 137000000]]
//   npm run bench:smoke      10,000 accounts, few repetitions: checks that every part runs
//
// Missed targets do not change the exit code (timings on a shared 2-core machine are noisy);
// a part that throws does. The renderer part needs a build; it is made when out/renderer is
// missing.
import { fork, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RegistryBenchResult } from './registry';
import type { ReplicationBenchResult } from './replication';
import type { VisitBenchResult } from './visit';
import type { runRendererBench } from './renderer';
import { numberArg, writeResult, type LoopDelay } from './stats';

interface Options {
  accounts: number;
  queries: number;
  changes: number;
  visits: number;
  sheets: number;
  coldRuns: number;
  runs: number;
}

const SMOKE: Options = {
  accounts: 10_000,
  queries: 100,
  changes: 5,
  visits: 10,
  sheets: 20,
  coldRuns: 1,
  runs: 2,
};
const FULL: Options = {
  accounts: 1_000_000,
  queries: 2000,
  changes: 100,
  visits: 200,
  sheets: 300,
  coldRuns: 5,
  runs: 20,
};

const log = (part: string) => (s: string) => process.stderr.write(`[${part}] ${s}\n`);

/** Each part as its own module runs it; imported only in the child that runs it. */
const PARTS = {
  registry: async (o: Options) =>
    (await import('./registry')).runRegistryBench({
      accounts: o.accounts,
      queries: o.queries,
      log: log('registry'),
    }),
  replication: async (o: Options) =>
    (await import('./replication')).runReplicationBench({
      accounts: o.accounts,
      changes: o.changes,
      log: log('replication'),
    }),
  visit: async (o: Options) =>
    (await import('./visit')).runVisitBench({ accounts: o.accounts, visits: o.visits }),
  documents: async (o: Options) =>
    (await import('./documents')).runDocumentsBench({ sheets: o.sheets, coldRuns: o.coldRuns }),
  renderer: async (o: Options) => (await import('./renderer')).runRendererBench({ runs: o.runs }),
};
type Part = keyof typeof PARTS;

const SELF = fileURLToPath(import.meta.url);

function inChild(part: Part, o: Options): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const c = fork(SELF, ['--part', part, '--options', JSON.stringify(o)], {
      execArgv: process.execArgv,
    });
    let result: unknown;
    c.on('message', (m) => (result = m));
    c.on('error', reject);
    c.on('exit', (code, signal) =>
      code === 0 && result !== undefined
        ? resolve(result)
        : reject(new Error(`part ${part} exited with ${code ?? signal}`)),
    );
  });
}

/** The passport part is its own CLI (phases in child processes); it writes its JSON. */
function passports(entries: number, extra: string[] = []): unknown {
  const r = spawnSync(
    process.execPath,
    [...process.execArgv, 'tests/bench/passports.ts', '--entries', String(entries), ...extra],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (r.status !== 0) throw new Error(`passport bench exited with ${r.status ?? r.signal}`);
  return JSON.parse(readFileSync('bench-results/passports-latest.json', 'utf8')) as unknown;
}

type Row = [figure: string, measured: string, target: string, met: string];

const f = (n: number | undefined, d = 1) => (n === undefined ? 'n/a' : n.toFixed(d));
const int = (n: number) => Math.round(n).toLocaleString('en');
const met = (ok: boolean) => (ok ? 'yes' : 'no');
const info = (figure: string, measured: string): Row => [figure, measured, '—', '—'];
/** Issue 16: the loop that drives the window's IPC may lag, but p99 ≤ 50 ms and max ≤ 200. */
const loopRow = (figure: string, d: LoopDelay): Row => [
  `${figure}: p99 / max (ms)`,
  `${f(d.p99Ms)} / ${f(d.maxMs)}`,
  'p99 ≤ 50, max ≤ 200',
  met(d.p99Ms <= 50 && d.maxMs <= 200),
];

const SEARCH_KINDS: [key: string, label: string, p99: number][] = [
  ['payerCode', 'payer code', 1],
  ['address', 'address', 5],
  ['surname', 'surname prefix', 5],
  ['surnameStreet', 'surname + street', 5],
  ['fullName', 'surname + given name', 5],
  ['mrz', 'passport MRZ scan', 5],
];

interface PassportResult {
  entries: number;
  index: {
    import: { buildMs: number; fileBytes: number };
    query: {
      loadMs: number;
      rssDeltaMb: number;
      hitString: { p50Ns: number; p99Ns: number };
      missString: { p50Ns: number; p99Ns: number };
    };
  };
}

function rows(r: Record<string, unknown>): Row[] {
  const out: Row[] = [];
  const reg = r.registry as RegistryBenchResult | undefined;
  const repl = r.replication as ReplicationBenchResult | undefined;
  if (repl) {
    const rate = repl.replication.rowsPerSecond;
    out.push([
      `initial replication centre → workstation, ${int(repl.accounts + repl.residents)} rows (rows/s)`,
      int(rate),
      '≥ 150,000',
      met(rate >= 150_000),
    ]);
    if (reg && reg.accounts + reg.residents === repl.accounts + repl.residents)
      out.push(
        info(
          'replication ÷ raw multi-row INSERT of the same rows (same run, registry part)',
          `${f(rate / reg.rawInsert.rowsPerSecond, 2)} (raw ${int(reg.rawInsert.rowsPerSecond)} rows/s)`,
        ),
      );
    out.push(info('replication ÷ bulk load from the generator (no centre)', f(repl.ratio, 2)));
    const rows = repl.accounts + repl.residents;
    const perRow = (cpu: number | null) => (cpu === null ? 'n/a' : f((cpu / rows) * 1e6));
    out.push(
      info(
        'replication CPU per row, workstation / central server (µs; 2 cores at 150,000 rows/s allow 13.3)',
        `${perRow(repl.replication.cpuSeconds)} / ${perRow(repl.replication.centralCpuSeconds)}`,
      ),
    );
    const peak = Math.max(repl.replication.peakRssMb, repl.replication.processPeakRssMb ?? 0);
    out.push([
      'peak memory of the workstation core process during replication (MB)',
      int(peak),
      '≤ 500',
      met(peak <= 500),
    ]);
    const { replication: rl, burst } = repl.loop;
    out.push(
      loopRow('core event-loop delay during initial replication', rl),
      loopRow(
        `core event-loop delay while the feed applies a burst of ${int(burst.rows)} changes (${f(burst.seconds)} s)`,
        burst,
      ),
    );
    const v = repl.changeVisibleMs;
    out.push([
      `one central change visible on the workstation, p95 of ${v.samples} (ms)`,
      `${f(v.p95)} (p50 ${f(v.p50)})`,
      '≤ 1000',
      met(v.p95 <= 1000),
    ]);
  }
  if (reg) {
    out.push(
      info(
        'registry bulk load from the generator, indexes + ANALYZE (rows/s)',
        int(reg.load.rowsPerSecond),
      ),
    );
    for (const [key, label, p99] of SEARCH_KINDS) {
      const s = reg.search[key];
      if (!s) continue;
      out.push([
        `search, ${label}: p50 / p99 (ms)`,
        `${f(s.p50, 2)} / ${f(s.p99, 2)}`,
        `p99 ≤ ${p99}`,
        met(s.p99 <= p99),
      ]);
    }
  }
  const visit = r.visit as VisitBenchResult | undefined;
  if (visit)
    out.push([
      `issue visit in the core, ${visit.visits} visits: p50 / p99 (ms)`,
      `${f(visit.totalMs.p50)} / ${f(visit.totalMs.p99)}`,
      'p50 ≤ 80',
      met(visit.totalMs.p50 <= 80),
    ]);
  if (visit?.loop)
    out.push(
      loopRow(`core event-loop delay during ${visit.visits} visits with their sheets`, visit.loop),
    );
  const docs = r.documents as Record<string, number> | undefined;
  if (docs) {
    const first = docs.first_sheet_after_prepare_ms ?? NaN;
    const cold = docs.first_sheet_ms ?? NaN;
    const steady = docs.sheet_p50_ms ?? NaN;
    out.push(
      [
        'information sheet, first after the app’s start-up warm-up (ms)',
        f(first),
        '≤ 150',
        met(first <= 150),
      ],
      [
        'information sheet, first in a cold process, no warm-up (ms)',
        f(cold),
        '≤ 150',
        met(cold <= 150),
      ],
      [
        'information sheet, steady state: p50 / p99 (ms)',
        `${f(steady)} / ${f(docs.sheet_p99_ms)}`,
        'p50 ≤ 30',
        met(steady <= 30),
      ],
    );
  }
  const ren = r.renderer as Awaited<ReturnType<typeof runRendererBench>> | undefined;
  if (ren) {
    const kb = ren.initialJsGzipBytes / 1024;
    const t = ren.timeToSignInMs;
    out.push(
      ['renderer: initial JavaScript (KB gzip)', f(kb), '≤ 250', met(kb <= 250)],
      [
        `renderer: navigation to usable sign-in screen, p50 / p95 of ${t.n} (ms)`,
        `${f(t.p50, 0)} / ${f(t.p95, 0)}`,
        'p50 ≤ 1000',
        met(t.p50 <= 1000),
      ],
    );
  }
  const pp = r.passports as PassportResult | undefined;
  if (pp) {
    const { import: imp, query: q } = pp.index;
    const mb = imp.fileBytes / 1e6;
    const p99 = Math.max(q.hitString.p99Ns, q.missString.p99Ns);
    out.push(
      [`invalid passports (${int(pp.entries)}): index file (MB)`, f(mb), '≤ 150', met(mb <= 150)],
      [
        'invalid passports: resident memory after load (MB)',
        f(q.rssDeltaMb),
        '≤ 150',
        met(q.rssDeltaMb <= 150),
      ],
      [
        'invalid passports: build from CSV (s)',
        f(imp.buildMs / 1000),
        '≤ 180',
        met(imp.buildMs <= 180_000),
      ],
      ['invalid passports: load (ms)', f(q.loadMs), '≤ 500', met(q.loadMs <= 500)],
      [
        'invalid passports: lookup has(series, number), p50 / p99 hit, miss (ns)',
        `${f(q.hitString.p50Ns, 0)} / ${f(q.hitString.p99Ns, 0)}, ${f(q.missString.p50Ns, 0)} / ${f(q.missString.p99Ns, 0)}`,
        'p99 ≤ 1000',
        met(p99 <= 1000),
      ],
    );
  }
  return out;
}

function markdown(table: Row[]): string {
  const all: Row[] = [['figure', 'measured', 'target', 'met?'], ...table];
  const w = [0, 1, 2, 3].map((c) => Math.max(...all.map((r) => r[c]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(w[i]!)).join(' | ')} |`;
  return [line(all[0]!), line(w.map((n) => '-'.repeat(n))), ...all.slice(1).map(line)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const smoke = argv.includes('--smoke');
  const base = smoke ? SMOKE : FULL;
  const o: Options = {
    accounts: numberArg('--accounts', base.accounts, argv),
    queries: numberArg('--queries', base.queries, argv),
    changes: numberArg('--changes', base.changes, argv),
    visits: numberArg('--visits', base.visits, argv),
    sheets: numberArg('--sheets', base.sheets, argv),
    coldRuns: numberArg('--cold-runs', base.coldRuns, argv),
    runs: numberArg('--runs', base.runs, argv),
  };
  const only = argv.includes('--only') ? (argv[argv.indexOf('--only') + 1] ?? '').split(',') : null;
  const parts = (Object.keys(PARTS) as Part[]).filter((p) => !only || only.includes(p));
  const started = new Date();
  const loadBefore = loadavg();

  if (parts.includes('renderer') && !existsSync('out/renderer/index.html')) {
    process.stderr.write('[bench] out/renderer is missing: npx electron-vite build\n');
    const b = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
    if (b.status !== 0) throw new Error('renderer build failed');
  }

  const results: Record<string, unknown> = {};
  const seconds: Record<string, number> = {};
  const failed: Record<string, string> = {};
  const run = async (name: string, f: () => unknown) => {
    process.stderr.write(`[bench] ${name}…\n`);
    const t0 = performance.now();
    try {
      results[name] = await f();
    } catch (e) {
      failed[name] = e instanceof Error ? e.message : String(e);
      process.stderr.write(`[bench] ${name} FAILED: ${failed[name]}\n`);
    }
    seconds[name] = (performance.now() - t0) / 1000;
  };
  for (const p of parts) await run(p, () => inChild(p, o));
  if (argv.includes('--passports'))
    await run('passports', () => passports(numberArg('--passport-entries', 137_000_000, argv)));
  // The smoke run keeps the passport part from rotting too: a small list, and no 1.25 GB
  // bitmap baseline (a fixed 10^10 bits whatever the list's size).
  else if (smoke) await run('passports', () => passports(200_000, ['--no-bitmap']));

  const table = rows(results);
  const loadAfter = loadavg();
  const out = [
    `accounts ${o.accounts.toLocaleString('en')}${smoke ? ' (smoke: timings not meaningful)' : ''}; ` +
      `${cpus().length} cores, ${f(totalmem() / 2 ** 30, 0)} GB, Node ${process.version}; ` +
      `load average ${f(loadBefore[0], 2)} before, ${f(loadAfter[0], 2)} after`,
    '',
    markdown(table),
    '',
    `part seconds: ${Object.entries(seconds)
      .map(([k, v]) => `${k} ${f(v)}`)
      .join(', ')}`,
  ];
  if (!argv.includes('--passports') && !smoke)
    out.push(
      'invalid-passport index (137M entries, long and heavy): npm run bench:passports, or add --passports',
    );
  for (const [k, v] of Object.entries(failed)) out.push(`FAILED: ${k}: ${v}`);
  process.stdout.write(`${out.join('\n')}\n`);

  const file = writeResult(smoke ? 'bench-smoke' : 'bench', {
    at: started.toISOString(),
    options: o,
    smoke,
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model,
      totalMemGb: totalmem() / 2 ** 30,
      node: process.version,
    },
    loadavg: { before: loadBefore, after: loadAfter },
    seconds,
    failed,
    table,
    results,
  });
  process.stdout.write(`written to ${file}\n`);
  return Object.keys(failed).length === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--part');
  if (i >= 0) {
    const part = process.argv[i + 1] as Part;
    const o = JSON.parse(process.argv[process.argv.indexOf('--options') + 1] ?? '{}') as Options;
    const result = await PARTS[part](o);
    process.send?.(result, () => process.exit(0));
  } else {
    process.exitCode = await main(process.argv);
  }
}
