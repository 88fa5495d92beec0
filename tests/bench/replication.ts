// Replication benchmark (issue 7): initial replication centre → workstation in rows/s
// (accounts + residents, indexes built), against the same bulk load straight from the
// generator into the same kind of encrypted SQLite file in the same run (the local write
// path alone), and the p95 latency of one change at the centre becoming visible on a
// running workstation (LISTEN/NOTIFY wakes the pull).
//
//   npx tsx tests/bench/replication.ts [--accounts 100000] [--changes 60]
//
// A throwaway PostgreSQL and throwaway stores; nothing is left behind. Timings on a shared
// 2-core machine are noisy: compare the ratios within one run.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fixedClock, systemClock } from '../../electron/core/clock';
import { openLocalStore, type Store } from '../../electron/core/db/store';
import { createLogger } from '../../electron/core/log/logger';
import { seedDemoRegistry } from '../../electron/core/registry/bulk';
import { generateRegistry } from '../../electron/core/registry/generator';
import { enrolWorkstation } from '../../electron/core/sync/central/enrol';
import { centralDataSource } from '../../electron/core/sync/central/datasource';
import { migrateCentral } from '../../electron/core/sync/central/migrate';
import { loadCentralRegistry } from '../../electron/core/sync/central/registry-load';
import { centralUrl, parseCentralUrl } from '../../electron/core/sync/config';
import { initialLoad } from '../../electron/core/sync/initial';
import { SyncService } from '../../electron/core/sync/service';
import { startPostgres } from '../support/postgres';
import { peakRssMb, watchLoop, type LoopDelay } from './stats';

export interface ReplicationBenchResult {
  accounts: number;
  residents: number;
  /** Initial replication, centre → workstation, indexes included. */
  /**
   * peakRssMb: RSS sampled every 50 ms during the load; processPeakRssMb: VmHWM after it.
   * cpuSeconds: the workstation process (both its threads); centralCpuSeconds: the whole
   * PostgreSQL server over the same span (null where /proc cannot tell).
   */
  replication: {
    seconds: number;
    rowsPerSecond: number;
    peakRssMb: number;
    processPeakRssMb: number | null;
    cpuSeconds: number;
    centralCpuSeconds: number | null;
  };
  /** The same rows bulk-loaded from the generator into a fresh store (no centre). */
  localOnly: { seconds: number; rowsPerSecond: number };
  /** replication rows/s ÷ local-only rows/s. */
  ratio: number;
  /** One change at the centre until it is visible in the workstation's store. */
  changeVisibleMs: { samples: number; p50: number; p95: number; max: number };
  centralLoadSeconds: number;
  /**
   * The workstation core's event loop: during the initial replication, and while the feed
   * brings a burst of changes (one UPDATE of `burstRows` accounts at the centre).
   */
  loop: { replication: LoopDelay; burst: LoopDelay & { rows: number; seconds: number } };
}

const quiet = createLogger('bench', []);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function freshStore(dir: string, name: string): Promise<Store> {
  return openLocalStore(join(dir, name), { key: randomBytes(32) });
}

