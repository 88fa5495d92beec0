// The index against a plain Set, on random, clustered and edge-case key sets, with small
// sample and block intervals so every branch of select0 runs on small inputs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyCollector } from '../../../electron/core/passport-list/collector';
import { parsePassportList } from '../../../electron/core/passport-list/reader';
import { encodeIndex } from '../../../electron/core/passport-list/writer';
import { UNIVERSE } from '../../../electron/core/passport-list/format';
import { sfc32 } from '../../support/passport-list-gen';

function build(keys: number[], lowBits?: number) {
  const c = new KeyCollector();
  for (const k of keys) c.add(k);
  const sorted = c.finish();
  const enc = encodeIndex(sorted, {
    listDate: '2024-05-01',
    builtAtMs: Date.UTC(2024, 4, 1),
    sourceRows: keys.length,
    malformedRows: 0,
    ...(lowBits === undefined ? {} : { lowBits }),
  });
  // Copy into a fresh buffer, as the loader does, and go through full validation.
  return parsePassportList(new Uint8Array(enc.bytes));
}

function probes(keys: number[], rnd: () => number): number[] {
  const out = [0, 1, UNIVERSE - 1, UNIVERSE - 2];
  for (const k of keys) out.push(k, k + 1, k - 1);
  for (let i = 0; i < 2000; i++) out.push(Math.floor((rnd() / 2 ** 32) * UNIVERSE));
  return out.filter((k) => k >= 0 && k < UNIVERSE);
}

/** Probes where the index and the Set disagree (one expect per probe is too slow). */
function mismatches(
  list: { hasKey(k: number): boolean },
  set: Set<number>,
  keys: number[],
): number[] {
  return keys.filter((k) => list.hasKey(k) !== set.has(k));
}

// Every build carries the fixed 1.2M-block directory (~5 MB), so each run costs ~30 ms.
describe('Elias–Fano index', { timeout: 30_000 }, () => {
  const key = fc.integer({ min: 0, max: UNIVERSE - 1 });
  // Keys bunched into a few narrow windows: full buckets, long runs of ones.
  const clustered = fc
    .tuple(
      fc.array(fc.tuple(key, fc.integer({ min: 1, max: 1500 })), { minLength: 1, maxLength: 4 }),
      fc.nat(),
    )
    .map(([windows, s]) => {
      const r = sfc32(s);
      const keys: number[] = [];
      for (const [start, width] of windows) {
        for (let i = 0; i < width; i++)
          if (r() % 3 !== 0) keys.push(Math.min(UNIVERSE - 1, start + i));
      }
      return keys;
    });

  const lowBits = fc.integer({ min: 0, max: 13 });
  // Keys spread over a window of random width: from one block to the whole key space.
  const windowed = fc
    .tuple(key, fc.integer({ min: 3, max: 10 }), fc.integer({ min: 0, max: 3000 }), fc.nat())
    .map(([start, digits, count, s]) => {
      const r = sfc32(s);
      const width = 10 ** digits;
      return Array.from({ length: count }, () => Math.min(UNIVERSE - 1, start + (r() % width)));
    });

  it('answers exactly like a Set (random keys, every low width)', () => {
    fc.assert(
      fc.property(windowed, lowBits, fc.nat(), (keys, L, seed) => {
        const list = build(keys, L);
        const set = new Set(keys);
        expect(list.meta.entries).toBe(set.size);
        expect(mismatches(list, set, probes(keys, sfc32(seed)))).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });

  it('answers exactly like a Set (clustered keys, every low width)', () => {
    fc.assert(
      fc.property(clustered, lowBits, fc.nat(), (keys, L, seed) => {
        const list = build(keys, L);
        expect(mismatches(list, new Set(keys), probes(keys, sfc32(seed)))).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });

  it('answers exactly like a Set with the low width chosen for the size', () => {
    fc.assert(
      fc.property(fc.array(key, { maxLength: 3000 }), fc.nat(), (keys, seed) => {
        const list = build(keys);
        expect(mismatches(list, new Set(keys), probes(keys, sfc32(seed)))).toEqual([]);
      }),
      { numRuns: 15 },
    );
  });

  it('handles a dense run, the edges of the key space and duplicates', () => {
    const keys = [0, UNIVERSE - 1, 999_999, 1_000_000];
    for (let k = 4_509_000_000; k < 4_509_200_000; k++) keys.push(k); // a whole series block
    keys.push(...keys.slice(0, 1000)); // duplicates
    const list = build(keys);
    expect(list.meta.entries).toBe(keys.length - 1000);
    expect(list.duplicateRows).toBe(1000);
    for (const k of [0, UNIVERSE - 1, 999_999, 1_000_000, 4_509_000_000, 4_509_199_999])
      expect(list.hasKey(k)).toBe(true);
    for (const k of [1, UNIVERSE - 2, 4_508_999_999, 4_509_200_000])
      expect(list.hasKey(k)).toBe(false);
    expect(list.has('4509', '100000')).toBe(true);
    expect(list.has('45 09', '100000')).toBe(true);
    expect(list.has('4509', '200000')).toBe(false);
  });

  it('an empty index says no to everything', () => {
    const list = build([]);
    expect(list.meta.entries).toBe(0);
    for (const k of [0, 123, UNIVERSE - 1]) expect(list.hasKey(k)).toBe(false);
  });

  it('refuses malformed lookups instead of answering "not listed"', () => {
    const list = build([4_509_123_456]);
    expect(() => list.has('450', '123456')).toThrow(RangeError);
    expect(() => list.has('4509', '12345')).toThrow(RangeError);
    expect(() => list.has('45-09', '123456')).toThrow(RangeError);
    expect(() => list.has('4509', '12345a')).toThrow(RangeError);
  });
});
