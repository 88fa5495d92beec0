// The information sheet, read back with poppler: every required field in every language, the
// fonts embedded as subsets, one page whatever the data, nothing outside the printable area.
import { describe, expect, it } from 'vitest';
import {
  renderInfoSheet,
  type DocLanguage,
  type InfoSheetData,
} from '../../../electron/core/documents';
import { dayOrdinal, fill, formatDateTime, plural } from '../../../electron/core/documents/format';
import { displayPortalAddress } from '../../../electron/core/documents/qr';
import { sheetTexts } from '../../../electron/core/documents/texts';
import { demoSheet, EXPECTED_DATES, LONG, longSheet } from './demo-data';
import { imageCount, pageCount, pdfFonts, pdfText, pdfWords, squash } from './poppler';

const LANGS: DocLanguage[] = ['ru', 'en', 'bg'];

/** Every sentence and value the sheet must carry, built from the texts and the data. */
function expectedContent(d: InfoSheetData): string[] {
  const t = sheetTexts(d.language);
  const activeBy = new Date(
    new Date(d.issuedAt).getTime() + d.activationMinutes * 60_000,
  ).toISOString();
  return [
    t.title,
    t.subtitle,
    fill(t.serial, { serial: d.serial }),
    t.portalLabel,
    displayPortalAddress(d.portalUrl),
    t.loginLabel,
    d.login,
    t.passwordLabel,
    d.password,
    t.qrCaption,
    t.separatorNote,
    fill(t.activation, {
      n: d.activationMinutes,
      minutes: plural(d.language, d.activationMinutes, t.minutes),
      at: formatDateTime(d.language, activeBy),
    }),
    fill(t.expires, { at: formatDateTime(d.language, d.expiresAt) }),
    t.firstLogin.heading,
    t.firstLogin.text,
    t.choosing.heading,
    t.choosing.text,
    t.lost.heading,
    t.lost.text,
    t.meters.heading,
    fill(t.meters.text, { day: dayOrdinal(d.language, d.meterDeadlineDay) }),
    t.district.heading,
    fill(t.district.text, { district: d.district }),
    t.delay.heading,
    fill(t.delay.text, { n: d.dataDelayDays, days: plural(d.language, d.dataDelayDays, t.days) }),
    d.office.name,
    d.office.address,
    d.office.phone ?? '',
    d.clerkName,
    formatDateTime(d.language, d.issuedAt),
    d.serial,
  ].filter(Boolean);
}

function expectAllPresent(text: string, expected: string[]): void {
  const hay = squash(text);
  const missing = expected.filter((s) => !hay.includes(squash(s)));
  expect(missing).toEqual([]);
}

/** All words inside the page, at least `margin` points from every edge. */
function expectInsidePage(pdf: Buffer, margin: number): void {
  const { pages, words } = pdfWords(pdf);
  const outside = words.filter((w) => {
    const p = pages[w.page - 1]!;
    return (
      w.xMin < margin || w.yMin < margin || w.xMax > p.width - margin || w.yMax > p.height - margin
    );
  });
  expect(outside).toEqual([]);
}

describe.each(LANGS)('information sheet (%s)', (lang) => {
  it('carries every required field, in this language, on one A4 page', async () => {
    const d = demoSheet(lang);
    const pdf = await renderInfoSheet(d);
    expect(pageCount(pdf)).toBe(1);
    const text = pdfText(pdf);
    expectAllPresent(text, expectedContent(d));
    // The values a resident acts on, spelled out rather than derived:
    const dates = EXPECTED_DATES[lang];
    expectAllPresent(text, [
      dates.issued,
      dates.expires,
      dates.activeBy,
      'lk.example.ru',
      '7712345678',
      'k7m4q-x9t2w',
    ]);
    expect(squash(text)).toContain(
      squash({ ru: '25-го числа', en: 'the 25th of the month', bg: '25-о число' }[lang]),
    );
    expect(squash(text)).toContain(
      squash('2 3 4 5 6 7 8 9 a b c d e f g h j k m n p q r s t u v w x y z'),
    );
    expect(squash(text)).toContain('(0Oo1lIi)');
  });

  it('prints no passport data', async () => {
    const text = pdfText(await renderInfoSheet(demoSheet(lang)));
    // The data has no passport fields; this guards against a later change adding some.
    // Series and number as printed ("45 09 123456" or "4509 123456"), a department code.
    expect(text).not.toMatch(/\b\d{2}\s?\d{2}\s\d{6}\b/);
    expect(text).not.toMatch(/\b\d{3}-\d{3}\b/);
    expect(text.toLowerCase()).not.toMatch(/серия|series|код подразделения|department code/);
  });

  it('embeds PT Sans as subsets, with a Unicode map, and draws the QR code as vectors', async () => {
    const pdf = await renderInfoSheet(demoSheet(lang));
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f).toMatchObject({ embedded: true, subset: true, unicode: true });
      expect(f.name).toMatch(/^[A-Z]{6}\+PTSans-(Regular|Bold)$/);
    }
    expect(imageCount(pdf)).toBe(0);
  });

  it.each([
    ['now', 'A4'],
    ['afterTransfer', 'A4'],
    ['afterTransfer', 'A5'],
  ] as const)(
    'says access %s, with no time promised, on one %s page',
    async (activation, paper) => {
      const t = sheetTexts(lang);
      const text = squash(
        pdfText(await renderInfoSheet({ ...demoSheet(lang, paper), activation })),
      );
      expect(text).toContain(
        squash(activation === 'now' ? t.activationNow : t.activationAfterTransfer),
      );
      expect(text).not.toContain(squash(EXPECTED_DATES[lang].activeBy));
      // The longer sentence still leaves the longest data on one page.
      const long = await renderInfoSheet({ ...longSheet(lang, paper), activation });
      expect(pageCount(long)).toBe(1);
      expectInsidePage(long, paper === 'A4' ? 28 : 18);
    },
  );

  it.each(['A4', 'A5'] as const)(
    'keeps long data whole and inside the page on %s',
    async (paper) => {
      const d = longSheet(lang, paper);
      const pdf = await renderInfoSheet(d);
      expect(pageCount(pdf)).toBe(1);
      expectAllPresent(pdfText(pdf), [
        ...expectedContent(d),
        LONG.office,
        LONG.address,
        LONG.fullName,
      ]);
      expectInsidePage(pdf, paper === 'A4' ? 28 : 18);
    },
  );
});

describe('information sheet paper', () => {
  it('is A4 by default and A5 when asked', async () => {
    const a4 = pdfWords(await renderInfoSheet(demoSheet('ru', 'A4'))).pages[0]!;
    const a5 = pdfWords(await renderInfoSheet(demoSheet('ru', 'A5'))).pages[0]!;
    expect([Math.round(a4.width), Math.round(a4.height)]).toEqual([595, 842]);
    expect([Math.round(a5.width), Math.round(a5.height)]).toEqual([420, 595]);
  });

  it('wraps a password too long for one row rather than cutting it', async () => {
    const d = { ...demoSheet('ru', 'A5'), password: 'k7m4q-x9t2w-abcde-fghjk-mnpqr-stuvw' };
    const pdf = await renderInfoSheet(d);
    expect(pageCount(pdf)).toBe(1);
    // Every character, dashes included: they are part of the password.
    expect(squash(pdfText(pdf))).toContain('k7m4q-x9t2w-abcde-fghjk-mnpqr-stuvw');
    expectInsidePage(pdf, 18);
  });
});
