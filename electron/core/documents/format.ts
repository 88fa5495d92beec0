// Locale-aware pieces of text the documents print. Dates are shown on Moscow time whatever the
// workstation's own zone is: the sheet is read by a resident of Moscow, and a clerk machine set
// to UTC must not print "12:05" for a password issued at 15:05.
import { OFFICE_TIME_ZONE as TIME_ZONE } from '../../../shared/domain/office-time';
import type { DocLanguage } from './types';

/** No-break space and hyphen: "2026 г." or "25-го" split over two lines reads as an error. */
export const NBSP = '\u00a0';
const NB_HYPHEN = '\u2011';
const unbreakable = (s: string) => s.replace(/ /g, NBSP);
const LOCALE: Record<DocLanguage, string> = { ru: 'ru-RU', en: 'en-GB', bg: 'bg-BG' };

type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const cache = new Map<string, Intl.DateTimeFormat>();
function dtf(language: DocLanguage, kind: 'dateTime' | 'date' | 'time'): Intl.DateTimeFormat {
  const key = `${language}:${kind}`;
  let f = cache.get(key);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions =
      kind === 'time'
        ? { hour: '2-digit', minute: '2-digit' }
        : kind === 'date'
          ? { day: 'numeric', month: 'long', year: 'numeric' }
          : { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' };
    f = new Intl.DateTimeFormat(LOCALE[language], { ...opts, timeZone: TIME_ZONE });
    cache.set(key, f);
  }
  return f;
}

function instant(iso: string): Date {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new RangeError(`Not an ISO date/time: ${iso}`);
  return d;
}

/** "14 марта 2026 г. в 15:05" — an instant, on Moscow time. */
export function formatDateTime(language: DocLanguage, iso: string): string {
  return unbreakable(dtf(language, 'dateTime').format(instant(iso)));
}

/** "14 марта 2026 г." — the Moscow calendar day of an instant. */
export function formatLongDate(language: DocLanguage, iso: string): string {
  return unbreakable(dtf(language, 'date').format(instant(iso)));
}

/**
 * "14.03.2026" — a calendar date (YYYY-MM-DD) as official forms print it. Built by hand rather
 * than through Intl: a date without a time has no zone, and Intl would shift it by one.
 */
export function formatCalendarDate(language: DocLanguage, ymd: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${ymd}`);
  const [, y, mo, d] = m;
  return language === 'en' ? `${d}/${mo}/${y}` : `${d}.${mo}.${y}`;
}

/** A calendar date in words: "14 марта 2026 г.". */
export function formatCalendarDateLong(language: DocLanguage, ymd: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(ymd)) throw new RangeError(`Not a YYYY-MM-DD date: ${ymd}`);
  // Noon UTC is the same calendar day in Moscow (UTC+3).
  return formatLongDate(language, `${ymd}T12:00:00Z`);
}

const pluralRules = new Map<DocLanguage, Intl.PluralRules>();
/** The word form that goes with a count, from forms keyed by CLDR plural category. */
export function plural(language: DocLanguage, n: number, forms: Plural): string {
  let rules = pluralRules.get(language);
  if (!rules) {
    rules = new Intl.PluralRules(LOCALE[language]);
    pluralRules.set(language, rules);
  }
  return forms[rules.select(n)] ?? forms.other;
}

/**
 * A day of the month as an ordinal, in the form the sentence around it needs: Russian
 * "25-го" (genitive, "не позднее 25-го числа"), English "25th", Bulgarian "25-о" (neuter,
 * agreeing with "число").
 */
export function dayOrdinal(language: DocLanguage, day: number): string {
  if (language === 'ru') return `${day}${NB_HYPHEN}го`;
  if (language === 'en') {
    const mod100 = day % 100;
    if (mod100 >= 11 && mod100 <= 13) return `${day}th`;
    return `${day}${['th', 'st', 'nd', 'rd'][day % 10] ?? 'th'}`;
  }
  const mod100 = day % 100;
  if (mod100 >= 11 && mod100 <= 19) return `${day}${NB_HYPHEN}о`;
  const last = day % 10;
  const suffix =
    last === 1
      ? 'во'
      : last === 2
        ? 'ро'
        : last === 3 || last === 4
          ? 'то'
          : last === 7 || last === 8
            ? 'мо'
            : 'о';
  return `${day}${NB_HYPHEN}${suffix}`;
}

/**
 * Fills `{name}` placeholders. A placeholder without a value throws: a sheet that reads
 * "valid until {date}" is worse than no sheet, and a test catches it before a resident does.
 */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = vars[name];
    if (v === undefined) throw new Error(`Text placeholder {${name}} has no value`);
    return String(v);
  });
}

/** The passport series as it is printed on the passport: "45 09". */
export function formatSeries(series: string): string {
  const s = series.replace(/\s+/g, '');
  return /^\d{4}$/.test(s) ? `${s.slice(0, 2)}${NBSP}${s.slice(2)}` : series;
}
