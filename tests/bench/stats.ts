// Small shared helpers for the benchmark parts: percentiles, a results file, arguments.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summary(samples: number[]): {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
} {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s.at(-1) ?? NaN,
  };
}

export function numberArg(name: string, fallback: number, argv = process.argv): number {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const v = Number((argv[i + 1] ?? '').replace(/_/g, ''));
  if (!Number.isFinite(v)) throw new Error(`${name} needs a number`);
  return v;
}

/** Writes bench-results/<part>-latest.json, which `npm run bench` collects. */
export function writeResult(part: string, result: unknown): string {
  mkdirSync('bench-results', { recursive: true });
  const path = join('bench-results', `${part}-latest.json`);
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}

/** Peak resident memory of this process so far (Linux VmHWM), in MB. */
export async function peakRssMb(): Promise<number | null> {
  try {
    const { readFileSync } = await import('node:fs');
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** How late this process's event loop ran its timers over a span (issue 16: the window's IPC). */
export interface LoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** How many times the monitor's 10 ms timer fired. */
  samples: number;
}

/**
 * Starts watching the event loop (perf_hooks.monitorEventLoopDelay, 10 ms resolution); stop()
 * says how late it ran. In Electron the core shares this loop with the window's IPC: a delay
 * here is a click that waits.
 */
export function watchLoop(): { stop(): LoopDelay } {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  return {
    stop() {
      h.disable();
      // The histogram holds the time between the monitor's ticks: the lag is what exceeds the
      // 10 ms period (a quiet loop measures 10.1 ms, a 100 ms block 106.8 ms).
      const ms = (ns: number) => Math.max(0, ns / 1e6 - 10);
      return {
        p50Ms: ms(h.percentile(50)),
        p99Ms: ms(h.percentile(99)),
        maxMs: ms(h.max),
        samples: h.count,
      };
    },
  };
}
