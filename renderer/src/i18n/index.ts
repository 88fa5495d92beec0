import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import bg from './locales/bg.json';
import en from './locales/en.json';
import ru from './locales/ru.json';

export const LANGUAGES = ['ru', 'en', 'bg'] as const;
export type Lang = (typeof LANGUAGES)[number];

export const resources = {
  ru: { translation: ru },
  en: { translation: en },
  bg: { translation: bg },
} as const;

void i18next.use(initReactI18next).init({
  resources,
  lng: 'ru',
  fallbackLng: 'ru',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function setLanguage(lang: Lang): void {
  void i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}

export default i18next;
