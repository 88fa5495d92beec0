// The office's clock: the one place that says which calendar day it is at the counter. The
// core judges passports, dates consents and counts retention by it; the renderer pre-fills
// dates with it; the documents print their times in its zone. A clerk machine set to UTC must
// not move a 01:30 visit to the day before.

/** Where every counter of the centre stands. */
export const OFFICE_TIME_ZONE = 'Europe/Moscow';

/** The office's calendar date (`YYYY-MM-DD`) at `at`. */
export function officeDate(at: Date = new Date(), timeZone = OFFICE_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
