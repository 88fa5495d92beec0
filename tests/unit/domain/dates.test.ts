import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addYears,
  ageOn,
  compareDates,
  formatIsoDate,
  fromDayNumber,
  parseIsoDate,
  toDayNumber,
} from '../../../shared/domain/dates';
import { isoDateArb, msOf } from './arbitraries';

const d = (iso: string) => {
  const parsed = parseIsoDate(iso);
  if (!parsed) throw new Error(`bad test date ${iso}`);
  return parsed;
};

describe('parseIsoDate', () => {
  it('accepts real calendar days only', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ y: 2024, m: 2, d: 29 });
    expect(parseIsoDate('2000-02-29')).toEqual({ y: 2000, m: 2, d: 29 });
    expect(parseIsoDate('2023-02-29')).toBeNull();
    expect(parseIsoDate('1900-02-29')).toBeNull();
    expect(parseIsoDate('2023-04-31')).toBeNull();
    expect(parseIsoDate('2023-13-01')).toBeNull();
    expect(parseIsoDate('2023-00-10')).toBeNull();
    expect(parseIsoDate('2023-01-00')).toBeNull();
    expect(parseIsoDate('0000-01-01')).toBeNull();
  });

  it('accepts exactly YYYY-MM-DD and nothing that merely looks like it', () => {
    for (const bad of [
      '2023-1-01',
      '23-01-01',
      '2023/01/01',
      '01.02.2023',
      ' 2023-01-01',
      '2023-01-01\n',
      '２０２３-01-01',
      '+2023-01-01',
      '2023-01-01T00:00',
    ]) {
      expect(parseIsoDate(bad), bad).toBeNull();
    }
    for (const notString of [null, undefined, 20230101, {}, ['2023-01-01'], new Date(0)]) {
      expect(parseIsoDate(notString)).toBeNull();
    }
  });

  it('round-trips through formatIsoDate for every valid day (UTC Date as the oracle)', () => {
    fc.assert(
      fc.property(isoDateArb(1, 9999), (iso) => {
        expect(formatIsoDate(d(iso))).toBe(iso);
      }),
    );
  });
});

describe('day arithmetic', () => {
  it('counts days exactly as UTC milliseconds do, so no time zone or DST can shift it', () => {
    fc.assert(
      fc.property(isoDateArb(1000, 9999), isoDateArb(1000, 9999), (a, b) => {
        expect(toDayNumber(d(a)) - toDayNumber(d(b))).toBe((msOf(a) - msOf(b)) / 86_400_000);
        expect(Math.sign(compareDates(d(a), d(b)))).toBe(Math.sign(a.localeCompare(b)));
      }),
    );
  });

  it('fromDayNumber inverts toDayNumber and addDays crosses month and year ends', () => {
    fc.assert(
      fc.property(isoDateArb(1, 9999), (iso) => {
        expect(fromDayNumber(toDayNumber(d(iso)))).toEqual(d(iso));
      }),
    );
    expect(formatIsoDate(addDays(d('2023-12-31'), 1))).toBe('2024-01-01');
    expect(formatIsoDate(addDays(d('2024-02-28'), 1))).toBe('2024-02-29');
    expect(formatIsoDate(addDays(d('2023-02-28'), 1))).toBe('2023-03-01');
    expect(formatIsoDate(addDays(d('2024-03-01'), -1))).toBe('2024-02-29');
    expect(formatIsoDate(addDays(d('1970-01-01'), -1))).toBe('1969-12-31');
  });
});

describe('birthdays and ages', () => {
  it('puts a 29 February birthday on 1 March in common years', () => {
    expect(formatIsoDate(addYears(d('2008-02-29'), 14))).toBe('2022-03-01');
    expect(formatIsoDate(addYears(d('2008-02-29'), 16))).toBe('2024-02-29');
    expect(formatIsoDate(addYears(d('2008-02-28'), 14))).toBe('2022-02-28');
  });

  it('counts full years with the same rule', () => {
    expect(ageOn(d('2008-02-29'), d('2022-02-28'))).toBe(13);
    expect(ageOn(d('2008-02-29'), d('2022-03-01'))).toBe(14);
    expect(ageOn(d('2008-02-29'), d('2024-02-28'))).toBe(15);
    expect(ageOn(d('2008-02-29'), d('2024-02-29'))).toBe(16);
    expect(ageOn(d('1980-06-15'), d('2000-06-14'))).toBe(19);
    expect(ageOn(d('1980-06-15'), d('2000-06-15'))).toBe(20);
  });

  it('turns n on the n-th birthday and not a day earlier', () => {
    fc.assert(
      fc.property(isoDateArb(1900, 2050), fc.integer({ min: 1, max: 100 }), (birth, n) => {
        const birthday = addYears(d(birth), n);
        expect(ageOn(d(birth), birthday)).toBe(n);
        expect(ageOn(d(birth), addDays(birthday, -1))).toBe(n - 1);
      }),
    );
  });
});
