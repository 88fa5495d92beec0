// The renderer's locale files are a translator's files. Russian is the source; these checks
// keep English and Bulgarian complete (same keys, same order, same placeholders) and actually
// translated (not a copy of the Russian text), so issue 5's "English and Bulgarian complete"
// cannot quietly regress when someone adds a key to ru only.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/errors';

const LOCALES = join(import.meta.dirname, '../../../renderer/src/i18n/locales');
const SOURCE = 'ru';
const TARGETS = ['en', 'bg'] as const;
type Target = (typeof TARGETS)[number];

/** Every namespace Russian has; a new namespace is checked without touching this file. */
const NAMESPACES = readdirSync(join(LOCALES, SOURCE))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();

/**
 * A translation may equal the Russian text only when it is made of words both languages spell
 * the same (a Bulgarian label such as «Паспорт», «Дата», «Причина»; names like "Access Desk"
 * or "TLS"), or when it is one of the keys listed below. Anything else identical to Russian is
 * an untranslated copy. Placeholders, digits and punctuation are not words: "{{name}}
 * ({{role}})" is always allowed.
 */
const SHARED_WORDS: Record<Target, string[]> = {
  en: ['access', 'desk', 'tls'],
  bg: [
    ...['access', 'desk', 'tls', 'mrz'],
    ...['адрес', 'версия', 'вход', 'дата', 'действие', 'действия', 'жители', 'журнал', 'и'],
    ...['назад', 'настройки', 'неизвестно', 'номер', 'описание', 'операция', 'офис'],
    ...['акт', 'паспорт', 'порт', 'предупреждение', 'принтер', 'причина', 'серия', 'система'],
    ...['синхронизация', 'специалист', 'статус', 'улица', 'фамилия', 'готов'],
    // the date pattern the clerk types: Bulgarian writes ДД.ММ.ГГГГ too
    ...['дд', 'мм', 'гггг'],
  ],
};

/** Keys that stay as in Russian for a reason other than shared spelling. */
const SAME_AS_RU: Record<Target, Record<string, Record<string, string>>> = {
  en: {
    supervisor: {
      'settings.languages.ru': 'a language is named in its own language',
      'settings.languages.en': 'a language is named in its own language',
      'settings.languages.bg': 'a language is named in its own language',
    },
  },
  bg: {
    supervisor: {
      'settings.languages.ru': 'a language is named in its own language',
      'settings.languages.en': 'a language is named in its own language',
      'settings.languages.bg': 'a language is named in its own language',
    },
  },
};

/** English keys that must show Cyrillic: samples the clerk types as printed in Russian. */
const CYRILLIC_IN_EN: Record<string, string[]> = {
  clerk: ['visit.passport.issuedByHint'],
  supervisor: ['settings.languages.ru', 'settings.languages.bg'],
};

/** Bulgarian keys that may contain letters Bulgarian does not have (ы, э, ё): none so far. */
const RUSSIAN_LETTERS_IN_BG: Record<string, string[]> = {};

const PLURAL = /_(zero|one|two|few|many|other)$/;

function load(lang: string, ns: string): unknown {
  return JSON.parse(readFileSync(join(LOCALES, lang, `${ns}.json`), 'utf8')) as unknown;
}

/** Every string in a nested object, keyed by its dotted path, in file order. */
function leaves(o: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof o === 'string') out.set(path, o);
  else if (o && typeof o === 'object')
    for (const [k, v] of Object.entries(o))
      for (const [p, s] of leaves(v, path ? `${path}.${k}` : k)) out.set(p, s);
  return out;
}

const base = (key: string) => key.replace(PLURAL, '');

/** Base keys in file order, each once. */
function baseKeys(strings: Map<string, string>): string[] {
  return [...new Set([...strings.keys()].map(base))];
}

/** The plural suffixes present for each pluralised base key. */
function pluralForms(strings: Map<string, string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const key of strings.keys()) {
    const m = PLURAL.exec(key);
    if (!m?.[1]) continue;
    const b = base(key);
    out.set(b, (out.get(b) ?? new Set()).add(m[1]));
  }
  return out;
}

/** Interpolation names ({{name}}, {{value, format}}) and nestings ($t(key)) in a text. */
function placeholders(text: string): string[] {
  const names = [...text.matchAll(/\{\{\s*-?\s*([^},]+?)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]);
  const nested = [...text.matchAll(/\$t\(([^)]+)\)/g)].map((m) => `$t(${m[1]})`);
  return [...names, ...nested].filter((n): n is string => !!n);
}

/** Placeholders per base key, over all its plural forms (English "one" may omit {{count}}). */
function placeholdersByBase(strings: Map<string, string>): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const [key, text] of strings) {
    const b = base(key);
    const set = out.get(b) ?? new Set<string>();
    for (const p of placeholders(text)) set.add(p);
    out.set(b, set);
  }
  return new Map([...out].map(([k, v]) => [k, [...v].sort()]));
}

