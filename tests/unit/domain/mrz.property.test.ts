import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMrz, cyrillicToMrz, mrzToCyrillic, parseMrz } from '../../../shared/domain/mrz';
import { mrzPassportArb } from './arbitraries';

const withChar = (line: string, index: number, ch: string) =>
  line.slice(0, index) + ch + line.slice(index + 1);

describe('buildMrz / parseMrz round trip', () => {
  it('gives back every field, names in Cyrillic, with all checks passing', () => {
    fc.assert(
      fc.property(mrzPassportArb, (p) => {
        const [l1, l2] = buildMrz(p);
        expect(l1).toMatch(/^PNRUS[A-Z0-9<]{39}$/);
        expect(l2).toMatch(/^[A-Z0-9<]{44}$/);
        expect(parseMrz(l1, l2)).toEqual({ passport: p, checksOk: true, failedChecks: [] });
      }),
      { numRuns: 1000 },
    );
  });

  it('transliterates any Cyrillic word there and back', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[А-ЯЁ]{1,30}$/), (word) => {
        expect(mrzToCyrillic(cyrillicToMrz(word))).toBe(word);
      }),
    );
  });
});

// 1-based positions of line 2 that hold digits: the document number, the birth date and
// the issue/department block, plus the check digits themselves (10, 20, 43, 44).
const DIGIT_POSITIONS = [
  ...Array.from({ length: 10 }, (_, i) => i + 1),
  ...Array.from({ length: 7 }, (_, i) => i + 14),
  ...Array.from({ length: 13 }, (_, i) => i + 29),
  43,
  44,
];

describe('check digits', () => {
  // Every digit position sits in a field whose check uses weights 7, 3, 1; all three are
  // coprime to 10, so changing one digit d → d' changes the sum by w·(d'−d) ≢ 0 (mod 10).
  it('catch every single digit substitution in line 2', () => {
    fc.assert(
      fc.property(
        mrzPassportArb,
        fc.constantFrom(...DIGIT_POSITIONS),
        fc.integer({ min: 1, max: 9 }),
        (p, position, delta) => {
          const [l1, l2] = buildMrz(p);
          const old = Number(l2.charAt(position - 1));
          const mutated = withChar(l2, position - 1, String((old + delta) % 10));
          const parsed = parseMrz(l1, mutated);
          expect(parsed?.checksOk).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('catch every adjacent transposition of two different digits inside a checked field', () => {
    // Neighbours get weights (7,3), (3,1) or (1,7); the differences 4, 2, 6 are even, so
    // swapping digits that differ by 5 goes unnoticed by that field's own check. The
    // claim is therefore limited to pairs that do not differ by 5.
    const fields: Array<[number, number]> = [
      [1, 9],
      [14, 19],
      [29, 41],
    ];
    fc.assert(
      fc.property(mrzPassportArb, fc.constantFrom(...fields), fc.nat(), (p, [from, to], pick) => {
        const [l1, l2] = buildMrz(p);
        const i = from - 1 + (pick % (to - from));
        const a = Number(l2.charAt(i));
        const b = Number(l2.charAt(i + 1));
        fc.pre(a !== b && Math.abs(a - b) !== 5);
        const swapped = withChar(withChar(l2, i, String(b)), i + 1, String(a));
        expect(parseMrz(l1, swapped)?.checksOk).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('do not cover line 1 or the sex: such changes pass, as on any TD3 document', () => {
    // Recorded so nobody relies on the checks for the name: the core compares the name
    // with the registry, and the clerk compares the photo.
    fc.assert(
      fc.property(mrzPassportArb, (p) => {
        const [l1, l2] = buildMrz(p);
        const renamed = withChar(l1, 5, l1.charAt(5) === 'A' ? 'B' : 'A');
        expect(parseMrz(renamed, l2)?.checksOk).toBe(true);
        const flipped = withChar(l2, 20, p.sex === 'M' ? 'F' : 'M');
        expect(parseMrz(l1, flipped)?.checksOk).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('can miss a letter worth 10 more than the digit it replaces, but the format check does not', () => {
    // '1' → 'B' (11): the sum moves by 10·w ≡ 0 (mod 10), so no check digit notices.
    const p = { ...fc.sample(mrzPassportArb, { numRuns: 1, seed: 7 })[0]!, number: '123456' };
    const [l1, l2] = buildMrz(p);
    const mutated = withChar(l2, 3, 'B'); // position 4 is the number's first digit, '1'
    const parsed = parseMrz(l1, mutated);
    expect(parsed?.failedChecks).toEqual(['format:number']);
    expect(parsed?.checksOk).toBe(false);
  });
});

describe('parseMrz never throws', () => {
  it('on anything', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (a, b) => {
        const result = parseMrz(a as string, b as string);
        expect(result === null || typeof result.checksOk === 'boolean').toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('on arbitrary lines of the right shape, and reports checksOk iff nothing failed', () => {
    const mrzChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<<<<<'.split(''));
    const line = fc.array(mrzChar, { minLength: 44, maxLength: 44 }).map((c) => c.join(''));
    fc.assert(
      fc.property(line, line, fc.constantFrom('M', 'F', '<', 'X'), (a, b, sex) => {
        const l1 = `PNRUS${a.slice(5)}`;
        const l2 = `${b.slice(0, 10)}RUS${b.slice(13, 20)}${sex}${b.slice(21)}`;
        const result = parseMrz(l1, l2);
        if (sex === 'M' || sex === 'F') {
          expect(result).not.toBeNull();
          expect(result?.checksOk).toBe(result?.failedChecks.length === 0);
        } else {
          expect(result).toBeNull();
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('on unicode and very long strings', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        (a, b) => {
          expect(() => parseMrz(a, b)).not.toThrow();
          expect(() => parseMrz('x'.repeat(1_000_000), b)).not.toThrow();
        },
      ),
      { numRuns: 100 },
    );
  });
});
