// Russian is the default; English and Bulgarian are complete (tests/unit/i18n/locales.test.ts
// checks that every key exists in all three). Only the `common` namespace (sign-in, errors,
// validation) is bundled with the first screen; the clerk and supervisor namespaces travel
// with their own lazily loaded chunks and register themselves through addNamespace().
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import bg from './locales/bg/common.json';
import en from './locales/en/common.json';
import ru from './locales/ru/common.json';

export const LANGUAGES = ['ru', 'en', 'bg'] as const;
export type Lang = (typeof LANGUAGES)[number];

export type Bundles = Record<Lang, Record<string, unknown>>;

void i18next.use(initReactI18next).init({
  resources: { ru: { common: ru }, en: { common: en }, bg: { common: bg } },
  lng: 'ru',
  fallbackLng: 'ru',
  ns: ['common'],
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
  react: { useSuspense: false },
});

/** Registers a feature's texts in all three languages (called when its chunk loads). */
export function addNamespace(ns: string, bundles: Bundles): void {
  for (const lang of LANGUAGES) {
    if (!i18next.hasResourceBundle(lang, ns)) i18next.addResourceBundle(lang, ns, bundles[lang]);
  }
}

export function isLang(value: string): value is Lang {
  return (LANGUAGES as readonly string[]).includes(value);
}

export function setLanguage(lang: Lang): void {
  void i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}

export default i18next;
