// The supervisor's audit log describes each entry in the reader's language from its action and
// data (renderer/src/features/supervisor/audit/describe.ts); the English text the core stored
// stays as it is. These checks keep every action the core can write translated in all three
// languages, with the values of the entry in the sentence, and the stored text as the answer
// whenever the data does not suffice, so no row is ever blank and no passport is ever unmasked.
import i18next, { type i18n as I18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../../shared/audit';
import {
  describeAuditEntry,
  formattersFor,
  type AuditEntryLike,
  type Translate,
} from '../../../renderer/src/features/supervisor/audit/describe';
import bgClerk from '../../../renderer/src/i18n/locales/bg/clerk.json';
import bgCommon from '../../../renderer/src/i18n/locales/bg/common.json';
import bgSupervisor from '../../../renderer/src/i18n/locales/bg/supervisor.json';
import enClerk from '../../../renderer/src/i18n/locales/en/clerk.json';
import enCommon from '../../../renderer/src/i18n/locales/en/common.json';
import enSupervisor from '../../../renderer/src/i18n/locales/en/supervisor.json';
import ruClerk from '../../../renderer/src/i18n/locales/ru/clerk.json';
import ruCommon from '../../../renderer/src/i18n/locales/ru/common.json';
import ruSupervisor from '../../../renderer/src/i18n/locales/ru/supervisor.json';
import { SAMPLES } from './audit-samples';

const LANGS = ['ru', 'en', 'bg'] as const;
type Lang = (typeof LANGS)[number];

const BUNDLES = {
  ru: { supervisor: ruSupervisor, clerk: ruClerk, common: ruCommon },
  en: { supervisor: enSupervisor, clerk: enClerk, common: enCommon },
  bg: { supervisor: bgSupervisor, clerk: bgClerk, common: bgCommon },
} as const;

let i18n: I18n;
beforeAll(async () => {
  i18n = i18next.createInstance();
  await i18n.init({
    resources: BUNDLES,
    lng: 'ru',
    // No fallback: a key English or Bulgarian lacks must show here, not hide behind Russian.
    fallbackLng: false,
    ns: ['supervisor', 'clerk', 'common'],
    defaultNS: 'supervisor',
    interpolation: { escapeValue: false },
    initAsync: false,
  });
});

/** `t` for one language, recording the keys asked for. */
function translator(lang: Lang, asked?: Set<string>): Translate {
  const t = i18n.getFixedT(lang);
  return (key, values) => {
    asked?.add(key);
    return t(key, values ?? {});
  };
}

function describeIn(lang: Lang, entry: AuditEntryLike, asked?: Set<string>) {
  return describeAuditEntry(entry, translator(lang, asked), formattersFor(lang));
}

/** The `audit.describe` object of a language's supervisor file. */
function describeKeys(lang: Lang): Record<string, unknown> {
  return BUNDLES[lang].supervisor.audit.describe;
}

/** Every string under a describe entry (a sentence, or an object of variant sentences). */
function leaves(v: unknown, path = ''): [string, string][] {
  if (typeof v === 'string') return [[path, v]];
  if (v && typeof v === 'object')
    return Object.entries(v).flatMap(([k, x]) => leaves(x, path ? `${path}.${k}` : k));
  return [];
}

const placeholders = (s: string) =>
  [...s.matchAll(/\{\{\s*([^},\s]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

describe('audit log descriptions', () => {
  it.each(LANGS)('%s has a describe key for every action the core writes', (lang) => {
    const keys = describeKeys(lang);
    const missing = AUDIT_ACTIONS.filter((a) => {
      const sentences = leaves(keys[a]);
      return sentences.length === 0 || sentences.some(([, s]) => !s.trim());
    });
    expect(missing).toEqual([]);
    // …and nothing for an action that does not exist.
    expect(
      Object.keys(keys).filter((k) => !(AUDIT_ACTIONS as readonly string[]).includes(k)),
    ).toEqual([]);
  });

  it.each(['en', 'bg'] as const)(
    '%s has the same sentences and placeholders as Russian',
    (lang) => {
      for (const action of AUDIT_ACTIONS) {
        const ru = leaves(describeKeys('ru')[action]);
        const other = new Map(leaves(describeKeys(lang)[action]));
        expect([...other.keys()], action).toEqual(ru.map(([k]) => k));
        for (const [k, s] of ru) {
          expect(placeholders(other.get(k) ?? ''), `${action} ${k}`).toEqual(placeholders(s));
        }
      }
    },
  );

  it('has a sample entry, shaped as the core writes it, for every action', () => {
    const sampled = new Set(SAMPLES.map((s) => s.entry.action));
    expect(AUDIT_ACTIONS.filter((a) => !sampled.has(a))).toEqual([]);
  });

  describe.each(LANGS)('%s', (lang) => {
    it.each(SAMPLES.map((s) => [s.name, s] as const))('%s', (_name, s) => {
      const asked = new Set<string>();
      const d = describeIn(lang, s.entry, asked);
      expect(d.translated).toBe(true);
      expect(d.text).not.toBe(s.entry.text);
      for (const v of s.values(formattersFor(lang))) expect(d.text).toContain(v);
      expect(d.text).not.toMatch(/\{\{|\}\}|\$t\(|undefined|null|NaN|\[object/);
      // A date or value ending a sentence must not leave a doubled full stop (Bulgarian dates
      // end in «г.»).
      expect(d.text).not.toMatch(/(^|[^.])\.\.($|[^.])/);
      // Every key it used exists in this language (no fallback to Russian, no raw key).
      for (const key of asked) expect(i18n.exists(key, { lng: lang }), key).toBe(true);
      expect(asked.size).toBeGreaterThan(0);
      expect(
        asked.has(`supervisor:audit.describe.${s.entry.action}`) ||
          [...asked].some((k) => k.startsWith(`supervisor:audit.describe.${s.entry.action}.`)),
      ).toBe(true);
      if (lang === 'en') {
        // Cyrillic only where the entry's own data has it (a name, a reason).
        const own = s.values(formattersFor(lang)).join(' ');
        const cyr = d.text.match(/\p{Script=Cyrillic}+/gu) ?? [];
        expect(cyr.filter((w) => !own.includes(w))).toEqual([]);
      }
      if (lang !== 'en') expect(d.text).toMatch(/\p{Script=Cyrillic}/u);
    });
  });

  it('reads naturally in Russian: a sign-in and a passport check', () => {
    const find = (name: string) => SAMPLES.find((s) => s.name === name)!.entry;
    expect(describeIn('ru', find('sign-in')).text).toBe('Вход в программу: petrova.');
    expect(describeIn('ru', find('passport check, passed')).text).toBe(
      'Паспорт 45** ****21 прошёл проверку и совпал с данными жителя лицевого счёта. ' +
        'Сверен со списком недействительных паспортов от 07.03.2026.',
    );
    expect(describeIn('ru', find('passport check, on the invalid list')).text).toBe(
      'Паспорт 46** ****03 не прошёл проверку и не совпал ни с одним жителем лицевого счёта. ' +
        'Замечания: есть в списке недействительных паспортов МВД. ' +
        'Сверен со списком недействительных паспортов от 07.03.2026.',
    );
  });

  it('translates enum-like values with the existing keys: approval kinds, outcomes, roles', () => {
    const find = (name: string) => SAMPLES.find((s) => s.name === name)!.entry;
    expect(describeIn('ru', find('approval granted')).text).toContain(
      'предупреждения по паспорту и повторный сброс пароля за короткий срок',
    );
    expect(describeIn('en', find('approval granted')).text).toContain(
      'passport warnings and another password reset within a short time',
    );
    expect(describeIn('ru', find('visit close')).text).toBe('Обращение завершено, итог: отказ.');
    expect(describeIn('bg', find('visit close')).text).toContain('отказано');
    expect(describeIn('ru', find('staff created')).text).toBe(
      'Добавлен сотрудник smirnova, роль: специалист.',
    );
    expect(describeIn('ru', find('settings changed')).text).toBe(
      'Изменены настройки: блокировка экрана при простое, офис и принтер.',
    );
  });

  it('names the system print dialog, not its code, as where a document went', () => {
    const entry = SAMPLES.find((s) => s.name === 'sheet printed through the system dialog')!.entry;
    expect(describeIn('ru', entry).text).toBe(
      `Лист для жителя ${entry.data.serial as string} отправлен на принтер «выбран в системном диалоге печати».`,
    );
    for (const lang of ['en', 'bg'] as const)
      expect(describeIn(lang, entry).text).not.toContain('system-dialog');
  });

  it('falls back to the stored text when the data lacks what the sentence needs', () => {
    for (const action of AUDIT_ACTIONS) {
      const text = `stored text of ${action}`;
      const bare = describeIn('ru', { action, subject: null, data: {}, text });
      expect(bare.text.trim(), action).not.toBe('');
      if (!bare.translated) expect(bare.text, action).toBe(text);
      // Data of the wrong shape never throws out of the function, and never shows blank.
      const odd = describeIn('ru', {
        action,
        subject: null,
        data: { login: 42, kinds: 'x', findings: [{}], changed: [1], loser: 'x', side: 'x' },
        text,
      });
      expect(odd.text.trim(), action).not.toBe('');
    }
    // Actions whose sentence needs nothing from the data are described even so.
    for (const action of ['staff.signOut', 'staff.lock', 'staff.passwordChange'] as const) {
      expect(describeIn('ru', { action, subject: null, data: {}, text: 'x' }).translated).toBe(
        true,
      );
    }
    // An unknown approval kind, outcome or finding: the stored text, not a raw code.
    const granted = SAMPLES.find((s) => s.name === 'approval granted')!.entry;
    const unknown = { ...granted, data: { ...granted.data, kinds: ['something-new'] } };
    expect(describeIn('ru', unknown)).toEqual({ text: granted.text, translated: false });
    const view = SAMPLES.find((s) => s.name === 'account card')!.entry;
    expect(describeIn('ru', { ...view, subject: null })).toEqual({
      text: view.text,
      translated: false,
    });
  });

  it('shows a passport only as masked in the data, never a number in the clear', () => {
    const check = SAMPLES.find((s) => s.name === 'passport check, passed')!.entry;
    for (const passport of ['4509123456', '4509 123456', '45** 123456', '']) {
      const stored = 'Passport 45** ****56 passed the check; matches a resident.';
      const d = describeIn('ru', { ...check, data: { ...check.data, passport }, text: stored });
      expect(d).toEqual({ text: stored, translated: false });
    }
    for (const lang of LANGS) {
      const d = describeIn(lang, check);
      expect(d.text).toContain('45** ****21');
      expect(d.text).not.toMatch(/\d{4} ?\d{6}/);
    }
  });
});
