// Dates as a Russian clerk types them (ДД.ММ.ГГГГ) and as the back office takes them
// (YYYY-MM-DD). Pure; no time zones except the office's "today".
import { formatIsoDate, isValidYmd } from '../../../shared/domain/dates';

const DISPLAY = /^(\d{2})\.(\d{2})\.(\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `15.03.2010` → `2010-03-15`; anything that is not a real date is returned trimmed. */
export function displayToIso(text: string): string {
  const s = text.trim();
  const m = DISPLAY.exec(s);
  if (!m) return s;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidYmd(y, mo, d) ? formatIsoDate({ y, m: mo, d }) : s;
}

/** `2010-03-15` → `15.03.2010`; other text unchanged. */
export function isoToDisplay(iso: string): string {
  const m = ISO.exec(iso.trim());
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/**
 * What a date field shows while the clerk types: digits get their dots as they come
 * (`1503` → `15.03.`), a doubled dot collapses, a pasted ISO date or eight digits are laid
 * out in full. Deleting works as usual because dots are added only when the text grows.
 */
export function typeDate(next: string, previous: string): string {
  const raw = next.replace(/\s/g, '');
  if (ISO.test(raw)) return isoToDisplay(raw);
  if (/^\d{8}$/.test(raw)) return `${raw.slice(0, 2)}.${raw.slice(2, 4)}.${raw.slice(4)}`;
  const cleaned = raw
    .replace(/[^\d.]/g, '')
    .replace(/\.{2,}/g, '.')
    .slice(0, 10);
  if (cleaned.length > previous.length && /^(\d{2}|\d{2}\.\d{2})$/.test(cleaned)) {
    return `${cleaned}.`;
  }
  return cleaned;
}

/** The office's calendar date: the same day the core judges passports by (Moscow). */
export function todayIso(now: Date = new Date(), timeZone = 'Europe/Moscow'): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
