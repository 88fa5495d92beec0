import { describe, expect, it } from 'vitest';
import {
  buildMrz,
  cyrillicToMrz,
  mrzCheckDigit,
  mrzToCyrillic,
  parseMrz,
  type MrzPassport,
} from '../../../shared/domain/mrz';
import { checkPassport } from '../../../shared/domain/passport';

/*
 * The MVD specimen of the internal passport (holder ИМЯРЕК ЕВГЕНИЙ АЛЕКСАНДРОВИЧ, the
 * Russian "so-and-so"), as published by Smart Engines in the Smart IDReader SDK reference:
 * github.com/SmartEngines/SmartIDReader-iOS-SDK, doc/DocumentsReference.md, fields
 * `mrz_line1` / `mrz_line2` of `rus.passport.national` (commit bd073d75). Verified by hand:
 *   10: 1·7+1·3+0… over "110000000"                      = 10  → 0 ✓
 *   20: 8·7+2·3+0·1+9·7+1·3+2·1 over "820912"           = 130 → 0 ✓
 *   43: over "4041217292000<" = 28+0+4+7+6+1+49+6+9+14+0+0+0+0 = 124 → 4 ✓
 *   44: over 1–10, 14–20, 22–43 (position 28 is `<`, counted as 0) = 206 → 6 ✓
 * It shows what DOMAIN.md leaves open: position 28 (check of the empty expiry) is `<`.
 * Three other published scans with the same layout were checked the same way; they are
 * not copied here because they appear to be real people's passports.
 */
const SPECIMEN: [string, string] = [
  'PNRUSIM8REK<<EVGENIQ<ALEKSANDROVI3<<<<<<<<<<',
  '1100000000RUS8209120M<<<<<<<4041217292000<46',
];

const SPECIMEN_PASSPORT: MrzPassport = {
  surname: 'ИМЯРЕК',
  givenName: 'ЕВГЕНИЙ',
  patronymic: 'АЛЕКСАНДРОВИЧ',
  series: '1104',
  number: '000000',
  birthDate: '1982-09-12',
  issueDate: '2004-12-17',
  departmentCode: '292-000',
  sex: 'M',
};

const withChar = (line: string, position: number, ch: string) =>
  line.slice(0, position - 1) + ch + line.slice(position);

describe('mrzCheckDigit', () => {
  it('matches the ICAO 9303 specimen (L898902C36UTO7408122F1204159ZE184226B<<<<<10)', () => {
    expect(mrzCheckDigit('L898902C3')).toBe(6);
    expect(mrzCheckDigit('740812')).toBe(2);
    expect(mrzCheckDigit('120415')).toBe(9);
    expect(mrzCheckDigit('ZE184226B<<<<<')).toBe(1);
  });

  it('counts < as 0 and refuses characters outside the MRZ alphabet', () => {
    expect(mrzCheckDigit('')).toBe(0);
    expect(mrzCheckDigit('<<<<<<')).toBe(0);
    expect(mrzCheckDigit('A')).toBe(0); // 10·7 = 70
    expect(mrzCheckDigit('Z')).toBe(5); // 35·7 = 245
    expect(mrzCheckDigit('1a')).toBe(-1);
    expect(mrzCheckDigit('12 3')).toBe(-1);
    expect(mrzCheckDigit('Ж')).toBe(-1);
  });
});

describe('transliteration', () => {
  const ALPHABET = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ';

  it('follows the DOMAIN.md table letter by letter', () => {
    expect(cyrillicToMrz(ALPHABET)).toBe('ABVGDE2JZIQKLMNOPRSTUFHC34WXY9678');
  });

  it('is one-to-one, so every letter comes back, Ё and Е kept apart', () => {
    expect(mrzToCyrillic(cyrillicToMrz(ALPHABET))).toBe(ALPHABET);
    expect(mrzToCyrillic(cyrillicToMrz(ALPHABET.toLowerCase()))).toBe(ALPHABET);
    expect(cyrillicToMrz('Ёлкин')).not.toBe(cyrillicToMrz('Елкин'));
  });

  it('writes hyphens and spaces as one filler and drops what has no MRZ form', () => {
    expect(cyrillicToMrz('Петров-Водкин')).toBe('PETROV<VODKIN');
    expect(cyrillicToMrz('Петров – Водкин')).toBe('PETROV<VODKIN');
    expect(cyrillicToMrz(" д'Артаньян ")).toBe('DARTAN98N');
    expect(mrzToCyrillic('PETROV<VODKIN')).toBe('ПЕТРОВ ВОДКИН');
  });
});