export async function runReplicationBench(opts: {
  /** Accounts per page of the initial load (the app's default is 10,000). */
  pageSize?: number;
  accounts: number;
  changes?: number;
  log?: (s: string) => void;
}): Promise<ReplicationBenchResult> {
  const say = opts.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'access-desk-bench-repl-'));
  const pg = await startPostgres({ prefix: 'access-desk-bench-pg-' });
  try {
    await pg.createDatabase('access_desk');
    const adminCfg = parseCentralUrl(`${pg.url('access_desk')}?sslmode=disable`);
    await migrateCentral(adminCfg);
    const admin = centralDataSource(adminCfg, { statementTimeoutMs: 3_600_000 });
    await admin.initialize();

    say(`central load: ${opts.accounts} accounts…`);
    const t0 = performance.now();
    const loaded = await loadCentralRegistry(
      admin,
      generateRegistry({ accounts: opts.accounts, batchSize: 10_000 }),
      { feed: false },
    );
    const centralLoadSeconds = (performance.now() - t0) / 1000;
    // A long-lived centre has its tables vacuumed and its statistics current; without this,
    // autovacuum's first pass over the fresh tables competes with the measured phases.
    await admin.query('VACUUM (ANALYZE) account, resident');
    const districts = (
      await admin.query<{ code: string }[]>(
        `SELECT DISTINCT district_code AS code FROM account ORDER BY 1`,
      )
    ).map((r) => r.code);
    const rows = loaded.accounts + loaded.residents;
    // The workstation reads as an enrolled login, through the centre's scoping (issue 11).
    const enrolled = await enrolWorkstation(admin, { office: 'bench', districts });
    const wsCfg = { ...adminCfg, user: enrolled.login, password: enrolled.password! };

    // The local write path alone, for the ratio.
    say('local-only bulk load…');
    const baseline = await freshStore(dir, 'baseline.db');
    const local = await seedDemoRegistry(baseline, { accounts: opts.accounts });
    await baseline.close();

    await admin.destroy();

    // The workstation side runs in a child process, so its peak memory is its own.
    say('initial replication and change latency (child process)…');
    const child = await workstationPhaseInChild({
      wsUrl: centralUrl(wsCfg),
      adminUrl: centralUrl(adminCfg),
      dir,
      districts,
      changes: opts.changes ?? 60,
      pageSize: opts.pageSize ?? 10_000,
      postmasterPid: Number(
        readFileSync(join(pg.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0],
      ),
    });
    if (child.rows !== rows) throw new Error(`replicated ${child.rows} of ${rows} rows`);
    const replSeconds = child.seconds;
    const samples = child.samples;
    const peak = child.peakRss;
    const sorted = [...samples].sort((x, y) => x - y);
    const replRate = rows / replSeconds;
    const localRate = (local.accounts + local.residents) / local.seconds;
    return {
      accounts: loaded.accounts,
      residents: loaded.residents,
      replication: {
        seconds: replSeconds,
        rowsPerSecond: replRate,
        peakRssMb: peak / 2 ** 20,
        processPeakRssMb: child.hwmMb,
        cpuSeconds: child.cpuSeconds,
        centralCpuSeconds: child.centralCpuSeconds,
      },
      localOnly: { seconds: local.seconds, rowsPerSecond: localRate },
      ratio: replRate / localRate,
      changeVisibleMs: {
        samples: sorted.length,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        max: sorted.at(-1) ?? NaN,
      },
      centralLoadSeconds,
      loop: child.loop,
    };
  } finally {
    pg.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface PhaseIn {
  pageSize: number;
  wsUrl: string;
  adminUrl: string;
  dir: string;
  districts: string[];
  changes: number;
  postmasterPid: number;
}
interface PhaseOut {
  rows: number;
  seconds: number;
  samples: number[];
  peakRss: number;
  hwmMb: number | null;
  cpuSeconds: number;
  centralCpuSeconds: number | null;
  loop: ReplicationBenchResult['loop'];
}

/** CPU seconds the PostgreSQL server has used: the postmaster, its live and its reaped children. */
function serverCpuSeconds(postmaster: number): number | null {
  const ticks = (pid: string): { ppid: number; self: number; reaped: number } | null => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat
        .slice(stat.lastIndexOf(')') + 2)
        .split(' ')
        .map(Number);
      return { ppid: f[1]!, self: f[11]! + f[12]!, reaped: f[13]! + f[14]! };
    } catch {
      return null; // gone meanwhile, or no /proc
    }
  };
  const pm = ticks(String(postmaster));
  if (!pm) return null;
  let total = pm.self + pm.reaped;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    const t = ticks(pid);
    if (t?.ppid === postmaster) total += t.self;
  }
  return total / 100; // USER_HZ, 100 on Linux
}

function workstationPhaseInChild(input: PhaseIn): Promise<PhaseOut> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--phase', 'workstation'],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as PhaseOut)
        : reject(new Error(`workstation phase exited ${code}`)),
    );
    child.stdin.end(JSON.stringify(input)); // connection strings carry passwords: not on argv
  });
}

