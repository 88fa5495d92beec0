// Calendar dates as plain Y/M/D integers. `new Date('2004-02-29')` is UTC midnight but
// `new Date(2004, 1, 29)` is local midnight, and the two disagree across a time-zone or DST
// boundary; a passport rule must give the same answer in the renderer and in the core, on
// any machine, so nothing here touches `Date` at all.

export interface Ymd {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export function isValidYmd(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) &&
    Number.isInteger(m) &&
    Number.isInteger(d) &&
    y >= 1 &&
    y <= 9999 &&
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= daysInMonth(y, m)
  );
}

/** `YYYY-MM-DD`, a real calendar day, year 1–9999; anything else (any type) is null. */
export function parseIsoDate(s: unknown): Ymd | null {
  if (typeof s !== 'string' || s.length !== 10) return null;
  const match = ISO_DATE.exec(s);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  return isValidYmd(y, m, d) ? { y, m, d } : null;
}

export function formatIsoDate(date: Ymd): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(date.y, 4)}-${pad(date.m, 2)}-${pad(date.d, 2)}`;
}

export function compareDates(a: Ymd, b: Ymd): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

/** Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm). */
export function toDayNumber(date: Ymd): number {
  const y = date.m <= 2 ? date.y - 1 : date.y;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (date.m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + date.d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(days: number): Ymd {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return { y, m, d };
}

export function addDays(date: Ymd, days: number): Ymd {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * The same month and day `years` later. 29 February in a year without one becomes
 * 1 March: Russian practice counts someone born on 29 February as reaching an age on
 * 1 March in a common year (the person has not lived the full year on 28 February), so
 * the 14th, 20th and 45th birthdays used by the passport rules fall on 1 March.
 */
export function addYears(date: Ymd, years: number): Ymd {
  const y = date.y + years;
  if (date.m === 2 && date.d === 29 && !isLeapYear(y)) return { y, m: 3, d: 1 };
  return { y, m: date.m, d: date.d };
}

/** Full years lived on `on`, using the same birthday rule as `addYears`. */
export function ageOn(birth: Ymd, on: Ymd): number {
  const years = on.y - birth.y;
  return compareDates(addYears(birth, years), on) > 0 ? years - 1 : years;
}