describe('parseMrz on the published specimen', () => {
  it('reads every field, names back in Cyrillic, checks passing', () => {
    expect(parseMrz(...SPECIMEN)).toEqual({
      passport: SPECIMEN_PASSPORT,
      checksOk: true,
      failedChecks: [],
    });
  });

  it('is reproduced byte for byte by buildMrz', () => {
    expect(buildMrz(SPECIMEN_PASSPORT)).toEqual(SPECIMEN);
  });

  it('tolerates lower case and surrounding whitespace', () => {
    const parsed = parseMrz(` ${SPECIMEN[0].toLowerCase()}\r\n`, `${SPECIMEN[1].toLowerCase()}  `);
    expect(parsed?.passport).toEqual(SPECIMEN_PASSPORT);
    expect(parsed?.checksOk).toBe(true);
  });

  it('also accepts 0 as the check of the empty expiry, and nothing else there', () => {
    // '<' and '0' are both worth 0 in the composite, so the line stays consistent.
    expect(parseMrz(SPECIMEN[0], withChar(SPECIMEN[1], 28, '0'))?.checksOk).toBe(true);
    const bad = parseMrz(SPECIMEN[0], withChar(SPECIMEN[1], 28, '5'));
    expect(bad?.failedChecks).toEqual(['expiry', 'composite']);
  });

  it('names the check that failed', () => {
    expect(parseMrz(SPECIMEN[0], withChar(SPECIMEN[1], 5, '7'))?.failedChecks).toEqual([
      'number',
      'composite',
    ]);
    expect(parseMrz(SPECIMEN[0], withChar(SPECIMEN[1], 19, '3'))?.failedChecks).toEqual([
      'birthDate',
      'composite',
    ]);
    expect(parseMrz(SPECIMEN[0], withChar(SPECIMEN[1], 37, '8'))?.failedChecks).toEqual([
      'issue',
      'composite',
    ]);
    expect(parseMrz(SPECIMEN[0], withChar(SPECIMEN[1], 44, '7'))?.failedChecks).toEqual([
      'composite',
    ]);
  });
});

describe('parseMrz shape', () => {
  it.each([
    ['foreign-travel passport', 'P<RUSIVANOV<<IVAN<<<<<<<<<<<<<<<<<<<<<<<<<<<', SPECIMEN[1]],
    ['line 1 too short', SPECIMEN[0].slice(0, 43), SPECIMEN[1]],
    ['line 2 too long', SPECIMEN[0], `${SPECIMEN[1]}<`],
    ['not RUS in line 2', SPECIMEN[0], withChar(SPECIMEN[1], 12, 'K')],
    ['no sex', SPECIMEN[0], withChar(SPECIMEN[1], 21, '<')],
    ['a Cyrillic letter', withChar(SPECIMEN[0], 8, 'М'), SPECIMEN[1]],
    ['a space inside', withChar(SPECIMEN[0], 12, ' '), SPECIMEN[1]],
  ])('is null for %s', (_what, l1, l2) => {
    expect(parseMrz(l1, l2)).toBeNull();
  });

  it('is null for non-strings', () => {
    expect(parseMrz(null as unknown as string, SPECIMEN[1])).toBeNull();
    expect(parseMrz(SPECIMEN[0], 42 as unknown as string)).toBeNull();
  });

  it('returns the fields but fails a letter in the number or an impossible date', () => {
    // O for 0 is the classic OCR slip; O = 24 and 24·7 ≡ 8 (mod 10), so the check sees it.
    const ocr = parseMrz(SPECIMEN[0], withChar(SPECIMEN[1], 5, 'O'));
    expect(ocr?.checksOk).toBe(false);
    expect(ocr?.failedChecks).toEqual(['number', 'composite', 'format:number']);
  });

  it('reports a month 13 birth date as a format failure even with consistent check digits', () => {
    const p = { ...SPECIMEN_PASSPORT, birthDate: '1982-09-12' };
    const [l1, l2] = buildMrz(p);
    const forged = withChar(withChar(l2, 16, '1'), 17, '3'); // 821312
    const digit20 = String(mrzCheckDigit(forged.slice(13, 19)));
    const fixed = withChar(forged, 20, digit20);
    const composite = String(
      mrzCheckDigit(fixed.slice(0, 10) + fixed.slice(13, 20) + fixed.slice(21, 43)),
    );
    const parsed = parseMrz(l1, withChar(fixed, 44, composite));
    expect(parsed?.failedChecks).toEqual(['format:birthDate']);
    expect(parsed?.passport.birthDate).toBe('');
  });
});

