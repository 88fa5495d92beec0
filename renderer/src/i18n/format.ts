// Dates, times and numbers the local way for the clerk's language. Calendar dates
// (`YYYY-MM-DD`) are shown as they are, never shifted by a time zone; instants are shown in
// the workstation's time zone (the office's).
import { useTranslation } from 'react-i18next';

const LOCALES: Record<string, string> = { ru: 'ru-RU', en: 'en-GB', bg: 'bg-BG' };

export function localeOf(lang: string): string {
  return LOCALES[lang] ?? 'ru-RU';
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function formatDate(value: string | null | undefined, lang: string): string {
  if (!value) return '';
  const match = ISO_DATE.exec(value);
  if (match) {
    const at = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
    return new Intl.DateTimeFormat(localeOf(lang), { timeZone: 'UTC', dateStyle: 'short' })
      .format(at)
      .replace(/\//g, '.');
  }
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return value;
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'short' })
    .format(at)
    .replace(/\//g, '.');
}

export function formatDateTime(value: string | null | undefined, lang: string): string {
  if (!value) return '';
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return value;
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'short', timeStyle: 'short' })
    .format(at)
    .replace(/\//g, '.');
}

export function formatTime(value: string | null | undefined, lang: string): string {
  if (!value) return '';
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return value;
  return new Intl.DateTimeFormat(localeOf(lang), { timeStyle: 'short' }).format(at);
}

export function formatNumber(value: number, lang: string): string {
  return new Intl.NumberFormat(localeOf(lang)).format(value);
}

/** The formatters bound to the current language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return {
    lang,
    date: (v: string | null | undefined) => formatDate(v, lang),
    dateTime: (v: string | null | undefined) => formatDateTime(v, lang),
    time: (v: string | null | undefined) => formatTime(v, lang),
    number: (v: number) => formatNumber(v, lang),
  };
}