/** The words of a text, lower-cased, placeholders left out. */
const words = (text: string) =>
  text
    .replace(/\{\{[^}]*\}\}/g, ' ')
    .toLowerCase()
    .match(/\p{L}+/gu) ?? [];

const CYRILLIC = /\p{Script=Cyrillic}/u;
const NOT_BULGARIAN = /[ыэёЫЭЁ]/;

describe('renderer locales', () => {
  it('Russian has the namespaces the app loads', () => {
    expect(NAMESPACES).toEqual(['clerk', 'common', 'supervisor']);
    for (const lang of TARGETS) {
      const files = readdirSync(join(LOCALES, lang)).filter((f) => f.endsWith('.json'));
      expect(files.sort(), lang).toEqual(NAMESPACES.map((ns) => `${ns}.json`));
    }
  });

  it('every error code the core can answer with has a text in every language', () => {
    for (const lang of [SOURCE, ...TARGETS]) {
      const common = leaves(load(lang, 'common'));
      const missing = ERROR_CODES.filter((code) => !common.get(`errors.${code}`)?.trim());
      expect(missing, lang).toEqual([]);
    }
  });

  describe.each(NAMESPACES)('%s', (ns) => {
    const ru = leaves(load(SOURCE, ns));

    it('Russian uses the plural forms Russian needs', () => {
      const needed = new Intl.PluralRules(SOURCE).resolvedOptions().pluralCategories;
      for (const [key, forms] of pluralForms(ru)) {
        expect([...forms].sort(), key).toEqual(expect.arrayContaining([...needed]));
      }
    });

    describe.each(TARGETS)('%s', (lang) => {
      const target = leaves(load(lang, ns));
      const sameAllowed = SAME_AS_RU[lang][ns] ?? {};
      const shared = new Set(SHARED_WORDS[lang]);

      it('has exactly the keys of Russian, in the same order', () => {
        expect(baseKeys(target)).toEqual(baseKeys(ru));
      });

      it(`has the plural forms ${lang} needs for every pluralised key`, () => {
        const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
        const allowed = new Set<string>([...needed, 'zero']);
        for (const [key, forms] of pluralForms(target)) {
          expect([...forms].sort(), key).toEqual(expect.arrayContaining([...needed]));
          expect(
            [...forms].filter((f) => !allowed.has(f)),
            key,
          ).toEqual([]);
        }
      });

      it('keeps every placeholder of the Russian text', () => {
        const want = placeholdersByBase(ru);
        const got = placeholdersByBase(target);
        const wrong = [...want]
          .filter(([key, names]) => JSON.stringify(got.get(key)) !== JSON.stringify(names))
          .map(
            ([key, names]) => `${key}: ru ${names.join(' ')} / ${lang} ${got.get(key)?.join(' ')}`,
          );
        expect(wrong).toEqual([]);
      });

      it('has no empty texts', () => {
        expect([...target].filter(([, text]) => !text.trim()).map(([key]) => key)).toEqual([]);
      });

      it('is translated: no text is a copy of the Russian one', () => {
        const copies = [...target]
          .filter(([key, text]) => ru.get(key) === text)
          .filter(([key]) => !(base(key) in sameAllowed))
          .filter(([, text]) => !words(text).every((w) => shared.has(w)))
          .map(([key]) => key);
        expect(copies).toEqual([]);
      });

      it('lists in its allow-list only keys that exist and really equal Russian', () => {
        const stale = Object.keys(sameAllowed).filter(
          (key) => !target.has(key) || target.get(key) !== ru.get(key),
        );
        expect(stale).toEqual([]);
      });

      if (lang === 'en') {
        it('lists in its Cyrillic allow-list only keys that really show Cyrillic', () => {
          const stale = (CYRILLIC_IN_EN[ns] ?? []).filter(
            (key) => !CYRILLIC.test(target.get(key) ?? ''),
          );
          expect(stale).toEqual([]);
        });

        it('has no Cyrillic except the listed samples', () => {
          const allowed = new Set(CYRILLIC_IN_EN[ns] ?? []);
          const cyrillic = [...target]
            .filter(([key, text]) => CYRILLIC.test(text) && !allowed.has(base(key)))
            .map(([key, text]) => `${key}: ${text}`);
          expect(cyrillic).toEqual([]);
        });
      }

      if (lang === 'bg') {
        it('has no Russian-only letters (ы, э, ё) except the listed samples', () => {
          const allowed = new Set(RUSSIAN_LETTERS_IN_BG[ns] ?? []);
          const russian = [...target]
            .filter(([key, text]) => NOT_BULGARIAN.test(text) && !allowed.has(base(key)))
            .map(([key, text]) => `${key}: ${text}`);
          expect(russian).toEqual([]);
        });
      }
    });
  });
});
