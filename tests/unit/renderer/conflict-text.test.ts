// The account card and the supervisor's sync tab say what a credential conflict did in the
// reader's language, built from the conflict's facts by one function
// (renderer/src/features/account/conflictText.ts); the English text the core stored is the
// record and the answer only when the facts do not suffice. Times are shown where the
// workstation is (Moscow here), and so is the test of "the same day".
import i18next, { type i18n as I18n } from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConflictFacts } from '../../../shared/schemas/account';
import { conflictText, type Translate } from '../../../renderer/src/features/account/conflictText';
import bgClerk from '../../../renderer/src/i18n/locales/bg/clerk.json';
import enClerk from '../../../renderer/src/i18n/locales/en/clerk.json';
import ruClerk from '../../../renderer/src/i18n/locales/ru/clerk.json';

const LANGS = ['ru', 'en', 'bg'] as const;
type Lang = (typeof LANGS)[number];

let i18n: I18n;
const savedTz = process.env.TZ;
beforeAll(async () => {
  process.env.TZ = 'Europe/Moscow';
  i18n = i18next.createInstance();
  await i18n.init({
    resources: { ru: { clerk: ruClerk }, en: { clerk: enClerk }, bg: { clerk: bgClerk } },
    lng: 'ru',
    // No fallback: a key English or Bulgarian lacks must show here, not hide behind Russian.
    fallbackLng: false,
    ns: ['clerk'],
    defaultNS: 'clerk',
    interpolation: { escapeValue: false },
    initAsync: false,
  });
});
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

const translator = (lang: Lang): Translate => {
  const t = i18n.getFixedT(lang);
  return (key, values) => t(key, values ?? {});
};
const text = (facts: ConflictFacts | null, lang: Lang, fallback: string | null = 'STORED') =>
  conflictText(facts, fallback, translator(lang), lang);

/** 10:02 in office 12 replaced by a reset at 10:03 in office 7, Moscow time. */
const sameDay = (
  side: ConflictFacts['side'],
  kind: 'issue' | 'reset' = 'reset',
): ConflictFacts => ({
  side,
  loserIssuedAt: '2025-06-02T07:02:00.000Z',
  loserOfficeId: '12',
  winnerIssuedAt: '2025-06-02T07:03:00.000Z',
  winnerOfficeId: '7',
  winnerKind: kind,
});

/** 23:58 on 1 June and 00:03 on 2 June in Moscow: one day in UTC, two where they happened. */
const otherDays = (side: ConflictFacts['side']): ConflictFacts => ({
  side,
  loserIssuedAt: '2025-06-01T20:58:00.000Z',
  loserOfficeId: '12',
  winnerIssuedAt: '2025-06-01T21:03:00.000Z',
  winnerOfficeId: '7',
  winnerKind: 'issue',
});

describe('conflict sentence', () => {
  it('tells the losing side, on one day, in three languages', () => {
    expect(text(sameDay('lost'), 'ru')).toBe(
      'Лист, напечатанный в 10:02 в офисе 12, заменён сбросом пароля в 10:03 в офисе 7: пароль с этого листа больше не действует.',
    );
    expect(text(sameDay('lost'), 'en')).toBe(
      'The sheet printed at 10:02 in office 12 was replaced by a password reset at 10:03 in office 7: the password on that sheet no longer works.',
    );
    expect(text(sameDay('lost'), 'bg')).toBe(
      'Листът, отпечатан в 10:02 в офис 12, е заменен с нулиране на паролата в 10:03 в офис 7: паролата от този лист вече не важи.',
    );
    expect(text(sameDay('lost', 'issue'), 'ru')).toBe(
      'Лист, напечатанный в 10:02 в офисе 12, заменён выдачей доступа в 10:03 в офисе 7: пароль с этого листа больше не действует.',
    );
  });

  it('tells the winning side, on one day, in three languages', () => {
    expect(text(sameDay('won'), 'ru')).toBe(
      'Лист, напечатанный в 10:02 в офисе 12, заменён сбросом пароля в 10:03 на этом рабочем месте (офис 7): действует пароль, выданный здесь.',
    );
    expect(text(sameDay('won'), 'en')).toBe(
      'The sheet printed at 10:02 in office 12 was replaced by a password reset at 10:03 at this workstation (office 7): the password issued here is in force.',
    );
    expect(text(sameDay('won'), 'bg')).toBe(
      'Листът, отпечатан в 10:02 в офис 12, е заменен с нулиране на паролата в 10:03 на това работно място (офис 7): важи паролата, предоставена тук.',
    );
  });

  it('shows the dates when the two times fall on different local days', () => {
    expect(text(otherDays('lost'), 'ru')).toBe(
      'Лист, напечатанный 01.06.2025 в 23:58 в офисе 12, заменён выдачей доступа 02.06.2025 в 00:03 в офисе 7: пароль с этого листа больше не действует.',
    );
    expect(text(otherDays('lost'), 'en')).toBe(
      'The sheet printed on 01.06.2025 at 23:58 in office 12 was replaced by an issue of access on 02.06.2025 at 00:03 in office 7: the password on that sheet no longer works.',
    );
    expect(text(otherDays('lost'), 'bg')).toBe(
      'Листът, отпечатан на 1.06.25 г. в 23:58 в офис 12, е заменен с предоставяне на достъп на 2.06.25 г. в 0:03 в офис 7: паролата от този лист вече не важи.',
    );
    expect(text(otherDays('won'), 'ru')).toBe(
      'Лист, напечатанный 01.06.2025 в 23:58 в офисе 12, заменён выдачей доступа 02.06.2025 в 00:03 на этом рабочем месте (офис 7): действует пароль, выданный здесь.',
    );
    expect(text(otherDays('won'), 'en')).toBe(
      'The sheet printed on 01.06.2025 at 23:58 in office 12 was replaced by an issue of access on 02.06.2025 at 00:03 at this workstation (office 7): the password issued here is in force.',
    );
    expect(text(otherDays('won'), 'bg')).toBe(
      'Листът, отпечатан на 1.06.25 г. в 23:58 в офис 12, е заменен с предоставяне на достъп на 2.06.25 г. в 0:03 на това работно място (офис 7): важи паролата, предоставена тук.',
    );
  });

  it('leaves no placeholder or key unfilled in any language, either side, either case', () => {
    for (const lang of LANGS) {
      for (const facts of [sameDay('lost'), sameDay('won'), otherDays('lost'), otherDays('won')]) {
        const out = text(facts, lang);
        expect(out, lang).not.toBe('STORED');
        expect(out, lang).not.toMatch(/\{\{|account\.conflict|undefined/);
      }
    }
  });

  it('shows the stored text when the facts do not suffice', () => {
    expect(text(null, 'ru')).toBe('STORED');
    expect(text(null, 'ru', null)).toBeNull();
    expect(text({ ...sameDay('lost'), winnerKind: null }, 'ru')).toBe('STORED');
    expect(text({ ...sameDay('lost'), loserIssuedAt: 'soon' }, 'en')).toBe('STORED');
  });
});
