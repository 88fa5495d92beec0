// Lookup latency for the passport benchmark. One lookup (~100 ns) is below what a timer call
// resolves and costs, so lookups are timed in batches: the mean over all samples, then
// p50/p99 of per-lookup times from batches of 100 (stable) and of 8 (closer to single-lookup
// tails; the measured cost of an empty timed batch is subtracted).

export interface LatencyStats {
  lookups: number;
  meanNs: number;
  p50Ns: number;
  p99Ns: number;
  p50NsBatch8: number;
  p99NsBatch8: number;
}

export function settle(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

export function rssMb(): number {
  return process.memoryUsage().rss / 2 ** 20;
}

const pct = (sorted: Float64Array, p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

/** Runs lookups i in [from, to) and returns how many were members. */
export type LookupRun = (from: number, to: number) => number;

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
 * `run` must be a closure written at the call site with the lookup loop inside it: each
 * structure then gets its own monomorphic loop, and one indirect call per batch is noise.
 */
export function measureLookups(run: LookupRun, samples: number): LatencyStats {
  let sink = run(0, samples); // warm-up: JIT and page faults
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < 3; r++) sink += run(0, samples);
  const meanNs = Number(process.hrtime.bigint() - t0) / (3 * samples);
  // Cost of timing an empty batch, to subtract from the batch-of-8 samples.
  const empty = batches(() => 0, 80_000, 8, 1, 0);
  const overheadNs = pct(empty, 0.5) * 8;
  const b100 = batches(run, samples, 100, 2, 0);
  const b8 = batches(run, samples, 8, 1, overheadNs);
  if (sink < 0) throw new Error('unreachable');
  return {
    lookups: samples,
    meanNs,
    p50Ns: pct(b100, 0.5),
    p99Ns: pct(b100, 0.99),
    p50NsBatch8: pct(b8, 0.5),
    p99NsBatch8: pct(b8, 0.99),
  };
}
