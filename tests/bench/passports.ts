// Benchmark for issue 8: the invalid-passport index at full size (137M uniformly random
// keys by default) against a flat 10^10-bit bitmap, measured in the same run.
//
//   npm run bench:passports -- [--entries N] [--seed S] [--bz2] [--bz2-js] [--no-bitmap] [--keep]
//
// Each measured phase runs in its own child process, so its resident-memory figures are its
// own and not the leftovers of the phase before. Results: a table on stdout and JSON under
// bench-results/. Timings on a shared 2-core machine are noisy: read them as orders of size.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPassportList, loadPassportList } from '../../electron/core/passport-list/index';
import { syntheticList, writeSyntheticCsv, sfc32 } from '../support/passport-list-gen';
import { measureLookups, settle, type LatencyStats, type LookupRuns } from './passports-measure';
import { bitmapPhase, type BitmapResult } from './passports-bitmap';

const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(name);
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const entries = Number(option('--entries', '137000000').replace(/_/g, ''));
const seed = Number(option('--seed', '20240501'));
const phase = option('--phase', 'main');
const LIST_DATE = '2024-05-01';

interface ImportPhase {
  buildMs: number;
  parseMs: number;
  sortMs: number;
  writeMs: number;
  peakRssMb: number;
  fileBytes: number;
  entries: number;
  decoder: string;
}

interface QueryPhase {
  loadMs: number;
  loadCpuMs: number;
  rssBeforeMb: number;
  rssAfterLoadMb: number;
  rssDeltaMb: number;
  externalDeltaMb: number;
  hitKey: LatencyStats;
  missKey: LatencyStats;
  hitString: LatencyStats;
  missString: LatencyStats;
}

async function importPhase(): Promise<ImportPhase> {
  const csv = option('--csv', '');
  const out = option('--out', '');
  const decoder = option('--decoder', 'auto') as 'auto' | 'system' | 'js';
  const t0 = performance.now();
  const r = await importPassportList(csv, out, { listDate: LIST_DATE, decoder });
  const buildMs = performance.now() - t0;
  return {
    buildMs,
    ...r.timings,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    fileBytes: r.fileBytes,
    entries: r.entries,
    decoder: r.source.decoder,
  };
}

