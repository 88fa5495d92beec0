import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMrz } from '../../../shared/domain/mrz';
import { parseScan } from '../../../shared/domain/scan';
import { mrzPassportArb } from './arbitraries';
import { typedWithRussianLayout, withCapsLock } from './keyboard';

const KINDS = ['bill', 'mrz', 'payerCode', 'unknown'];
const printable = fc.constantFrom(
  ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)),
);
const printableString = (max: number) => fc.string({ unit: printable, maxLength: max });

describe('parseScan never throws', () => {
  it('on anything', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        expect(KINDS).toContain(parseScan(x).kind);
      }),
      { numRuns: 500 },
    );
  });

  it('on arbitrary Unicode, including text that starts like a scan', () => {
    const prefix = fc.constantFrom(
      '',
      'ST00012|',
      'ST00011',
      'PNRUS',
      'ЫЕ00012/',
      'зткгы',
      '7700001111',
    );
    fc.assert(
      fc.property(
        prefix,
        fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })),
        (p, s) => {
          expect(KINDS).toContain(parseScan(p + s).kind);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('on long input', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 3_000, maxLength: 6_000 }), (s) => {
        expect(KINDS).toContain(parseScan(`ST00012|${s}`).kind);
      }),
      { numRuns: 20 },
    );
  });
});

// Keys and values as the GOST allows them: no separator inside, keys without '='.
const keyArb = fc
  .stringMatching(/^[A-Za-z][A-Za-z0-9]{0,11}$/)
  .filter((k) => k.toLowerCase() !== 'persacc');
const valueArb = (sep: string) =>
  fc.string({ maxLength: 30 }).map((v) => v.split(sep).join('').trim());

describe('bill QR', () => {
  it('returns every pair for any separator, and the payer code only from PersAcc', () => {
    const sepArb = fc.constantFrom('|', '#', ';', '~', '^', '!', '\t', '№', '¦');
    fc.assert(
      fc.property(
        sepArb,
        fc.constantFrom('1', '2', '3'),
        fc.uniqueArray(keyArb, { maxLength: 8 }),
        fc.option(fc.stringMatching(/^[0-9]{1,20}$/), { nil: undefined }),
        fc.nat(),
        (sep, flag, keys, persAcc, seed) => {
          const pairs: Array<[string, string]> = keys.map((k, i) => [
            k,
            fc.sample(valueArb(sep), { numRuns: 1, seed: seed + i })[0] ?? '',
          ]);
          if (persAcc !== undefined)
            pairs.splice(seed % (pairs.length + 1), 0, ['PersAcc', persAcc]);
          // PersonalAcc is always there and always looks like an account: it must not leak.
          pairs.push(['PersonalAcc', '40702810938000000001']);
          const text = `ST0001${flag}${sep}${pairs.map(([k, v]) => `${k}=${v}`).join(sep)}`;
          const scan = parseScan(text);
          expect(scan).toEqual({
            kind: 'bill',
            payerCode: persAcc ?? null,
            fields: Object.fromEntries(pairs),
          });
        },
      ),
    );
  });

  it('reads exactly the same under the Russian layout, with or without Caps Lock', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('1', '2', '3'),
        printableString(120),
        fc.boolean(),
        (flag, rest, caps) => {
          const original = `ST0001${flag}${rest}`;
          const typed = typedWithRussianLayout(original);
          expect(parseScan(caps ? withCapsLock(typed) : typed)).toEqual(parseScan(original));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('reads exactly the same with Caps Lock on under the Latin layout', () => {
    fc.assert(
      fc.property(fc.constantFrom('1', '2', '3'), printableString(120), (flag, rest) => {
        const original = `ST0001${flag}${rest}`;
        expect(parseScan(withCapsLock(original))).toEqual(parseScan(original));
      }),
      { numRuns: 500 },
    );
  });
});

describe('passport MRZ scans', () => {
  it('are read whatever separates the lines, in any case and any layout', () => {
    fc.assert(
      fc.property(
        mrzPassportArb,
        fc.constantFrom('', '\n', '\r\n', ' ', '\t', '\r'),
        fc.constantFrom('', '\n', '\r\n', '  '),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (p, between, after, lower, russian, caps) => {
          const [l1, l2] = buildMrz(p);
          let text = `${l1}${between}${l2}${after}`;
          if (lower) text = text.toLowerCase();
          if (russian) text = typedWithRussianLayout(text);
          if (caps) text = withCapsLock(text);
          expect(parseScan(text)).toEqual({ kind: 'mrz', passport: p, checksOk: true });
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('bare payer codes', () => {
  it('are any 10 digits with surrounding whitespace, and never 9 or 11', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{9,11}$/),
        fc.constantFrom('', ' ', '\n', '\r\n', '\t'),
        (digits, ws) => {
          const scan = parseScan(`${ws}${digits}${ws}`);
          expect(scan).toEqual(
            digits.length === 10 ? { kind: 'payerCode', payerCode: digits } : { kind: 'unknown' },
          );
        },
      ),
    );
  });
});
