// Document generation benchmark (issue 4): how long the information sheet takes the first
// time a process makes one, and every time after. Targets on the 2-core reference machine:
// first call at most 150 ms, steady state at most 30 ms.
//
//   npx tsx tests/bench/documents.ts [--sheets 300] [--cold-runs 3]
//
// The first call is measured in fresh child processes (a process can be cold only once), and
// both with and without prepareDocuments(), which the app runs at start-up. Times are wall
// clock and CPU: on a shared machine wall time includes waiting for a core, CPU time does not.
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { numberArg, summary, writeResult } from './stats';
import { demoConsent, demoSheet } from '../integration/documents/demo-data';

const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;

interface ColdResult {
  importMs: number;
  prepareMs: number | null;
  firstWallMs: number;
  firstCpuMs: number;
  secondWallMs: number;
}

/** Run in a child: import, optionally prepare, then time the first and second sheet. */
async function coldChild(prepare: boolean): Promise<ColdResult> {
  const t0 = performance.now();
  const docs = await import('../../electron/core/documents');
  const importMs = performance.now() - t0;
  let prepareMs: number | null = null;
  if (prepare) {
    const p0 = performance.now();
    await docs.prepareDocuments(['ru']);
    prepareMs = performance.now() - p0;
  }
  const c0 = process.cpuUsage();
  const t1 = performance.now();
  await docs.renderInfoSheet(demoSheet('ru'));
  const firstWallMs = performance.now() - t1;
  const firstCpuMs = cpuMs(process.cpuUsage(c0));
  const t2 = performance.now();
  await docs.renderInfoSheet(demoSheet('ru'));
  return { importMs, prepareMs, firstWallMs, firstCpuMs, secondWallMs: performance.now() - t2 };
}

function runChild(mode: 'cold' | 'prepared'): ColdResult {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', mode], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`bench child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as ColdResult;
}

const median = (xs: number[]) => summary(xs).p50;

export async function runDocumentsBench(
  opts: { sheets?: number; coldRuns?: number } = {},
): Promise<Record<string, number>> {
  const sheets = opts.sheets ?? 300;
  const coldRuns = opts.coldRuns ?? 3;
  const cold = Array.from({ length: coldRuns }, () => runChild('cold'));
  const prepared = Array.from({ length: coldRuns }, () => runChild('prepared'));

  const docs = await import('../../electron/core/documents');
  await docs.prepareDocuments(['ru', 'en', 'bg']);
  const run = async (n: number, make: (i: number) => Promise<unknown>) => {
    const wall: number[] = [];
    const c0 = process.cpuUsage();
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await make(i);
      wall.push(performance.now() - t);
    }
    return { ...summary(wall), cpuPerOp: cpuMs(process.cpuUsage(c0)) / n };
  };
  const langs = ['ru', 'en', 'bg'] as const;
  // Vary the password and language as the counter would, so nothing is accidentally cached.
  const sheet = await run(sheets, (i) =>
    docs.renderInfoSheet({ ...demoSheet(langs[i % 3]), password: `k7m4q-x9t${(i % 8) + 2}w` }),
  );
  const a5 = await run(Math.ceil(sheets / 3), () => docs.renderInfoSheet(demoSheet('ru', 'A5')));
  const consent = await run(Math.ceil(sheets / 3), (i) =>
    docs.renderConsentForm(demoConsent(langs[i % 3], i % 2 === 0)),
  );
  const bytes = (await docs.renderInfoSheet(demoSheet('ru'))).length;

  const result = {
    import_ms: median(cold.map((c) => c.importMs)),
    first_sheet_ms: median(cold.map((c) => c.firstWallMs)),
    first_sheet_cpu_ms: median(cold.map((c) => c.firstCpuMs)),
    second_sheet_ms: median(cold.map((c) => c.secondWallMs)),
    prepare_ms: median(prepared.map((c) => c.prepareMs ?? NaN)),
    first_sheet_after_prepare_ms: median(prepared.map((c) => c.firstWallMs)),
    sheet_p50_ms: sheet.p50,
    sheet_p95_ms: sheet.p95,
    sheet_p99_ms: sheet.p99,
    sheet_cpu_ms: sheet.cpuPerOp,
    sheet_a5_p50_ms: a5.p50,
    consent_p50_ms: consent.p50,
    consent_p99_ms: consent.p99,
    sheet_kb: bytes / 1024,
  };
  return result;
}

function printTable(r: Record<string, number>): void {
  const row = (what: string, value: number | undefined, target = '') =>
    console.log(`${what.padEnd(44)} ${(value ?? NaN).toFixed(1).padStart(8)}  ${target}`);
  console.log(
    `${'information sheet (ru, A4 unless noted)'.padEnd(44)} ${'ms'.padStart(8)}  target`,
  );
  row('module import (fresh process)', r.import_ms);
  row('first sheet, cold process: wall', r.first_sheet_ms, '≤ 150');
  row('first sheet, cold process: CPU', r.first_sheet_cpu_ms);
  row('second sheet, same process', r.second_sheet_ms);
  row('prepareDocuments() at start-up', r.prepare_ms);
  row('first sheet after prepareDocuments()', r.first_sheet_after_prepare_ms, '≤ 150');
  row('steady state: p50', r.sheet_p50_ms, '≤ 30');
  row('steady state: p95', r.sheet_p95_ms);
  row('steady state: p99', r.sheet_p99_ms);
  row('steady state: CPU per sheet', r.sheet_cpu_ms);
  row('steady state, A5: p50', r.sheet_a5_p50_ms);
  row('consent form (2 pages): p50', r.consent_p50_ms);
  row('consent form (2 pages): p99', r.consent_p99_ms);
  row('sheet size, KB', r.sheet_kb);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const child = process.argv.indexOf('--child');
  if (child >= 0) {
    console.log(JSON.stringify(await coldChild(process.argv[child + 1] === 'prepared')));
  } else {
    const r = await runDocumentsBench({
      sheets: numberArg('--sheets', 300),
      coldRuns: numberArg('--cold-runs', 3),
    });
    printTable(r);
    console.log(`\nwritten to ${writeResult('documents', r)}`);
  }
}