describe('names', () => {
  const base = SPECIMEN_PASSPORT;
  const roundTrip = (names: Partial<MrzPassport>) => {
    const lines = buildMrz({ ...base, ...names });
    return { lines, parsed: parseMrz(...lines)?.passport };
  };

  it('writes a double surname with one filler and reads it back hyphenated', () => {
    const { lines, parsed } = roundTrip({
      surname: 'Римская-Корсакова',
      givenName: 'Софья',
      patronymic: 'Андреевна',
    });
    expect(lines[0]).toBe('PNRUSRIMSKA8<KORSAKOVA<<SOF98<ANDREEVNA'.padEnd(44, '<'));
    expect(parsed).toMatchObject({
      surname: 'РИМСКАЯ-КОРСАКОВА',
      givenName: 'СОФЬЯ',
      patronymic: 'АНДРЕЕВНА',
    });
  });

  it('keeps Ё, Й, Щ, Ъ, Ь exactly', () => {
    const { parsed } = roundTrip({
      surname: 'Щёкин',
      givenName: 'Йоханнес',
      patronymic: 'Подъячевич',
    });
    expect(parsed).toMatchObject({
      surname: 'ЩЁКИН',
      givenName: 'ЙОХАННЕС',
      patronymic: 'ПОДЪЯЧЕВИЧ',
    });
  });

  it('tells a double given name from a patronymic by the patronymic ending', () => {
    expect(roundTrip({ givenName: 'Анна-Мария', patronymic: 'Ивановна' }).parsed).toMatchObject({
      givenName: 'АННА-МАРИЯ',
      patronymic: 'ИВАНОВНА',
    });
    // Turkic patronymics are two words: the second is not a given name.
    expect(roundTrip({ givenName: 'Талех', patronymic: 'Ильхам Оглы' }).parsed).toMatchObject({
      givenName: 'ТАЛЕХ',
      patronymic: 'ИЛЬХАМ ОГЛЫ',
    });
  });

  it('handles a missing patronymic', () => {
    const { lines, parsed } = roundTrip({ surname: 'Смит', givenName: 'Джон', patronymic: '' });
    expect(lines[0]).toBe('PNRUSSMIT<<DJON<<<<<<<<<<<<<<<<<<<<<<<<<<<<<');
    expect(parsed).toMatchObject({ surname: 'СМИТ', givenName: 'ДЖОН', patronymic: '' });
  });

  it('cuts a long name at the 44th character of the line, as the MVD rules do', () => {
    const { lines, parsed } = roundTrip({
      surname: 'Константинопольская',
      givenName: 'Александра',
      patronymic: 'Владиславовна',
    });
    expect(lines[0]).toHaveLength(44);
    expect(lines[0]).toBe('PNRUSKONSTANTINOPOL9SKA8<<ALEKSANDRA<VLADISL');
    expect(parsed?.patronymic).toBe('ВЛАДИСЛ');
  });
});

describe('two-digit years', () => {
  const withDates = (birthDate: string, issueDate: string) =>
    parseMrz(
      ...buildMrz({
        ...SPECIMEN_PASSPORT,
        birthDate,
        issueDate,
        series: `11${issueDate.slice(2, 4)}`,
      }),
    )?.passport;

  it('reads a birth year as the century that makes the holder at least 14 at issue', () => {
    expect(withDates('2005-01-01', '2019-06-01')?.birthDate).toBe('2005-01-01');
    expect(withDates('1999-01-01', '2013-01-01')?.birthDate).toBe('1999-01-01');
    // Born 2005 would make this holder 13: the only reading that is a passport is 1905.
    expect(withDates('1905-01-01', '2018-12-31')?.birthDate).toBe('1905-01-01');
    expect(withDates('2000-02-29', '2014-03-01')?.birthDate).toBe('2000-02-29');
    // Born 1999 cannot hold a passport issued in 2000; 1899 (aged 100) can.
    expect(withDates('1899-12-31', '2000-01-01')?.birthDate).toBe('1899-12-31');
  });

  it('reads every issue year as 20YY, so a future one is caught rather than hidden', () => {
    const p = withDates('1980-01-01', '2099-12-31');
    expect(p?.issueDate).toBe('2099-12-31');
    const found = checkPassport({ ...p }, '2025-01-01').findings.map((f) => f.code);
    expect(found).toContain('ISSUE_DATE_IN_FUTURE');
  });

  it('gives a parsed passport that checkPassport accepts', () => {
    const p = parseMrz(...SPECIMEN)?.passport;
    // The specimen (born 1982, issued 2004 at 22, series year 04) is valid until 45 + 90 days.
    expect(checkPassport(p, '2027-12-11')).toEqual({ ok: true, findings: [] });
    expect(checkPassport(p, '2027-12-12').findings.map((f) => f.code)).toEqual(['EXPIRED_AT_45']);
  });
});

describe('buildMrz', () => {
  it('refuses what it cannot encode instead of printing a broken line', () => {
    expect(() => buildMrz({ ...SPECIMEN_PASSPORT, series: '110' })).toThrow(RangeError);
    expect(() => buildMrz({ ...SPECIMEN_PASSPORT, number: '12345x' })).toThrow(RangeError);
    expect(() => buildMrz({ ...SPECIMEN_PASSPORT, birthDate: '12.09.1982' })).toThrow(RangeError);
    expect(() => buildMrz({ ...SPECIMEN_PASSPORT, departmentCode: '29-000' })).toThrow(RangeError);
    expect(() => buildMrz({ ...SPECIMEN_PASSPORT, sex: 'X' as 'M' })).toThrow(RangeError);
  });
});
