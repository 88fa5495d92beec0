// The consent form, read back: the nine items of 152-FZ art. 9 §4 filled in, in every
// language, two labelled copies of one page each, and nothing lost to long data.
import { describe, expect, it } from 'vitest';
import {
  consentText,
  CURRENT_CONSENT_VERSION,
  renderConsentForm,
  type ConsentFormData,
  type DocLanguage,
} from '../../../electron/core/documents';
import {
  fill,
  formatCalendarDate,
  formatCalendarDateLong,
  formatSeries,
} from '../../../electron/core/documents/format';
import { demoConsent, LONG, longConsent } from './demo-data';
import { pageCount, pdfFonts, pdfText, pdfWords, squash } from './poppler';

const LANGS: DocLanguage[] = ['ru', 'en', 'bg'];

function passportLine(lang: DocLanguage, d: ConsentFormData['subject']['document']): string {
  return fill(consentText(lang).passport, {
    series: formatSeries(d.series),
    number: d.number,
    issueDate: formatCalendarDate(lang, d.issueDate),
    issuedBy: d.issuedBy,
    departmentCode: d.departmentCode,
  });
}

/** Each of the nine items, as the words that must appear on every copy. */
function nineItems(d: ConsentFormData): string[][] {
  const t = consentText(d.language);
  const rep = d.representative;
  return [
    // 1. the subject: name, address, main identity document (number, date, authority)
    [
      t.sections.subject,
      d.subject.fullName,
      d.subject.address,
      passportLine(d.language, d.subject.document),
    ],
    // 2. the representative with the power of attorney, or a statement that there is none
    rep
      ? [
          t.sections.representative,
          rep.fullName,
          rep.address,
          passportLine(d.language, rep.document),
          fill(t.powerOfAttorney, {
            number: rep.powerOfAttorney.number,
            date: formatCalendarDate(d.language, rep.powerOfAttorney.date),
            issuedBy: rep.powerOfAttorney.issuedBy,
          }),
        ]
      : [t.sections.representative, t.sections.representativeNone],
    // 3. operator
    [t.sections.operator, d.operator.name, d.operator.address],
    // 4. purpose
    [t.sections.purpose, fill(t.purposeText, { payerCode: d.payerCode })],
    // 5. the personal data covered
    [t.sections.data, t.dataText],
    // 6. processors, with names and addresses
    [t.sections.processors, ...d.processors.flatMap((p) => [p.name, p.address, p.role])],
    // 7. actions and methods
    [t.sections.actions, t.actionsText],
    // 8. duration and withdrawal
    [t.sections.term, fill(t.termText, { payerCode: d.payerCode })],
    // 9. signature
    [
      t.sections.signature,
      t.signature.signer,
      t.signature.name,
      t.signature.date,
      rep ? rep.fullName : d.subject.fullName,
    ],
  ];
}

function pageText(pdf: Buffer, page: number): string {
  return squash(pdfText(pdf, { first: page, last: page }));
}

describe.each(LANGS)('consent form (%s)', (lang) => {
  it.each([false, true])(
    'has all nine items on each of two labelled copies (representative: %s)',
    async (rep) => {
      const d = demoConsent(lang, rep);
      const t = consentText(lang);
      const { pdf, textVersion } = await renderConsentForm(d);
      expect(textVersion).toBe(CURRENT_CONSENT_VERSION);
      expect(pageCount(pdf)).toBe(2);
      const copies = [t.copies.subject, t.copies.operator];
      for (const [i, copy] of copies.entries()) {
        const page = pageText(pdf, i + 1);
        expect(page).toContain(squash(copy));
        expect(page).not.toContain(squash(copies[1 - i]!));
        const missing = nineItems(d)
          .flat()
          .filter((s) => !page.includes(squash(s)));
        expect(missing).toEqual([]);
        expect(page).toContain(squash(rep ? t.statementRepresentative : t.statementSelf));
        expect(page).toContain(squash(t.rights));
        expect(page).toContain(squash(d.clerkName));
        expect(page).toContain(squash(formatCalendarDateLong(lang, d.date)));
        expect(page).toContain(squash(`${d.office.name}, ${d.office.address}`));
        expect(page).toContain(
          squash(fill(t.footer, { serial: d.serial, version: t.version, copy, page: 1, pages: 1 })),
        );
      }
    },
  );

  it('embeds its fonts as subsets', async () => {
    const { pdf } = await renderConsentForm(demoConsent(lang, true));
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatchObject({ embedded: true, subset: true, unicode: true });
  });

  it.each([false, true])(
    'keeps long, hyphenated and ё data whole, one page per copy (representative: %s)',
    async (rep) => {
      const d = longConsent(lang, rep);
      const { pdf } = await renderConsentForm(d);
      expect(pageCount(pdf)).toBe(2);
      for (const page of [1, 2]) {
        const text = pageText(pdf, page);
        const missing = [
          ...nineItems(d).flat(),
          LONG.office,
          LONG.address,
          LONG.fullName,
          LONG.issuedBy,
        ].filter((s) => !text.includes(squash(s)));
        expect(missing).toEqual([]);
      }
      const { pages, words } = pdfWords(pdf);
      const outside = words.filter((w) => {
        const p = pages[w.page - 1]!;
        return w.xMin < 28 || w.yMin < 20 || w.xMax > p.width - 28 || w.yMax > p.height - 20;
      });
      expect(outside).toEqual([]);
    },
  );
});

describe('the long address', () => {
  it('is exactly 200 characters and is printed whole, once on each copy', async () => {
    // The limit issue 4 names; the demo data must not drift below it.
    expect([...LONG.address]).toHaveLength(200);
    expect(LONG.address).toHaveLength(200);
    const { pdf } = await renderConsentForm(longConsent('ru', false));
    for (const page of [1, 2]) {
      const text = pageText(pdf, page);
      // Whole: every character in order (wrapping only adds line breaks), and no ellipsis
      // or cut-off tail in its place.
      expect(text).toContain(squash(LONG.address));
      expect(text.split(squash(LONG.address))).toHaveLength(2);
      expect(text).not.toContain('…');
    }
  });
});

describe('consent form overflow', () => {
  it('runs a copy onto a second page rather than cut anything, and says so on every page', async () => {
    const base = longConsent('ru', true);
    const d: ConsentFormData = {
      ...base,
      operator: { name: LONG.office, address: LONG.address },
      office: { name: LONG.office, address: LONG.address },
      processors: Array.from({ length: 8 }, (_, i) => ({
        name: `${LONG.office} № ${i + 1}`,
        address: LONG.address,
        role: 'хранение, резервное копирование и сопровождение базы данных лицевых счетов',
      })),
    };
    const { pdf } = await renderConsentForm(d);
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThan(2);
    expect(pages % 2).toBe(0); // each copy whole, the second starting on its own page
    const t = consentText('ru');
    const all = squash(pdfText(pdf));
    for (const item of nineItems(d).flat()) expect(all).toContain(squash(item));
    const half = pages / 2;
    expect(pageText(pdf, 1)).toContain(squash(`стр. 1 из ${half}`));
    expect(pageText(pdf, half)).toContain(squash(`${t.copies.subject} · стр. ${half} из ${half}`));
    expect(pageText(pdf, half + 1)).toContain(squash(t.copies.operator));
  });
});
