import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkPassport,
  PASSPORT_SEVERITY,
  type PassportFindingCode,
  type PassportInput,
} from '../../../shared/domain/passport';
import { readTypedDate } from '../../../shared/domain/dates';
import { birthdayMs, deadlineMs, isoDateArb, isoOf, validPassportArb } from './arbitraries';

const KNOWN_CODES = new Set(Object.keys(PASSPORT_SEVERITY));
const codesOf = (p: unknown, today: string): PassportFindingCode[] =>
  checkPassport(p, today).findings.map((f) => f.code);

const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(
    '4509',
    '45 09',
    '123456',
    '770-001',
    '1980-03-10',
    '2023-02-29',
    '\u0000',
    '\uFEFF4509',
    '𝟒𝟓𝟎𝟗',
  ),
);

describe('checkPassport never throws', () => {
  it('on anything at all, and keeps ok consistent with its findings', () => {
    fc.assert(
      fc.property(fc.anything(), fc.oneof(fc.anything(), isoDateArb(1990, 2040)), (p, today) => {
        const result = checkPassport(p, today as string);
        for (const f of result.findings) {
          expect(KNOWN_CODES.has(f.code)).toBe(true);
          expect(f.severity).toBe(PASSPORT_SEVERITY[f.code]);
        }
        if (result.findings.some((f) => f.severity === 'error')) expect(result.ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('on passport-shaped objects with arbitrary Unicode in every field', () => {
    const field = fc.oneof(anyText, fc.anything());
    fc.assert(
      fc.property(
        fc.record({
          series: field,
          number: field,
          issueDate: field,
          departmentCode: field,
          birthDate: field,
        }),
        isoDateArb(1990, 2040),
        (p, today) => {
          const result = checkPassport(p, today);
          // With a valid `today`, ok is exactly "no error finding".
          expect(result.ok).toBe(!result.findings.some((f) => f.severity === 'error'));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('on very long strings', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 5_000, maxLength: 20_000 }), (s) => {
        const result = checkPassport(
          { series: s, number: s, issueDate: s, departmentCode: s, birthDate: s },
          s,
        );
        expect(result.ok).toBe(false);
      }),
      { numRuns: 20 },
    );
  });
});

describe('valid passports', () => {
  it('are accepted with no findings, whichever way series and number are typed', () => {
    fc.assert(
      fc.property(validPassportArb, ({ passport, today }) => {
        expect(checkPassport(passport, today)).toEqual({ ok: true, findings: [] });
      }),
      { numRuns: 1000 },
    );
  });
});

// Characters a clerk or a scanner could put where a digit belongs: letters that look like
// digits (O, З, б), other scripts' digits, punctuation.
const nonDigit = fc.oneof(
  fc.constantFrom('O', 'o', 'l', 'I', 'З', 'б', '-', '.', '/', '_', '０', '٣', '𝟓', '½', '\u0000'),
  fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }).filter((c) => !/[0-9\s]/.test(c)),
);
const digit = fc.constantFrom(...'0123456789'.split(''));

type Mutation = { kind: 'replace' | 'delete' | 'insert'; at: number; ch: string };
const mutationArb = (length: number): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc.record({
      kind: fc.constant('replace' as const),
      at: fc.nat({ max: length - 1 }),
      ch: nonDigit,
    }),
    fc.record({
      kind: fc.constant('delete' as const),
      at: fc.nat({ max: length - 1 }),
      ch: fc.constant(''),
    }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat({ max: length }), ch: digit }),
  );

function mutate(value: string, m: Mutation): string {
  // Mutate the digits, not the spaces the generator may have typed between them.
  const digits = value.replace(/\s/g, '');
  const tail = m.kind === 'insert' ? digits.slice(m.at) : digits.slice(m.at + 1);
  return digits.slice(0, m.at) + m.ch + tail;
}

describe('single-character mutations', () => {
  const cases: Array<[keyof PassportInput, number, PassportFindingCode]> = [
    ['series', 4, 'SERIES_FORMAT'],
    ['number', 6, 'NUMBER_FORMAT'],
  ];
  for (const [field, length, code] of cases) {
    it(`of the ${field} are caught by ${code}, and by nothing else`, () => {
      fc.assert(
        fc.property(validPassportArb, mutationArb(length), ({ passport, today }, m) => {
          const mutated = { ...passport, [field]: mutate(passport[field], m) };
          const result = checkPassport(mutated, today);
          expect(result.ok).toBe(false);
          expect(result.findings).toEqual([{ code, severity: 'error', field }]);
        }),
        { numRuns: 1000 },
      );
    });
  }

  it('of a date into a non-date yield only that date’s format finding', () => {
    fc.assert(
      fc.property(validPassportArb, anyText, fc.boolean(), ({ passport, today }, junk, birth) => {
        const read = readTypedDate(junk);
        fc.pre(!read.ok && read.reason === 'unreadable');
        const field = birth ? 'birthDate' : 'issueDate';
        expect(codesOf({ ...passport, [field]: junk }, today)).toEqual([
          birth ? 'BIRTH_DATE_FORMAT' : 'ISSUE_DATE_FORMAT',
        ]);
      }),
    );
  });
});

describe('replacement deadlines against an independent calculation', () => {
  it('report EXPIRED_AT_20 exactly from the 91st day after the 20th birthday', () => {
    fc.assert(
      fc.property(
        isoDateArb(1940, 2000),
        fc.integer({ min: 0, max: 6 * 365 - 1 }),
        fc.integer({ min: -5, max: 5 }),
        (birth, issuedAfter14, offset) => {
          const issueMs = birthdayMs(birth, 14) + issuedAfter14 * 86_400_000;
          fc.pre(issueMs < birthdayMs(birth, 20));
          const issue = isoOf(issueMs);
          const today = isoOf(deadlineMs(birth, 20) + offset * 86_400_000);
          const series = `45${issue.slice(2, 4)}`;
          const found = codesOf(
            {
              series,
              number: '123456',
              departmentCode: '770-001',
              birthDate: birth,
              issueDate: issue,
            },
            today,
          );
          expect(found).toEqual(offset > 0 ? ['EXPIRED_AT_20'] : []);
        },
      ),
    );
  });
});

describe('series year warning against a naive oracle', () => {
  it('warns iff no year ending in the series digits lies within 3 years of the issue year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), isoDateArb(1997, 2090), (yy, issue) => {
        const issueYear = Number(issue.slice(0, 4));
        const candidates = [1900, 2000, 2100].map((c) => c + yy);
        const near = candidates.some((y) => Math.abs(y - issueYear) <= 3);
        const series = `77${String(yy).padStart(2, '0')}`;
        const found = codesOf(
          {
            series,
            number: '123456',
            departmentCode: '770-001',
            birthDate: '1930-01-01',
            issueDate: issue,
          },
          issue,
        );
        expect(found.includes('SERIES_YEAR_MISMATCH')).toBe(!near);
      }),
    );
  });
});
