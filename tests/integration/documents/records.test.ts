// The personal-data records read back (docs/personal-data.md): the act of destruction with
// every field Roskomnadzor Order No. 179 asks for, its log extract, and the subject report,
// in every language, in the documents' fonts, and a long act flowing onto more pages with
// every page numbered.
import { describe, expect, it } from 'vitest';
import recordsBg from '../../../resources/texts/records/bg.json' with { type: 'json' };
import recordsEn from '../../../resources/texts/records/en.json' with { type: 'json' };
import recordsRu from '../../../resources/texts/records/ru.json' with { type: 'json' };
import type { DocLanguage } from '../../../electron/core/documents';
import {
  renderDestructionAct,
  renderLogExtract,
  renderSubjectReport,
} from '../../../electron/core/documents/records';
import { demoAct, demoExtract, demoSubjectReport } from './demo-data';
import { pageCount, pdfFonts, pdfText, squash } from './poppler';

const LANGS: DocLanguage[] = ['ru', 'en', 'bg'];
const TEXTS = { ru: recordsRu, en: recordsEn, bg: recordsBg };
/** The text up to its first placeholder: what must be on the page whatever is filled in. */
const head = (s: string) => s.split('{')[0]!.trim();

describe.each(LANGS)('records in %s', (lang) => {
  const t = TEXTS[lang];

  it('the act holds the operator, the subject, categories, system, reason, date, method and persons', async () => {
    const d = demoAct(lang);
    const pdf = await renderDestructionAct(d);
    const text = squash(pdfText(pdf));
    const must = [
      t.act.title,
      d.serial,
      d.operator.name,
      d.operator.address,
      d.subject.fullName,
      ...Object.values(t.act.sections),
      t.categories.passport,
      t.categories.representative,
      head(t.act.system),
      'Access Desk',
      'ws-2f1c9a70',
      head(t.reasons.withdrawn),
      t.act.method,
      t.act.trigger.supervisor,
      t.act.roles.supervisor,
      'Петрова Анна Сергеевна',
      'Начальник отдела защиты информации',
      'Соколова Ирина Викторовна',
      '45** ****56',
    ];
    for (const s of must) expect(text, s).toContain(squash(s));
    expect(pageCount(pdf)).toBe(1);
    expect(pdfFonts(pdf).every((f) => /PTSans/.test(f.name) && f.embedded)).toBe(true);
  });

  it('the extract holds the same facts, from the chain, with each entry hashed', async () => {
    const d = demoExtract(lang);
    const text = squash(pdfText(await renderLogExtract(d)));
    for (const s of [
      t.extract.title,
      d.serial,
      d.subject.fullName,
      t.extract.actions['consent.record'],
      t.extract.actions['consent.withdraw'],
      t.extract.actions['passport.check'],
      t.extract.actions['personalData.destroy'],
      t.reasonsShort.withdrawn,
      t.extract.details.method,
      t.categories.representative,
      'Соколова Ирина Викторовна',
      ...d.entries.map((e) => e.hash),
    ])
      expect(text, s).toContain(squash(s));
  });

  it('the subject report lists each record it is given, destroyed details said so', async () => {
    const d = demoSubjectReport(lang);
    const text = squash(pdfText(await renderSubjectReport(d)));
    for (const s of [
      t.report.title,
      d.subject.fullName,
      d.subject.payerCode,
      ...Object.values(t.report.sections),
      head(t.report.checkDestroyed.replace('{checkedAt}: ', '')),
      t.report.revokeReasons['consent-withdrawn'],
      t.report.visitKinds.issue,
      'MSK012-2026-D000007',
      '45** ****56',
    ])
      expect(text, s).toContain(squash(s));
  });
});

it('a long act runs onto more pages, every one numbered, nothing lost', async () => {
  const d = demoAct('ru');
  d.records = Array.from({ length: 90 }, (_, i) => ({
    kind: 'check' as const,
    checkedAt: new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString(),
    passport: `45** ****${String(i).padStart(2, '0')}`,
  }));
  const pdf = await renderDestructionAct(d);
  const pages = pageCount(pdf);
  expect(pages).toBeGreaterThan(1);
  for (let p = 1; p <= pages; p++)
    expect(squash(pdfText(pdf, { first: p, last: p }))).toContain(squash(`стр. ${p} из ${pages}`));
  const text = squash(pdfText(pdf));
  for (let i = 0; i < 90; i++)
    expect(text).toContain(squash(`45** ****${String(i).padStart(2, '0')}`));
  expect(text).toContain(squash('Соколова Ирина Викторовна'));
});
