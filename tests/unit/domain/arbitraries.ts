// Generators shared by the domain property tests. Date arithmetic here goes through
// Date (UTC) on purpose, not through shared/domain/dates.ts, so the tests check the rules
// against an independent calculation. utcMs(y, 2, 29) in a common year rolls over to
// 1 March, which is also the birthday rule the passport checks document.
import fc from 'fast-check';
import type { MrzPassport } from '../../../shared/domain/mrz';
import type { PassportInput } from '../../../shared/domain/passport';

const DAY_MS = 86_400_000;

/** Date.UTC without its quirk of reading years 0–99 as 1900–1999. */
export function utcMs(y: number, m: number, d: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return t.getTime();
}

export function isoOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function msOf(iso: string): number {
  return utcMs(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

/** The `years`-th birthday of someone born on `birthIso`, as UTC midnight. */
export function birthdayMs(birthIso: string, years: number): number {
  const y = Number(birthIso.slice(0, 4));
  return utcMs(y + years, Number(birthIso.slice(5, 7)), Number(birthIso.slice(8, 10)));
}

export function deadlineMs(birthIso: string, years: number): number {
  return birthdayMs(birthIso, years) + 90 * DAY_MS;
}

export const isoDateArb = (minYear: number, maxYear: number): fc.Arbitrary<string> =>
  fc
    .integer({ min: utcMs(minYear, 1, 1) / DAY_MS, max: utcMs(maxYear, 12, 31) / DAY_MS })
    .map((day) => isoOf(day * DAY_MS));

/** Any day in [fromMs, toMs], both UTC midnights. */
const dayBetween = (fromMs: number, toMs: number): fc.Arbitrary<string> =>
  fc.integer({ min: fromMs / DAY_MS, max: toMs / DAY_MS }).map((day) => isoOf(day * DAY_MS));

const digitsArb = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

export interface ValidCase {
  passport: PassportInput;
  today: string;
}

/**
 * A passport that is valid on `today`: issued on or after the 14th birthday, and on or
 * after the last replacement birthday whose grace period is already over; the year in the
 * series within 3 years of the issue year. Series and number come typed in either way.
 */
export const validPassportArb: fc.Arbitrary<ValidCase> = fc
  .record({
    birth: isoDateArb(1930, 2010),
    todayOffsetDays: fc.integer({ min: 0, max: 90 * 365 }),
  })
  .filter(
    ({ birth, todayOffsetDays }) =>
      birthdayMs(birth, 14) + todayOffsetDays * DAY_MS < utcMs(2100, 1, 1),
  )
  .chain(({ birth, todayOffsetDays }) => {
    const todayMs = birthdayMs(birth, 14) + todayOffsetDays * DAY_MS;
    let earliest = birthdayMs(birth, 14);
    if (todayMs > deadlineMs(birth, 20)) earliest = birthdayMs(birth, 20);
    if (todayMs > deadlineMs(birth, 45)) earliest = birthdayMs(birth, 45);
    return fc.record({
      birth: fc.constant(birth),
      today: fc.constant(isoOf(todayMs)),
      issue: dayBetween(earliest, todayMs),
      region: digitsArb(2),
      yearSkew: fc.integer({ min: -3, max: 3 }),
      number: digitsArb(6),
      department: digitsArb(6),
      spacedSeries: fc.boolean(),
      spacedNumber: fc.boolean(),
      hyphenatedDepartment: fc.boolean(),
    });
  })
  .map((c) => {
    const printedYear = String(
      (((Number(c.issue.slice(0, 4)) + c.yearSkew) % 100) + 100) % 100,
    ).padStart(2, '0');
    const series = c.region + printedYear;
    return {
      today: c.today,
      passport: {
        series: c.spacedSeries ? `${series.slice(0, 2)} ${series.slice(2)}` : series,
        number: c.spacedNumber ? `${c.number.slice(0, 3)} ${c.number.slice(3)}` : c.number,
        departmentCode: c.hyphenatedDepartment
          ? `${c.department.slice(0, 3)}-${c.department.slice(3)}`
          : c.department,
        birthDate: c.birth,
        issueDate: c.issue,
      },
    };
  });

// Every letter of the alphabet, with the ones the ICAO transliteration would lose
// (Ё Й Щ Ъ Ь) weighted up so they show up in most runs.
const ALPHABET = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ';
const letterArb = fc.oneof(
  fc.constantFrom(...ALPHABET.split('')),
  fc.constantFrom('Ё', 'Й', 'Щ', 'Ъ', 'Ь'),
);
const wordArb = (min: number, max: number) =>
  fc.array(letterArb, { minLength: min, maxLength: max }).map((l) => l.join(''));
// Words that do not end like a patronymic, so a two-word given name stays unambiguous.
const givenWordArb = wordArb(2, 7).filter((w) => !/(ВИЧ|ВНА|ИЧНА|ИЧ)$/.test(w));

export const mrzNamesArb = fc
  .record({
    surname: fc.array(wordArb(1, 9), { minLength: 1, maxLength: 2 }).map((w) => w.join('-')),
    given: fc.array(givenWordArb, { minLength: 1, maxLength: 2 }),
    patronymic: fc.oneof(
      fc.constant(''),
      fc
        .tuple(wordArb(2, 6), fc.constantFrom('ОВИЧ', 'ЕВИЧ', 'ОВНА', 'ЕВНА', 'ИЧНА', 'ИЧ'))
        .map(([s, e]) => s + e),
    ),
  })
  // A two-word given name without a patronymic reads as name + patronymic: see mrz.ts.
  .filter((n) => n.given.length === 1 || n.patronymic !== '')
  .map((n) => ({ surname: n.surname, givenName: n.given.join('-'), patronymic: n.patronymic }))
  // Only names that fit in the 39 places of line 1 come back whole.
  .filter((n) => n.surname.length + 2 + n.givenName.length + 1 + n.patronymic.length <= 39);

/** Passports as parseMrz returns them: issued 2000–2099 to a holder aged 14–113. */
export const mrzPassportArb: fc.Arbitrary<MrzPassport> = fc
  .record({
    names: mrzNamesArb,
    issue: isoDateArb(2000, 2099),
    ageDays: fc.integer({ min: 0, max: 99 * 365 }),
    series: digitsArb(4),
    number: digitsArb(6),
    department: digitsArb(6),
    sex: fc.constantFrom('M' as const, 'F' as const),
  })
  .map((c) => {
    // The latest birth date that makes the holder 14 on the issue date. utcMs rolls an
    // issue on 29 Feb into 1 March of the (common) year 14 years back; a holder born then
    // would still be 13, so step back to 28 Feb.
    const [y, m, d] = [
      Number(c.issue.slice(0, 4)),
      Number(c.issue.slice(5, 7)),
      Number(c.issue.slice(8, 10)),
    ];
    const rolled = utcMs(y - 14, m, d);
    const latestBirth = isoOf(rolled).slice(5) === c.issue.slice(5) ? rolled : rolled - DAY_MS;
    return {
      ...c.names,
      series: c.series,
      number: c.number,
      birthDate: isoOf(latestBirth - c.ageDays * DAY_MS),
      issueDate: c.issue,
      departmentCode: `${c.department.slice(0, 3)}-${c.department.slice(3)}`,
      sex: c.sex,
    };
  });
