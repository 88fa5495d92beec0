// Calendar days as small integers (days since 1900-01-01) with a precomputed string table:
// the generator formats millions of dates, and `toISOString().slice(0, 10)` per date would
// cost more than generating the rest of the row.

const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(1900, 0, 1);
const LAST_YEAR = 2040;

let strings: string[] | null = null;
const yearStarts: number[] = [];
for (let y = 1900; y <= LAST_YEAR + 1; y++) yearStarts.push((Date.UTC(y, 0, 1) - EPOCH) / DAY_MS);

function table(): string[] {
  if (strings) return strings;
  const out: string[] = [];
  const end = yearStarts[yearStarts.length - 1] ?? 0;
  for (let d = 0; d < end; d++) out.push(new Date(EPOCH + d * DAY_MS).toISOString().slice(0, 10));
  strings = out;
  return out;
}

export function dayOf(iso: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - EPOCH) / DAY_MS);
}

export function isoDay(day: number): string {
  const s = table()[day];
  if (s === undefined) throw new RangeError(`Day ${day} is outside 1900–${LAST_YEAR}.`);
  return s;
}

export function yearStart(year: number): number {
  return yearStarts[year - 1900] ?? 0;
}

export function daysInYear(year: number): number {
  return (yearStarts[year - 1899] ?? 0) - (yearStarts[year - 1900] ?? 0);
}

export function yearOf(day: number): number {
  // Close enough to start the search, then correct by at most one year.
  let y = 1900 + Math.floor(day / 365.2425);
  while (yearStart(y) > day) y--;
  while (yearStart(y + 1) <= day) y++;
  return y;
}
