// 32-bit helpers. JS has no popcount/ctz intrinsics; these forms stay in int32 and JIT well.

export function popcount32(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Index of the lowest set bit; v must not be 0. */
export function ctz32(v: number): number {
  return 31 - Math.clz32(v & -v);
}

/** Index of the r-th (0-based) set bit of v; v must have more than r set bits. */
export function selectInWord(v: number, r: number): number {
  // Skip whole bytes first: r is ~8 on average, up to 31.
  let base = 0;
  for (;;) {
    const c = popcount32(v & 0xff);
    if (r < c) break;
    r -= c;
    v >>>= 8;
    base += 8;
  }
  for (; r > 0; r--) v &= v - 1;
  return base + ctz32(v);
}
