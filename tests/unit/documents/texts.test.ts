// The document texts are a translator's files: these checks keep them complete and consistent.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  consentText,
  consentVersions,
  CURRENT_CONSENT_VERSION,
  DOC_LANGUAGES,
} from '../../../electron/core/documents';
import { sheetTexts } from '../../../electron/core/documents/texts';

const CONSENT_DIR = join(import.meta.dirname, '../../../resources/texts/consent');

/** Every string in a nested object, keyed by its path. */
function leaves(o: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof o === 'string') out.set(path, o);
  else if (o && typeof o === 'object')
    for (const [k, v] of Object.entries(o))
      for (const [p, s] of leaves(v, path ? `${path}.${k}` : k)) out.set(p, s);
  return out;
}
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe.each([
  ['sheet', (l: (typeof DOC_LANGUAGES)[number]) => sheetTexts(l)],
  ['consent', (l: (typeof DOC_LANGUAGES)[number]) => consentText(l)],
] as const)('%s texts', (_name, load) => {
  const ru = leaves(load('ru'));

  it.each(['en', 'bg'] as const)(
    '%s has every Russian key, non-empty, with the same placeholders',
    (lang) => {
      const other = leaves(load(lang));
      for (const [key, text] of ru) {
        if (key === 'language' || key.endsWith('.few') || key.endsWith('.many')) continue;
        expect(other.get(key), key).toBeTruthy();
        expect(placeholders(other.get(key) ?? ''), key).toEqual(placeholders(text));
      }
    },
  );

  it.each(DOC_LANGUAGES)(
    '%s has no stray Latin look-alikes in Cyrillic words or vice versa',
    (lang) => {
      for (const [key, text] of leaves(load(lang))) {
        // A word mixing scripts ("пaспорт" with a Latin a) looks right and searches wrong.
        const mixed = text.match(
          /\p{L}*(?:\p{Script=Latin}\p{Script=Cyrillic}|\p{Script=Cyrillic}\p{Script=Latin})\p{L}*/gu,
        );
        expect(mixed, key).toBeNull();
      }
    },
  );
});

describe('consent text versions', () => {
  it('has one folder per version, each with every language, versioned by its folder name', () => {
    const folders = readdirSync(CONSENT_DIR).sort();
    expect(folders).toEqual([...consentVersions()].sort());
    for (const v of folders) {
      expect(readdirSync(join(CONSENT_DIR, v)).sort()).toEqual(['bg.json', 'en.json', 'ru.json']);
      for (const lang of DOC_LANGUAGES) expect(consentText(lang, v).version).toBe(v);
    }
  });

  it('prints the current version by default and refuses an unknown one', () => {
    expect(consentVersions()).toContain(CURRENT_CONSENT_VERSION);
    expect(consentText('ru').version).toBe(CURRENT_CONSENT_VERSION);
    expect(() => consentText('ru', 'v999')).toThrow(RangeError);
  });

  it('numbers the nine items of 152-FZ art. 9 §4 in order, in every language', () => {
    for (const lang of DOC_LANGUAGES) {
      const s = consentText(lang).sections;
      const numbered = [
        s.subject,
        s.representative,
        s.operator,
        s.purpose,
        s.data,
        s.processors,
        s.actions,
        s.term,
        s.signature,
      ];
      expect(numbered.map((h) => Number(/^(\d)\./.exec(h)?.[1]))).toEqual([
        1, 2, 3, 4, 5, 6, 7, 8, 9,
      ]);
    }
  });
});