async function queryPhase(): Promise<QueryPhase> {
  const path = option('--index', '');
  const list = syntheticList(seed, entries);
  const samples = 1_000_000;
  const rnd = sfc32(seed ^ 0x5eed);
  // Keys are drawn before the load (off-heap) so their memory is not counted as the index's.
  const hits = new Float64Array(samples);
  const misses = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    hits[i] = list.member(Math.floor((rnd() / 2 ** 32) * entries));
    misses[i] = list.nonMember(i);
  }
  const toStrings = (keys: Float64Array): { s: string[]; n: string[] } => {
    const s: string[] = [];
    const n: string[] = [];
    for (const k of keys) {
      const series = Math.floor(k / 1e6);
      s.push(String(series).padStart(4, '0'));
      n.push(String(k - series * 1e6).padStart(6, '0'));
    }
    return { s, n };
  };
  settle();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const index = await loadPassportList(path);
  const loadMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const loadCpuMs = (cpu.user + cpu.system) / 1000; // both threads: reading overlaps hashing
  settle();
  const after = process.memoryUsage();
  // Strings only now: 4M small heap objects before the load would make the GC that the
  // 145 MB allocation triggers scan them, and charge that to the load.
  const hitStr = toStrings(hits);
  const missStr = toStrings(misses);
  for (let i = 0; i < samples; i++) {
    if (!index.hasKey(hits[i]!)) throw new Error(`member ${hits[i]} not found`);
    if (index.hasKey(misses[i]!)) throw new Error(`non-member ${misses[i]} found`);
  }
  // `d` is always 0, but only the previous answer says so: the next key's address depends
  // on it, so the CPU cannot start the next lookup early (see passports-measure.ts).
  const keyRuns = (keys: Float64Array, expected: number): LookupRuns => ({
    independent: (a, b) => {
      let c = 0;
      for (let i = a; i < b; i++) if (index.hasKey(keys[i]!)) c++;
      return c;
    },
    chained: (a, b) => {
      let c = 0;
      let d = 0;
      for (let i = a; i < b; i++) {
        const r = +index.hasKey(keys[i + d]!);
        c += r;
        d = r ^ expected;
      }
      return c;
    },
  });
  const stringRuns = (k: { s: string[]; n: string[] }, expected: number): LookupRuns => ({
    independent: (a, b) => {
      let c = 0;
      for (let i = a; i < b; i++) if (index.has(k.s[i]!, k.n[i]!)) c++;
      return c;
    },
    chained: (a, b) => {
      let c = 0;
      let d = 0;
      for (let i = a; i < b; i++) {
        const r = +index.has(k.s[i + d]!, k.n[i + d]!);
        c += r;
        d = r ^ expected;
      }
      return c;
    },
  });
  return {
    loadMs,
    loadCpuMs,
    rssBeforeMb: before.rss / 2 ** 20,
    rssAfterLoadMb: after.rss / 2 ** 20,
    rssDeltaMb: (after.rss - before.rss) / 2 ** 20,
    externalDeltaMb:
      (after.external + after.arrayBuffers - before.external - before.arrayBuffers) / 2 / 2 ** 20,
    hitKey: measureLookups(keyRuns(hits, 1), samples),
    missKey: measureLookups(keyRuns(misses, 0), samples),
    hitString: measureLookups(stringRuns(hitStr, 1), samples),
    missString: measureLookups(stringRuns(missStr, 0), samples),
  };
}

function child<T>(phaseName: string, extra: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const argv = [...process.execArgv, '--expose-gc', process.argv[1]!, '--phase', phaseName];
    argv.push('--entries', String(entries), '--seed', String(seed), ...extra);
    const c = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    c.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    c.on('close', (code) => {
      if (code !== 0) return reject(new Error(`phase ${phaseName} exited with ${code}`));
      const line = out.trim().split('\n').pop() ?? '';
      resolve(JSON.parse(line) as T);
    });
  });
}

const fmt = (n: number, d = 1): string => n.toFixed(d);
const ns = (s: LatencyStats): string =>
  [s.p50Ns, s.p99Ns, s.p99NsBatch8, s.latencyCpuNs, s.throughputNs]
    .map((v) => fmt(v, 0))
    .join(' / ');

