// Elias–Fano set over the 10^10 passport keys, with a select0 index for O(1)-ish lookups.
//
// WHY THIS STRUCTURE (measured on 137M uniformly random keys, this machine; see
// tests/bench/passports-alternatives.ts and tests/bench/passports.ts):
//   MEASUREMENTS_PLACEHOLDER
//
// Layout: key x splits into bucket h = x >> L and low = x & (2^L - 1). Lows are packed L bits
// each in key order. The upper bit vector holds, for each bucket in order, one 1 per key and
// then a terminating 0, so key i's 1 sits at position h_i + i and bucket b ends at the b-th 0.
// A lookup finds the start of bucket h as select0(h - 1) + 1 and compares the (on average
// fewer than one) lows stored there. select0 uses a sample every 2^S zeros and a zero-count
// every 2^B bits, so the scan is bounded even on clustered real lists, where a bucket may
// hold up to 2^L keys.
import { popcount32, selectInWord } from './bits';

export interface EliasFanoParams {
  entries: number;
  lowBits: number;
  buckets: number;
  upperBits: number;
  sampleShift: number;
  blockShift: number;
}

export interface EliasFanoArrays {
  low: Uint32Array;
  upper: Uint32Array;
  samples: Uint32Array;
  ranks: Uint32Array;
}

export class EliasFanoSet {
  private readonly lowBits: number;
  private readonly lowMask: number;
  private readonly bucketSize: number;
  private readonly buckets: number;
  private readonly sampleShift: number;
  private readonly sampleMask: number;
  private readonly blockShift: number;
  private readonly wordsPerBlockShift: number;
  private readonly low: Uint32Array;
  private readonly upper: Uint32Array;
  private readonly samples: Uint32Array;
  private readonly ranks: Uint32Array;

  constructor(p: EliasFanoParams, a: EliasFanoArrays) {
    this.lowBits = p.lowBits;
    this.lowMask = p.lowBits === 0 ? 0 : (1 << p.lowBits) - 1;
    this.bucketSize = 2 ** p.lowBits;
    this.buckets = p.buckets;
    this.sampleShift = p.sampleShift;
    this.sampleMask = (1 << p.sampleShift) - 1;
    this.blockShift = p.blockShift;
    this.wordsPerBlockShift = p.blockShift - 5;
    this.low = a.low;
    this.upper = a.upper;
    this.samples = a.samples;
    this.ranks = a.ranks;
  }

  /** Membership of an integer key in [0, 10^10); the caller guarantees the range. */
  has(key: number): boolean {
    const h = Math.floor(key / this.bucketSize);
    if (h >= this.buckets) return false;
    const lo = key - h * this.bucketSize;
    let pos = h === 0 ? 0 : this.select0(h - 1) + 1;
    let idx = pos - h;
    const upper = this.upper;
    // Lows within a bucket are sorted: stop at the first one not below the target.
    while ((upper[pos >>> 5]! >>> (pos & 31)) & 1) {
      const v = this.lowAt(idx);
      if (v >= lo) return v === lo;
      pos++;
      idx++;
    }
    return false;
  }

  private lowAt(i: number): number {
    const L = this.lowBits;
    if (L === 0) return 0;
    const b = i * L;
    const w = b >>> 5;
    const s = b & 31;
    let v = this.low[w]! >>> s;
    if (s + L > 32) v |= this.low[w + 1]! << (32 - s);
    return v & this.lowMask;
  }

  /** Position of the j-th (0-based) zero of the upper bits; j < buckets. */
  select0(j: number): number {
    const sample = this.samples[j >>> this.sampleShift]!;
    if ((j & this.sampleMask) === 0) return sample;
    const ranks = this.ranks;
    let b = sample >>> this.blockShift;
    while (ranks[b + 1]! <= j) b++;
    let r = j - ranks[b]!;
    let w = b << this.wordsPerBlockShift;
    const upper = this.upper;
    for (;;) {
      const inv = ~upper[w]!;
      const z = popcount32(inv);
      if (r < z) return w * 32 + selectInWord(inv, r);
      r -= z;
      w++;
    }
  }
}

/**
 * Writes the low and upper parts from keys given as sorted, distinct partitions: partition p
 * holds `key - p * 2^partBits`, ascending. Arrays must be zero-filled.
 */
export function fillLowUpper(
  parts: readonly Uint32Array[],
  partBits: number,
  p: EliasFanoParams,
  low: Uint32Array,
  upper: Uint32Array,
): void {
  const L = p.lowBits;
  if (L > partBits) throw new RangeError('lowBits above partition width');
  const mask = L === 0 ? 0 : (1 << L) - 1;
  const bucketsPerPart = 2 ** (partBits - L);
  let idx = 0;
  for (let q = 0; q < parts.length; q++) {
    const arr = parts[q]!;
    const base = q * bucketsPerPart;
    for (let k = 0; k < arr.length; k++) {
      const r = arr[k]!;
      if (L !== 0) {
        const lo = r & mask;
        const b = idx * L;
        const w = b >>> 5;
        const s = b & 31;
        low[w]! |= lo << s;
        if (s + L > 32) low[w + 1]! |= lo >>> (32 - s);
      }
      const pos = base + (r >>> L) + idx;
      upper[pos >>> 5]! |= 1 << (pos & 31);
      idx++;
    }
  }
  if (idx !== p.entries) throw new RangeError(`expected ${p.entries} keys, got ${idx}`);
}

/** Builds the select0 samples and per-block zero counts from the upper bits. */
export function buildSelectIndex(
  p: EliasFanoParams,
  upper: Uint32Array,
  samples: Uint32Array,
  ranks: Uint32Array,
): void {
  const words = Math.ceil(p.upperBits / 32);
  const blockWordsShift = p.blockShift - 5;
  const blockWordMask = (1 << blockWordsShift) - 1;
  const step = 2 ** p.sampleShift;
  let zeros = 0;
  let nextSample = 0;
  let k = 0;
  for (let w = 0; w < words; w++) {
    if ((w & blockWordMask) === 0) ranks[w >>> blockWordsShift] = zeros;
    let inv = ~upper[w]!;
    const valid = p.upperBits - w * 32;
    if (valid < 32) inv &= (1 << valid) - 1; // padding bits are not zeros of the sequence
    const z = popcount32(inv);
    while (nextSample < zeros + z) {
      samples[k++] = w * 32 + selectInWord(inv, nextSample - zeros);
      nextSample += step;
    }
    zeros += z;
  }
  for (let b = Math.ceil(words / 2 ** blockWordsShift); b < ranks.length; b++) ranks[b] = zeros;
  if (zeros !== p.buckets || k !== samples.length) {
    throw new RangeError(
      `upper bits hold ${zeros} zeros and ${k} samples, expected ${p.buckets} and ${samples.length}`,
    );
  }
}

/** Ones in the upper bits; equals the entry count in a well-formed index. */
export function countOnes(upper: Uint32Array, upperBits: number): number {
  let ones = 0;
  const words = Math.ceil(upperBits / 32);
  for (let w = 0; w < words; w++) ones += popcount32(upper[w]!);
  return ones;
}
