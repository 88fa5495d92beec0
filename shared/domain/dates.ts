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

/**
 * The separators a date or a document number may come with, typed, pasted from an office
 * document or read by a scanner: spaces (no-break too), hyphens and dashes, dots, slashes,
 * commas, underscores. One list, for every field that is digits in groups.
 */
export const SEPARATORS = /[\s\u00a0\-\u2010-\u2015\u2212._,/\\]+/g;

export type TypedDate =
  | { ok: true; date: Ymd }
  /** The shape of a date, but no such day (31.02.2020, month 13): its parts as typed. */
  | { ok: false; reason: 'no-such-day'; parts: Ymd }
  | { ok: false; reason: 'unreadable' };

/**
 * A date as a Russian clerk types or pastes it: day, month, year in that order with any of
 * the SEPARATORS (15.03.2010, 1.3.2010, 15-03-2010, 15/03/2010, 15 03 2010), eight digits
 * (15032010), or ISO order (2010-03-15). Tells an impossible day from text that is no date.
 */
export function readTypedDate(text: unknown): TypedDate {
  if (typeof text !== 'string' || text.length > 40) return { ok: false, reason: 'unreadable' };
  const s = text.trim();
  let parts: Ymd | null = null;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const eight = /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  const groups = s.split(SEPARATORS).filter((g) => g !== '');
  if (iso) parts = { y: Number(iso[1]), m: Number(iso[2]), d: Number(iso[3]) };
  else if (eight) parts = { y: Number(eight[3]), m: Number(eight[2]), d: Number(eight[1]) };
  else if (
    groups.length === 3 &&
    /^\d{1,2}$/.test(groups[0]!) &&
    /^\d{1,2}$/.test(groups[1]!) &&
    /^\d{4}$/.test(groups[2]!)
  )
    parts = { y: Number(groups[2]), m: Number(groups[1]), d: Number(groups[0]) };
  if (!parts) return { ok: false, reason: 'unreadable' };
  return isValidYmd(parts.y, parts.m, parts.d)
    ? { ok: true, date: parts }
    : { ok: false, reason: 'no-such-day', parts };
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
