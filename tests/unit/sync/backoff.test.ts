// Capped exponential backoff with equal jitter (electron/core/sync/backoff.ts): the wait for
// attempt n is between half and all of min(cap, base·2^n).
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../electron/core/sync/backoff';

const SAMPLES = 200;
const sample = (attempt: number, base?: number, cap?: number): number[] =>
  Array.from({ length: SAMPLES }, () => backoffDelay(attempt, base, cap));

describe('backoffDelay', () => {
  it('stays within [ceiling / 2, ceiling] for every attempt, ceiling = min(cap, base * 2^n)', () => {
    for (let attempt = 0; attempt <= 12; attempt++) {
      const ceiling = Math.min(60_000, 1_000 * 2 ** attempt);
      for (const d of sample(attempt)) {
        expect(Number.isInteger(d)).toBe(true);
        expect(d).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
        expect(d).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('grows exponentially until the cap', () => {
    // Attempt n+1's floor is attempt n's ceiling, so the waits cannot go down.
    expect(Math.min(...sample(1))).toBeGreaterThanOrEqual(1_000);
    expect(Math.min(...sample(3))).toBeGreaterThanOrEqual(4_000);
    expect(Math.max(...sample(2))).toBeLessThanOrEqual(4_000);
    expect(Math.min(...sample(5))).toBeGreaterThanOrEqual(16_000);
  });

  it('is capped, however many attempts failed (no overflow to Infinity or NaN)', () => {
    for (const attempt of [6, 7, 10, 30, 31, 100, 1_000, Number.MAX_SAFE_INTEGER]) {
      for (const d of sample(attempt)) {
        expect(d).toBeGreaterThanOrEqual(30_000);
        expect(d).toBeLessThanOrEqual(60_000);
      }
    }
    for (const d of sample(50, 500, 10_000)) {
      expect(d).toBeGreaterThanOrEqual(5_000);
      expect(d).toBeLessThanOrEqual(10_000);
    }
  });

  it('treats a negative attempt as the first', () => {
    for (const d of sample(-3)) {
      expect(d).toBeGreaterThanOrEqual(500);
      expect(d).toBeLessThanOrEqual(1_000);
    }
  });

  it('is jittered: not constant across calls, and reaches both ends of its range', () => {
    const waits = sample(4); // ceiling 16 s
    expect(new Set(waits).size).toBeGreaterThan(SAMPLES / 2);
    // A small range, so 200 draws see every value: the floor and the ceiling included.
    const small = new Set(sample(0, 4, 60_000)); // ceiling 4, floor 2
    expect([...small].sort()).toEqual([2, 3, 4]);
    // Capped waits are jittered too: a city's workstations must not retry in step.
    expect(new Set(sample(40)).size).toBeGreaterThan(SAMPLES / 2);
  });
});
