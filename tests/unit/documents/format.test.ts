import { describe, expect, it } from 'vitest';
import {
  dayOrdinal,
  fill,
  formatCalendarDate,
  formatCalendarDateLong,
  formatDateTime,
  formatSeries,
  plural,
} from '../../../electron/core/documents/format';

/** The formatter binds words with no-break spaces and hyphens; spell them plainly to compare. */
const plain = (s: string) => s.replace(/\u00a0/g, ' ').replace(/\u2011/g, '-');

describe('document formatting', () => {
  it('prints instants on Moscow time whatever the machine zone', () => {
    // 21:30 UTC is already the next day in Moscow.
    expect(plain(formatDateTime('ru', '2026-12-31T21:30:00Z'))).toBe('1 января 2027 г. в 00:30');
    expect(plain(formatDateTime('en', '2026-03-14T12:05:00Z'))).toBe('14 March 2026 at 15:05');
    expect(plain(formatDateTime('bg', '2026-03-14T12:05:00Z'))).toBe('14 март 2026 г. в 15:05');
  });

  it('keeps a date, an ordinal and a passport series from breaking across lines', () => {
    expect(formatDateTime('ru', '2026-03-14T12:05:00Z')).not.toMatch(/ /);
    expect(dayOrdinal('ru', 25)).toBe('25\u2011го');
    expect(formatSeries('4509')).toBe('45\u00a009');
  });

  it('prints calendar dates without shifting them through a time zone', () => {
    expect(formatCalendarDate('ru', '2009-06-01')).toBe('01.06.2009');
    expect(formatCalendarDate('en', '2009-06-01')).toBe('01/06/2009');
    expect(plain(formatCalendarDateLong('ru', '2026-01-01'))).toBe('1 января 2026 г.');
    expect(() => formatCalendarDate('ru', '1.6.2009')).toThrow(RangeError);
  });

  it('agrees numbers with their nouns (Russian has three forms)', () => {
    const minutes = { one: 'минуты', few: 'минут', many: 'минут', other: 'минуты' };
    expect([1, 2, 5, 11, 21, 22, 25].map((n) => `${n} ${plural('ru', n, minutes)}`)).toEqual([
      '1 минуты',
      '2 минут',
      '5 минут',
      '11 минут',
      '21 минуты',
      '22 минут',
      '25 минут',
    ]);
    expect(plural('bg', 1, { one: 'ден', other: 'дни' })).toBe('ден');
    expect(plural('bg', 3, { one: 'ден', other: 'дни' })).toBe('дни');
    expect(plural('en', 1, { one: 'day', other: 'days' })).toBe('day');
  });

  it('writes the day of the month as each language writes it', () => {
    expect([1, 2, 3, 20, 25, 31].map((d) => plain(dayOrdinal('ru', d)))).toEqual([
      '1-го',
      '2-го',
      '3-го',
      '20-го',
      '25-го',
      '31-го',
    ]);
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 25].map((d) => dayOrdinal('en', d))).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '25th',
    ]);
    // Bulgarian neuter ordinals, agreeing with "число": първо, второ, трето, четвърто, пето,
    // седмо, осмо, единадесето, двадесет и първо, двадесет и пето…
    expect(
      [1, 2, 3, 4, 5, 7, 8, 11, 20, 21, 25, 28].map((d) => plain(dayOrdinal('bg', d))),
    ).toEqual([
      '1-во',
      '2-ро',
      '3-то',
      '4-то',
      '5-о',
      '7-мо',
      '8-мо',
      '11-о',
      '20-о',
      '21-во',
      '25-о',
      '28-мо',
    ]);
  });

  it('refuses to leave a placeholder unfilled', () => {
    expect(fill('до {date}', { date: '1 мая' })).toBe('до 1 мая');
    expect(() => fill('до {date}', {})).toThrow(/\{date\}/);
  });

  it('prints a passport series the way the passport does', () => {
    expect(plain(formatSeries('4509'))).toBe('45 09');
    expect(plain(formatSeries('45 09'))).toBe('45 09');
  });
});
