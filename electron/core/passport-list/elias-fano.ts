// Partitioned Elias–Fano set over the 10^10 passport keys, with bitmap blocks for dense runs.
//
// WHY THIS STRUCTURE. Measured on 137M uniformly random keys (the worst case the issue sets;
// real lists are clustered and compress better) on the 2-core dev VM, one process, lookups
// as a chain of dependent calls in CPU time (tests/bench/passports-alternatives.ts):
//
//   structure                                    size MB  bits/key  lookup ns
//   information-theoretic minimum, log2 C(U,n)     130.5      7.62          -
//   this: partitioned Elias–Fano + bitmap blocks   144.4      8.43        444
//   one global Elias–Fano + select0 samples and
//     a rank directory (this file's first form)    144.1      8.42   ~1.3-2x this one
//   Golomb–Rice gaps, skip entry every 64 keys     148.6      8.68       1488
//   roaring-style 2^16 containers (u16 arrays)     275.2     16.07        671
//   sorted u32 numbers per series, bisection       548.0     32.00       1143
//   flat 10^10-bit bitmap                         1250.0     72.99  ~0.85x this one
//   V8 Set (~40 B/entry, and capped at 2^24)     ~5480            -          -
//
// Only Elias–Fano and Golomb–Rice meet 150 MB; Rice pays ~30 sequential decodes per lookup.
// Roaring's containers hold ~900 keys at this density, where an array costs 16 bits a key.
// A global Elias–Fano lookup makes four dependent memory reads (sample, rank directory,
// upper bits, lows); here it is the block directory (4.9 MB, stays in cache) and one block
// of ~114 bytes. A dependent DRAM read on this VM costs ~185 ns (145 MB working set), so
// memory, not arithmetic (~75 ns), sets the lookup time; the bitmap needs one read, but of
// 1.25 GB, and 9x the memory.
//
// The key space is cut into blocks of 2^B keys (B = 13). Each block is encoded on its own,
// one after the other in one bit stream, as whichever is smaller:
//   - Elias–Fano: the block's keys split into a bucket j = offset >> L and an L-bit low.
//     Upper bits: for each of the block's 2^(B-L) buckets, one 1 per key then a 0. Then the
//     c lows, L bits each, in key order. Length c*(L+1) + 2^(B-L) bits; 0 when c = 0.
//   - a bitmap of 2^B bits, when the keys are so dense that Elias–Fano would be longer. This
//     also bounds a lookup's scan on clustered real lists (stolen blank series).
// offsets[b] is the bit where block b starts (offsets[nb] = the stream's end), and one bit
// per block says which kind it is. A lookup reads offsets[b] and offsets[b+1] (adjacent, and
// the 4.9 MB array stays in cache), then touches only its block: typically 1–2 cache lines.
import { popcount32, selectInWord } from './bits';

export interface BlockSetParams {
  entries: number;
  lowBits: number;
  blockBits: number;
  blocks: number;
  dataBits: number;
}

export interface BlockSetArrays {
  offsets: Uint32Array;
  kinds: Uint32Array;
  data: Uint32Array;
}

export class EliasFanoSet {
  private readonly lowBits: number;
  private readonly lowMask: number;
  private readonly blockKeys: number;
  private readonly blockMask: number;
  private readonly buckets: number;
  private readonly blocks: number;
  private readonly offsets: Uint32Array;
  private readonly kinds: Uint32Array;
  private readonly data: Uint32Array;

  constructor(p: BlockSetParams, a: BlockSetArrays) {
    this.lowBits = p.lowBits;
    this.lowMask = p.lowBits === 0 ? 0 : (1 << p.lowBits) - 1;
    this.blockKeys = 2 ** p.blockBits;
    this.blockMask = this.blockKeys - 1;
    this.buckets = 2 ** (p.blockBits - p.lowBits);
    this.blocks = p.blocks;
    this.offsets = a.offsets;
    this.kinds = a.kinds;
    this.data = a.data;
  }

  /** Membership of an integer key in [0, 10^10); the caller guarantees the range. */
  has(key: number): boolean {
    const b = Math.floor(key / this.blockKeys);
    if (b >= this.blocks) return false;
    const start = this.offsets[b]!;
    const end = this.offsets[b + 1]!;
    if (start === end) return false;
    const r = (key - b * this.blockKeys) & this.blockMask;
    const data = this.data;
    if ((this.kinds[b >>> 5]! >>> (b & 31)) & 1) {
      const pos = start + r;
      return ((data[pos >>> 5]! >>> (pos & 31)) & 1) === 1;
    }
    const L = this.lowBits;
    const Z = this.buckets;
    const count = (end - start - Z) / (L + 1);
    const j = r >>> L;
    const lo = r & this.lowMask;
    // Start of bucket j: just after the j-th zero of the block's upper bits.
    let pos = start;
    if (j > 0) {
      let w = start >>> 5;
      let inv = ~data[w]! & (-1 << (start & 31));
      let left = j - 1;
      for (;;) {
        const z = popcount32(inv);
        if (left < z) {
          pos = w * 32 + selectInWord(inv, left) + 1;
          break;
        }
        left -= z;
        inv = ~data[++w]!;
      }
    }
    let idx = pos - start - j;
    const lowBase = start + count + Z;
    // Lows within a bucket are sorted: stop at the first one not below the target.
    while ((data[pos >>> 5]! >>> (pos & 31)) & 1) {
      const v = readBits(data, lowBase + idx * L, L, this.lowMask);
      if (v >= lo) return v === lo;
      pos++;
      idx++;
    }
    return false;
  }
}

