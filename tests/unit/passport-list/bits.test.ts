import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ctz32, popcount32, selectInWord } from '../../../electron/core/passport-list/bits';

const naivePop = (v: number): number => [...Array(32).keys()].filter((i) => (v >>> i) & 1).length;
const naiveSelect = (v: number, r: number): number =>
  [...Array(32).keys()].filter((i) => (v >>> i) & 1)[r] ?? -1;

describe('32-bit helpers', () => {
  it('popcount, ctz and select agree with a bit-by-bit count', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (v) => {
        expect(popcount32(v)).toBe(naivePop(v));
        if (v !== 0) expect(ctz32(v)).toBe(naiveSelect(v, 0));
        for (let r = 0; r < naivePop(v); r++) expect(selectInWord(v, r)).toBe(naiveSelect(v, r));
      }),
      { numRuns: 2000 },
    );
  });

  it('handles all-ones and single high bit', () => {
    expect(popcount32(-1)).toBe(32);
    expect(selectInWord(-1, 31)).toBe(31);
    expect(selectInWord(1 << 31, 0)).toBe(31);
  });
});