async function main(): Promise<void> {
  const keep = flag('--keep');
  const work = mkdtempSync(join(option('--tmp', tmpdir()), 'passports-bench-'));
  const log = (s: string): void => console.error(`[bench] ${s}`);
  try {
    const csv = join(work, 'list.csv');
    const idx = join(work, 'list.idx');
    log(`generating ${entries.toLocaleString('en')} synthetic entries (seed ${seed})`);
    let t = performance.now();
    const written = writeSyntheticCsv(csv, syntheticList(seed, entries));
    log(`csv ${fmt(written.bytes / 1e6)} MB in ${fmt((performance.now() - t) / 1000)} s`);

    log('import (build) from CSV');
    const imp = await child<ImportPhase>('import', ['--csv', csv, '--out', idx]);
    log('load + lookups');
    const q = await child<QueryPhase>('query', ['--index', idx]);

    const bz2: Record<string, ImportPhase> = {};
    if (flag('--bz2') || flag('--bz2-js')) {
      log('compressing with system bzip2 (not timed)');
      t = performance.now();
      const r = spawnSync('bzip2', ['-k', '-f', csv], { stdio: 'inherit' });
      if (r.status !== 0) throw new Error('bzip2 failed');
      log(
        `bz2 ${fmt(statSync(`${csv}.bz2`).size / 1e6)} MB in ${fmt((performance.now() - t) / 1000)} s`,
      );
      for (const decoder of flag('--bz2-js') ? ['system', 'js'] : ['system']) {
        log(`import (build) from .csv.bz2, ${decoder} decoder`);
        bz2[decoder] = await child<ImportPhase>('import', [
          '--csv',
          `${csv}.bz2`,
          '--out',
          join(work, `bz2-${decoder}.idx`),
          '--decoder',
          decoder,
        ]);
      }
    }
    let bitmap: BitmapResult | null = null;
    if (!flag('--no-bitmap')) {
      log('flat bitmap baseline');
      bitmap = await child<BitmapResult>('bitmap', ['--tmpdir', work]);
    }

    const rows: [string, string, string][] = [
      ['', 'Elias–Fano index', 'flat 10^10-bit bitmap'],
      ['entries', entries.toLocaleString('en'), entries.toLocaleString('en')],
      ['file size (MB)', fmt(imp.fileBytes / 1e6), bitmap ? fmt(bitmap.fileBytes / 1e6) : '-'],
      [
        'bits per entry',
        fmt((imp.fileBytes * 8) / entries, 2),
        bitmap ? fmt((bitmap.fileBytes * 8) / entries, 2) : '-',
      ],
      ['RSS delta after load (MB)', fmt(q.rssDeltaMb), bitmap ? fmt(bitmap.rssDeltaMb) : '-'],
      [
        'build (s)',
        `${fmt(imp.buildMs / 1000)} from CSV`,
        bitmap ? `${fmt(bitmap.buildMs / 1000)} from keys` : '-',
      ],
      [
        '  parse / sort / encode+write (s)',
        `${fmt(imp.parseMs / 1000)} / ${fmt(imp.sortMs / 1000)} / ${fmt(imp.writeMs / 1000)}`,
        '',
      ],
      ['  import peak RSS (MB)', fmt(imp.peakRssMb, 0), ''],
      [
        'load (ms)',
        `${fmt(q.loadMs)} (cpu ${fmt(q.loadCpuMs)})`,
        bitmap ? fmt(bitmap.loadMs) : '-',
      ],
      ['lookup ns: p50 / p99 / p99(b8) / cpu / thru', '', ''],
      ['  hit, numeric key', ns(q.hitKey), bitmap ? ns(bitmap.hit) : '-'],
      ['  miss, numeric key', ns(q.missKey), bitmap ? ns(bitmap.miss) : '-'],
      ['  hit, has(series, number)', ns(q.hitString), ''],
      ['  miss, has(series, number)', ns(q.missString), ''],
    ];
    for (const [k, v] of Object.entries(bz2)) {
      rows.push([`build from .csv.bz2, ${k} (s)`, fmt(v.buildMs / 1000), '']);
    }
    const w = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
    const table = rows.map((r) => r.map((cell, c) => cell.padEnd(w[c]!)).join(' | ')).join('\n');
    console.log(table);
    mkdirSync('bench-results', { recursive: true });
    const result = {
      at: new Date().toISOString(),
      entries,
      seed,
      node: process.version,
      csvBytes: written.bytes,
      index: { import: imp, query: q, bz2 },
      bitmap,
    };
    const stamp = result.at.replace(/[:.]/g, '-');
    writeFileSync(
      join('bench-results', `passports-${stamp}.json`),
      JSON.stringify(result, null, 2),
    );
    writeFileSync(join('bench-results', 'passports-latest.json'), JSON.stringify(result, null, 2));
    console.log(`\nJSON: bench-results/passports-${stamp}.json`);
  } finally {
    if (keep) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

const phases: Record<string, () => Promise<unknown>> = {
  import: importPhase,
  query: queryPhase,
  bitmap: () => bitmapPhase(seed, entries, option('--tmpdir', tmpdir())),
};

if (phase === 'main') {
  await main();
} else {
  const run = phases[phase];
  if (!run) throw new Error(`unknown phase ${phase}`);
  console.log(JSON.stringify(await run()));
}