function readBits(data: Uint32Array, bit: number, width: number, mask: number): number {
  if (width === 0) return 0;
  const w = bit >>> 5;
  const s = bit & 31;
  let v = data[w]! >>> s;
  if (s + width > 32) v |= data[w + 1]! << (32 - s);
  return v & mask;
}

function writeBits(data: Uint32Array, bit: number, width: number, value: number): void {
  if (width === 0) return;
  const w = bit >>> 5;
  const s = bit & 31;
  data[w]! |= value << s;
  if (s + width > 32) data[w + 1]! |= value >>> (32 - s);
}

const setBit = (data: Uint32Array, bit: number): void => {
  data[bit >>> 5]! |= 1 << (bit & 31);
};

/** Bits block b takes for `count` keys, and whether it is a bitmap. */
export function blockSize(
  count: number,
  lowBits: number,
  blockBits: number,
): { bits: number; bitmap: boolean } {
  if (count === 0) return { bits: 0, bitmap: false };
  const ef = count * (lowBits + 1) + 2 ** (blockBits - lowBits);
  const bitmap = 2 ** blockBits;
  return bitmap < ef ? { bits: bitmap, bitmap: true } : { bits: ef, bitmap: false };
}

/**
 * First pass of the build: the offsets and kinds of every block, from keys given as sorted,
 * distinct partitions (partition q holds `key - q * 2^partBits`). Returns the stream length.
 */
export function planBlocks(
  parts: readonly Uint32Array[],
  partBits: number,
  lowBits: number,
  blockBits: number,
  offsets: Uint32Array,
  kinds: Uint32Array,
): number {
  const counts = new Uint32Array(offsets.length);
  const blocksPerPart = 2 ** (partBits - blockBits);
  for (let q = 0; q < parts.length; q++) {
    const arr = parts[q]!;
    const base = q * blocksPerPart;
    for (let k = 0; k < arr.length; k++) counts[base + (arr[k]! >>> blockBits)]!++;
  }
  let bits = 0;
  const blocks = offsets.length - 1;
  for (let b = 0; b < blocks; b++) {
    offsets[b] = bits;
    const size = blockSize(counts[b]!, lowBits, blockBits);
    if (size.bitmap) kinds[b >>> 5]! |= 1 << (b & 31);
    bits += size.bits;
    if (bits >= 2 ** 32 - 64) throw new RangeError('index too large for 32-bit bit offsets');
  }
  offsets[blocks] = bits;
  return bits;
}

/** Second pass: writes every block's bits into the zero-filled data words. */
export function fillBlocks(
  parts: readonly Uint32Array[],
  partBits: number,
  p: BlockSetParams,
  offsets: Uint32Array,
  kinds: Uint32Array,
  data: Uint32Array,
): void {
  const L = p.lowBits;
  const lowMask = L === 0 ? 0 : (1 << L) - 1;
  const blockMask = 2 ** p.blockBits - 1;
  const Z = 2 ** (p.blockBits - L);
  const blocksPerPart = 2 ** (partBits - p.blockBits);
  let cur = -1;
  let i = 0; // index of the key within its block
  let start = 0;
  let lowBase = 0;
  let bitmap = false;
  let total = 0;
  for (let q = 0; q < parts.length; q++) {
    const arr = parts[q]!;
    const base = q * blocksPerPart;
    for (let k = 0; k < arr.length; k++) {
      const key = arr[k]!;
      const b = base + (key >>> p.blockBits);
      if (b !== cur) {
        cur = b;
        i = 0;
        start = offsets[b]!;
        bitmap = ((kinds[b >>> 5]! >>> (b & 31)) & 1) === 1;
        const count = (offsets[b + 1]! - start - Z) / (L + 1);
        lowBase = start + count + Z;
      }
      const r = key & blockMask;
      if (bitmap) {
        setBit(data, start + r);
      } else {
        setBit(data, start + (r >>> L) + i);
        writeBits(data, lowBase + i * L, L, r & lowMask);
      }
      i++;
      total++;
    }
  }
  if (total !== p.entries) throw new RangeError(`expected ${p.entries} keys, got ${total}`);
}

/** Set bits in [from, to) of the stream. */
export function countBits(data: Uint32Array, from: number, to: number): number {
  let n = 0;
  for (let bit = from; bit < to;) {
    const w = bit >>> 5;
    const s = bit & 31;
    const take = Math.min(32 - s, to - bit);
    let v = data[w]! >>> s;
    if (take < 32) v &= (1 << take) - 1;
    n += popcount32(v);
    bit += take;
  }
  return n;
}