async function workstationPhase(input: PhaseIn): Promise<PhaseOut> {
  const wsCfg = parseCentralUrl(input.wsUrl);
  const store = await freshStore(input.dir, 'workstation.db');
  const ws = centralDataSource(wsCfg, { statementTimeoutMs: 3_600_000 });
  await ws.initialize();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const server0 = serverCpuSeconds(input.postmasterPid);
  const replicationLoop = watchLoop();
  const repl = await initialLoad({
    store,
    central: ws,
    clock: systemClock,
    log: quiet,
    districts: input.districts,
    pageSize: input.pageSize,
  });
  const seconds = (performance.now() - t0) / 1000;
  const replicationDelay = replicationLoop.stop();
  const cpu = process.cpuUsage(cpu0);
  const server1 = serverCpuSeconds(input.postmasterPid);
  const centralCpuSeconds = server0 === null || server1 === null ? null : server1 - server0;
  clearInterval(sampler);
  const hwmMb = await peakRssMb(); // the whole process so far, between samples too
  await ws.destroy();

  const admin = centralDataSource(parseCentralUrl(input.adminUrl));
  await admin.initialize();
  const svc = new SyncService(store, fixedClock('2025-06-02T12:00:00Z'), quiet, {
    central: wsCfg,
    workstationId: 'ws-bench',
    officeId: 'bench',
    districts: input.districts,
    feedPollMs: 600_000,
  });
  svc.start();
  const ids = (
    await admin.query<{ id: string }[]>(`SELECT id FROM account ORDER BY id LIMIT 1000`)
  ).map((r) => Number(r.id));
  const samples: number[] = [];
  let burst: ReplicationBenchResult['loop']['burst'] | undefined;
  try {
    const deadline = Date.now() + 30_000;
    while (svc.status().state !== 'online' && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    for (let i = 0; i < input.changes; i++) {
      const id = ids[(i * 37) % ids.length]!;
      const flat = `B${i}`;
      const start = performance.now();
      await admin.query(`UPDATE account SET flat = $2, updated_at = now() WHERE id = $1`, [
        id,
        flat,
      ]);
      for (;;) {
        const r = await store.run((m) =>
          m.query<{ flat: string }[]>(`SELECT flat FROM account WHERE id = ?`, [id]),
        );
        if (r[0]?.flat === flat) break;
        if (performance.now() - start > 10_000) throw new Error('change not visible after 10 s');
        await new Promise((res) => setTimeout(res, 2));
      }
      samples.push(performance.now() - start);
      await new Promise((res) => setTimeout(res, 20));
    }
    // A burst: one statement changes every sampled account; the feed brings them all.
    const burstLoop = watchLoop();
    const b0 = performance.now();
    await admin.query(
      `UPDATE account SET flat = 'Z' || id, updated_at = now() WHERE id = ANY($1::bigint[])`,
      [ids],
    );
    for (;;) {
      const [r] = await store.run((m) =>
        m.query<{ n: number }[]>(`SELECT count(*) AS n FROM account WHERE flat = 'Z' || id`),
      );
      if (Number(r?.n) >= ids.length) break;
      if (performance.now() - b0 > 60_000) throw new Error('burst not applied after 60 s');
      await new Promise((res) => setTimeout(res, 20));
    }
    burst = { ...burstLoop.stop(), rows: ids.length, seconds: (performance.now() - b0) / 1000 };
  } finally {
    await svc.stop();
    await store.close();
    await admin.destroy();
  }
  return {
    rows: repl.accounts + repl.residents,
    seconds,
    samples,
    peakRss: peak,
    hwmMb,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    centralCpuSeconds,
    loop: { replication: replicationDelay, burst },
  };
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain && process.argv.includes('--phase')) {
  let raw = '';
  for await (const chunk of process.stdin) raw += String(chunk);
  process.stdout.write(JSON.stringify(await workstationPhase(JSON.parse(raw) as PhaseIn)));
} else if (isMain) {
  const arg = (name: string, fallback: number): number => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? Number((process.argv[i + 1] ?? '').replace(/_/g, '')) : fallback;
  };
  const r = await runReplicationBench({
    accounts: arg('--accounts', 100_000),
    changes: arg('--changes', 60),
    log: (s) => process.stderr.write(`${s}\n`),
  });
  process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
}
