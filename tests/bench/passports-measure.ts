// Lookup timing for the passport benchmark.
//
// Two questions, two loops. Throughput: independent lookups back to back, which the CPU
// overlaps (several cache misses in flight at once). Latency: each lookup's key depends on
// the previous answer, so misses cannot overlap, as for the one lookup a passport check
// makes; this is the figure to hold against the 1 µs target. One lookup is below what a
// timer call resolves and costs, so latency is timed in batches: p50/p99 of the per-lookup
// time of batches of 100, and of batches of 8 (closer to single-lookup tails; the cost of
// timing an empty batch is subtracted). CPU time is reported too: on a shared machine the
// wall clock also counts time spent descheduled.

export interface LatencyStats {
  lookups: number;
  throughputNs: number;
  latencyMeanNs: number;
  latencyCpuNs: number;
  p50Ns: number;
  p99Ns: number;
  p50NsBatch8: number;
  p99NsBatch8: number;
}

/** Runs lookups i in [from, to) and returns how many were members. */
export type LookupRun = (from: number, to: number) => number;

export interface LookupRuns {
  /** Lookups that do not depend on each other. */
  independent: LookupRun;
  /** The same lookups, each key's index depending on the previous answer. */
  chained: LookupRun;
}

export function settle(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

const pct = (sorted: Float64Array, p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

function batches(
  run: LookupRun,
  samples: number,
  size: number,
  rounds: number,
  overheadNs: number,
): Float64Array {
  const n = Math.floor(samples / size);
  const out = new Float64Array(n * rounds);
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    for (let b = 0; b < n; b++) {
      const base = b * size;
      const t0 = process.hrtime.bigint();
      sink += run(base, base + size);
      const t1 = process.hrtime.bigint();
      out[r * n + b] = Math.max(0, Number(t1 - t0) - overheadNs) / size;
    }
  }
  if (sink < 0) throw new Error('unreachable'); // keeps the results alive
  return out.sort();
}

/**
 * The runs must be closures written for one structure (see the callers): each then gets its
 * own monomorphic loop, and one indirect call per batch is noise.
 */
export function measureLookups(runs: LookupRuns, samples: number): LatencyStats {
  let sink = runs.independent(0, samples) + runs.chained(0, samples); // warm-up: JIT, page faults
  let t0 = process.hrtime.bigint();
  for (let r = 0; r < 3; r++) sink += runs.independent(0, samples);
  const throughputNs = Number(process.hrtime.bigint() - t0) / (3 * samples);
  const cpu0 = process.cpuUsage();
  t0 = process.hrtime.bigint();
  for (let r = 0; r < 3; r++) sink += runs.chained(0, samples);
  const latencyMeanNs = Number(process.hrtime.bigint() - t0) / (3 * samples);
  const cpu = process.cpuUsage(cpu0);
  const latencyCpuNs = ((cpu.user + cpu.system) * 1000) / (3 * samples);
  const empty = batches(() => 0, 80_000, 8, 1, 0);
  const overheadNs = pct(empty, 0.5) * 8;
  const b100 = batches(runs.chained, samples, 100, 2, 0);
  const b8 = batches(runs.chained, samples, 8, 1, overheadNs);
  if (sink < 0) throw new Error('unreachable');
  return {
    lookups: samples,
    throughputNs,
    latencyMeanNs,
    latencyCpuNs,
    p50Ns: pct(b100, 0.5),
    p99Ns: pct(b100, 0.99),
    p50NsBatch8: pct(b8, 0.5),
    p99NsBatch8: pct(b8, 0.99),
  };
}
