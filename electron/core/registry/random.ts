// A small seeded PRNG for demo data. Demo registries must be reproducible from a seed
// (tests compute expected search hits from the generator's own output), so neither
// Math.random nor node:crypto fits. sfc32 passes PractRand, needs only 32-bit integer
// arithmetic (identical on every platform) and costs a few nanoseconds per draw.

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // splitmix32 spreads any seed (0, 1, 2…) over the whole state, so nearby seeds give
    // unrelated streams.
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** A uniform unsigned 32-bit integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform integer in [0, n), n < 2^21 (the product stays exact in a double). */
  int(n: number): number {
    return Math.floor((this.u32() * n) / 4294967296);
  }

  /** A uniform integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.u32() < p * 4294967296;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
}

/**
 * Weighted choice in O(1): each item fills a share of a fixed table proportional to its
 * weight (an item with a non-zero weight gets at least one slot). Drawing is one table
 * read, which matters when a million accounts draw several names each.
 */
export class WeightedTable<T> {
  private readonly slots: T[];
  private readonly length: number;

  constructor(items: readonly T[], weights: readonly number[], bits = 14) {
    const size = 1 << bits;
    const total = weights.reduce((s, w) => s + w, 0);
    if (items.length === 0 || total <= 0)
      throw new Error('A weighted table needs a positive weight.');
    this.slots = [];
    let acc = 0;
    for (let i = 0; i < items.length; i++) {
      const w = weights[i] ?? 0;
      if (w <= 0) continue;
      acc += w;
      const end = Math.max(this.slots.length + 1, Math.round((acc / total) * size));
      while (this.slots.length < end) this.slots.push(items[i] as T);
    }
    // Minimum slots for rare items may make the table a little longer than `size`.
    this.length = this.slots.length;
  }

  draw(rng: Rng): T {
    return this.slots[rng.int(this.length)] as T;
  }
}
