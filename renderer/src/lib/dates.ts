// Dates as a Russian clerk types them (ДД.ММ.ГГГГ) and as the back office takes them
// (YYYY-MM-DD). Pure; no time zones except the office's "today".
import { formatIsoDate, readTypedDate } from '../../../shared/domain/dates';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * What the back office takes: `15.03.2010` (or 1.3.2010, 15-03-2010, 15/03/2010: the shared
 * readTypedDate reads them all) → `2010-03-15`. An impossible day keeps its ISO shape
 * (31.02.2020 → 2020-02-31), so the rules can say there is no such day rather than that the
 * format is wrong; text that is no date is returned trimmed.
 */
export function displayToIso(text: string): string {
  const r = readTypedDate(text);
  if (r.ok) return formatIsoDate(r.date);
  if (r.reason === 'no-such-day') return formatIsoDate(r.parts);
  return text.trim();
}

/** A date as the field should show it once the clerk leaves it: `1.2.2020` → `01.02.2020`. */
export function tidyDisplayDate(text: string): string {
  const r = readTypedDate(text);
  return r.ok ? isoToDisplay(formatIsoDate(r.date)) : text;
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
  // Every separator a paste or a scanner brings becomes the dot (10-08-1991 → 10.08.1991).
  const raw = next.trim().replace(/[\s\u00a0\-\u2010-\u2015/,]+/g, '.');
  if (ISO.test(next.trim())) return isoToDisplay(next.trim());
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
