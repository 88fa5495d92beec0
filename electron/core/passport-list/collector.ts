// Collects keys in any order and hands them back sorted and distinct, without ever holding
// the CSV: 4 bytes per key. Keys are split by their top bits into 2^24-wide partitions, each
// a list of growing chunks (no doubling-and-copying of one huge array), and each partition is
// sorted on its own: 597 sorts of ~230k u32 each are cache-friendly and let the memory of a
// partition's chunks be released as soon as it is sorted.
import { UNIVERSE } from './format';

export const PART_BITS = 24;
const PART_SIZE = 2 ** PART_BITS;
const PARTS = Math.ceil(UNIVERSE / PART_SIZE);
const FIRST_CHUNK = 256;
const MAX_CHUNK = 1 << 16;

export interface SortedKeys {
  /** Partition p holds `key - p * 2^24`, ascending and distinct. */
  parts: Uint32Array[];
  entries: number;
  duplicates: number;
}

export class KeyCollector {
  private readonly chunks: Uint32Array[][] = Array.from({ length: PARTS }, () => []);
  private readonly tails: (Uint32Array | undefined)[] = new Array<Uint32Array | undefined>(
    PARTS,
  ).fill(undefined);
  private readonly fill = new Int32Array(PARTS);
  private added = 0;

  get count(): number {
    return this.added;
  }

  /** key = series * 10^6 + number, an integer in [0, 10^10). */
  add(key: number): void {
    const p = (key / PART_SIZE) | 0;
    const r = key - p * PART_SIZE;
    let tail = this.tails[p];
    let f = this.fill[p]!;
    if (tail === undefined || f === tail.length) {
      tail = new Uint32Array(
        tail === undefined ? FIRST_CHUNK : Math.min(tail.length * 2, MAX_CHUNK),
      );
      this.chunks[p]!.push(tail);
      this.tails[p] = tail;
      f = 0;
    }
    tail[f] = r;
    this.fill[p] = f + 1;
    this.added++;
  }

  /** Sorts and de-duplicates; the collector is empty afterwards. */
  finish(): SortedKeys {
    const parts: Uint32Array[] = [];
    let entries = 0;
    for (let p = 0; p < PARTS; p++) {
      const list = this.chunks[p]!;
      let total = 0;
      for (let i = 0; i < list.length; i++)
        total += i === list.length - 1 ? this.fill[p]! : list[i]!.length;
      const all = new Uint32Array(total);
      let off = 0;
      for (let i = 0; i < list.length; i++) {
        const c = list[i]!;
        const n = i === list.length - 1 ? this.fill[p]! : c.length;
        all.set(n === c.length ? c : c.subarray(0, n), off);
        off += n;
      }
      this.chunks[p] = [];
      this.tails[p] = undefined;
      all.sort(); // typed-array sort is numeric and native
      let w = 0;
      for (let i = 0; i < all.length; i++) {
        const v = all[i]!;
        if (w === 0 || all[w - 1] !== v) all[w++] = v;
      }
      parts.push(w === all.length ? all : all.subarray(0, w));
      entries += w;
    }
    const duplicates = this.added - entries;
    this.added = 0;
    this.fill.fill(0);
    return { parts, entries, duplicates };
  }
}
