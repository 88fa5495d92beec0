// The machine-readable zone of the Russian internal passport (DOMAIN.md, "Machine-readable
// zone"; the layout rules were set by the FMS/MVD, now MVD orders No. 851 of 2017 and
// No. 773 of 2020).
//
// What real scans show and DOMAIN.md does not say (checked against the MVD specimen
// published in Smart Engines' SDK reference and other published scans):
// - positions 22–27 (expiry) are fillers and the check digit at 28 is a filler `<` too,
//   not `0`; both are accepted, and buildMrz writes `<` as the passports do;
// - the composite check at 44 covers position 28 as printed (a `<` counts as 0).
//
// Names: the rules say the parts of a double surname (and of a double given name or
// patronymic) are separated by ONE filler, like the given name and the patronymic. So
// `ПЕТРОВ-ВОДКИН` and `ПЕТРОВ ВОДКИН` both become `PETROV<VODKIN`, and the hyphen cannot be
// recovered exactly. parseMrz joins surname parts with `-` (the usual spelling of a double
// surname); identity matching folds hyphens and spaces alike (foldName), so it agrees
// either way.

import { compareDates, addYears, formatIsoDate, isValidYmd, type Ymd } from './dates';
import { PASSPORT_MIN_AGE } from './passport';

export interface MrzPassport {
  surname: string;
  givenName: string;
  patronymic: string;
  series: string;
  number: string;
  birthDate: string;
  issueDate: string;
  departmentCode: string;
  sex: 'M' | 'F';
}

export interface MrzParseResult {
  passport: MrzPassport;
  checksOk: boolean;
  /**
   * Names of failed checks: `number`, `birthDate`, `expiry`, `issue`, `composite` for the
   * check digits at positions 10, 20, 28, 43, 44, and `format:<field>` for a field that
   * does not hold what it must (a letter in the number, 31 February).
   */
  failedChecks: string[];
}

export const MRZ_LINE_LENGTH = 44;
const NAME_FIELD_LENGTH = MRZ_LINE_LENGTH - 5;
const WEIGHTS = [7, 3, 1] as const;

/**
 * The ICAO 9303 check digit: weights 7, 3, 1 repeating; digits count as themselves, `<` as
 * 0, A–Z as 10–35; sum mod 10. Returns -1 if `s` holds any other character, so a stray
 * character can never match a printed digit.
 */
export function mrzCheckDigit(s: string): number {
  if (typeof s !== 'string') return -1;
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    let value: number;
    if (code >= 48 && code <= 57) value = code - 48;
    else if (code >= 65 && code <= 90) value = code - 55;
    else if (code === 60) value = 0;
    else return -1;
    sum += value * (WEIGHTS[i % 3] ?? 0);
  }
  return sum % 10;
}

// DOMAIN.md's table: a one-to-one Russian transliteration, unlike ICAO's, so the scan
// gives back the Cyrillic spelling exactly.
// prettier-ignore
const CYRILLIC_TO_MRZ: Record<string, string> = {
  А: 'A', Б: 'B', В: 'V', Г: 'G', Д: 'D', Е: 'E', Ё: '2', Ж: 'J', З: 'Z', И: 'I', Й: 'Q',
  К: 'K', Л: 'L', М: 'M', Н: 'N', О: 'O', П: 'P', Р: 'R', С: 'S', Т: 'T', У: 'U', Ф: 'F',
  Х: 'H', Ц: 'C', Ч: '3', Ш: '4', Щ: 'W', Ъ: 'X', Ы: 'Y', Ь: '9', Э: '6', Ю: '7', Я: '8',
};

const MRZ_TO_CYRILLIC: Record<string, string> = Object.fromEntries(
  Object.entries(CYRILLIC_TO_MRZ).map(([cyr, mrz]) => [mrz, cyr]),
);

const NAME_SEPARATORS = /^[\s\-‐‑‒–—―]$/;

/**
 * Cyrillic → MRZ characters. Lower case is accepted. Hyphens and spaces become a single
 * `<` (runs collapse); any other character has no MRZ form and is dropped.
 */
export function cyrillicToMrz(s: string): string {
  if (typeof s !== 'string') return '';
  let out = '';
  for (const ch of s.toUpperCase()) {
    const mapped = CYRILLIC_TO_MRZ[ch];
    if (mapped !== undefined) out += mapped;
    else if (NAME_SEPARATORS.test(ch) && out !== '' && !out.endsWith('<')) out += '<';
  }
  return out.endsWith('<') ? out.slice(0, -1) : out;
}

/** MRZ characters → Cyrillic; `<` becomes a space, characters outside the table stay. */
export function mrzToCyrillic(s: string): string {
  if (typeof s !== 'string') return '';
  let out = '';
  for (const ch of s) out += ch === '<' ? ' ' : (MRZ_TO_CYRILLIC[ch] ?? ch);
  return out;
}

const PATRONYMIC_ENDING = /(ВИЧ|ВНА|ИЧНА|ИЧ)$/;

/**
 * The part after `<<` is given name and patronymic separated by one `<`, and compound
 * parts use the same single `<`. When the last word looks like a Slavic patronymic, the
 * words before it are the given name (`АННА<МАРИЯ<ИВАНОВНА`); otherwise the first word is
 * the given name and the rest the patronymic (`ТАЛЕХ<ИЛЬХАМ<ОГЛЫ`).
 */
function splitGivenAndPatronymic(words: string[]): [string, string] {
  if (words.length <= 1) return [words[0] ?? '', ''];
  const last = words[words.length - 1] ?? '';
  if (PATRONYMIC_ENDING.test(last)) return [words.slice(0, -1).join('-'), last];
  return [words[0] ?? '', words.slice(1).join(' ')];
}

function parseNames(field: string): Pick<MrzPassport, 'surname' | 'givenName' | 'patronymic'> {
  const trimmed = field.replace(/<+$/, '');
  const split = trimmed.indexOf('<<');
  const surnamePart = split < 0 ? trimmed : trimmed.slice(0, split);
  const rest = split < 0 ? '' : trimmed.slice(split + 2);
  const words = (part: string) =>
    part
      .split('<')
      .filter((w) => w !== '')
      .map(mrzToCyrillic);
  const [givenName, patronymic] = splitGivenAndPatronymic(words(rest));
  return { surname: words(surnamePart).join('-'), givenName, patronymic };
}

function parseYymmdd(s: string, century: number): Ymd | null {
  if (!/^[0-9]{6}$/.test(s)) return null;
  const y = century + Number(s.slice(0, 2));
  const m = Number(s.slice(2, 4));
  const d = Number(s.slice(4, 6));
  return isValidYmd(y, m, d) ? { y, m, d } : null;
}

/**
 * Issue dates are 20YY: the MRZ is printed only in passports issued since July 2011 (the
 * MVD specimen carries 2004), and a future date must stay future so checkPassport reports
 * it, rather than be read as a 1900s date that hides the error.
 *
 * Birth dates take the latest century that makes the holder at least 14 on the issue date
 * (no passport is issued earlier), so ages 14–113 at issue are read right and a holder
 * born 1999 with a passport issued in 2000 is read as born in 1899. Without a valid issue
 * date there is no reference: 19YY is returned, and the failed issue-date format check
 * already marks the scan as untrustworthy.
 */
function parseBirth(s: string, issue: Ymd | null): Ymd | null {
  if (issue === null) return parseYymmdd(s, 1900) ?? parseYymmdd(s, 2000);
  for (const century of [2000, 1900, 1800]) {
    const birth = parseYymmdd(s, century);
    if (birth !== null && compareDates(addYears(birth, PASSPORT_MIN_AGE), issue) <= 0) return birth;
  }
  // Only a 29 February that no eligible century has gets here (000229 issued before 2014-03-01).
  return null;
}

const MRZ_LINE = /^[A-Z0-9<]{44}$/;

/**
 * Parses the two lines of a Russian internal passport MRZ. Returns null unless the text has
 * that shape: two 44-character lines of `A–Z 0–9 <`, line 1 starting `PNRUS`, `RUS` at
 * 11–13 and the sex `M` or `F` at 21 of line 2. Surrounding whitespace and lower case are
 * tolerated. Field contents are returned even when a check fails, with `checksOk` false.
 */
export function parseMrz(line1: string, line2: string): MrzParseResult | null {
  if (typeof line1 !== 'string' || typeof line2 !== 'string') return null;
  if (line1.length > 200 || line2.length > 200) return null;
  const l1 = line1.trim().toUpperCase();
  const l2 = line2.trim().toUpperCase();
  if (!MRZ_LINE.test(l1) || !MRZ_LINE.test(l2)) return null;
  if (!l1.startsWith('PNRUS') || l2.slice(10, 13) !== 'RUS') return null;
  const sex = l2[20];
  if (sex !== 'M' && sex !== 'F') return null;

  const failedChecks: string[] = [];
  const checkDigit = (name: string, data: string, digit: string) => {
    if (String(mrzCheckDigit(data)) !== digit) failedChecks.push(name);
  };
  const at = (from: number, to: number) => l2.slice(from - 1, to); // 1-based, inclusive

  checkDigit('number', at(1, 9), at(10, 10));
  checkDigit('birthDate', at(14, 19), at(20, 20));
  const expiry = at(22, 27);
  const expiryDigit = at(28, 28);
  if (!(expiry === '<<<<<<' && expiryDigit === '<')) checkDigit('expiry', expiry, expiryDigit);
  checkDigit('issue', at(29, 42), at(43, 43));
  checkDigit('composite', at(1, 10) + at(14, 20) + at(22, 43), at(44, 44));

  const series = at(1, 3) + at(29, 29);
  const number = at(4, 9);
  if (!/^[0-9]{4}$/.test(series)) failedChecks.push('format:series');
  if (!/^[0-9]{6}$/.test(number)) failedChecks.push('format:number');
  const issue = parseYymmdd(at(30, 35), 2000);
  if (issue === null) failedChecks.push('format:issueDate');
  const birth = parseBirth(at(14, 19), issue);
  if (birth === null) failedChecks.push('format:birthDate');
  const department = at(36, 41);
  const departmentOk = /^[0-9]{6}$/.test(department);
  if (!departmentOk) failedChecks.push('format:departmentCode');

  return {
    passport: {
      ...parseNames(l1.slice(5)),
      series,
      number,
      birthDate: birth === null ? '' : formatIsoDate(birth),
      issueDate: issue === null ? '' : formatIsoDate(issue),
      departmentCode: departmentOk
        ? `${department.slice(0, 3)}-${department.slice(3)}`
        : department,
      sex,
    },
    checksOk: failedChecks.length === 0,
    failedChecks,
  };
}

function yymmdd(iso: string, what: string): string {
  const match = /^[0-9]{2}([0-9]{2})-([0-9]{2})-([0-9]{2})$/.exec(iso);
  if (!match) throw new RangeError(`buildMrz: ${what} must be YYYY-MM-DD`);
  return `${match[1]}${match[2]}${match[3]}`;
}

function digits(value: string, count: number, what: string): string {
  const compact = value.replace(/[\s-]/g, '');
  if (!new RegExp(`^[0-9]{${count}}$`).test(compact)) {
    throw new RangeError(`buildMrz: ${what} must be ${count} digits`);
  }
  return compact;
}

/**
 * Builds the two MRZ lines of a passport, as printed: for tests, demo data and the e2e
 * "scanner". Names longer than the 39 places are cut at the 44th character of the line,
 * as the MVD rules do, so only names that fit round-trip through parseMrz. Throws a
 * RangeError on a series, number, date or department code it cannot encode.
 */
export function buildMrz(p: MrzPassport): [string, string] {
  const series = digits(p.series, 4, 'series');
  const number = digits(p.number, 6, 'number');
  const department = digits(p.departmentCode, 6, 'departmentCode');
  const birth = yymmdd(p.birthDate, 'birthDate');
  const issue = yymmdd(p.issueDate, 'issueDate');
  if (p.sex !== 'M' && p.sex !== 'F') throw new RangeError('buildMrz: sex must be M or F');

  const names = `${cyrillicToMrz(p.surname)}<<${cyrillicToMrz(p.givenName)}<${cyrillicToMrz(p.patronymic)}`;
  const line1 = `PNRUS${names.slice(0, NAME_FIELD_LENGTH)}`.padEnd(MRZ_LINE_LENGTH, '<');

  const docNumber = series.slice(0, 3) + number;
  const part1 = docNumber + String(mrzCheckDigit(docNumber));
  const part2 = birth + String(mrzCheckDigit(birth));
  const optional = `${series.slice(3)}${issue}${department}<`;
  const part3 = `<<<<<<<${optional}${mrzCheckDigit(optional)}`;
  const composite = mrzCheckDigit(part1 + part2 + part3);
  const line2 = `${part1}RUS${part2}${p.sex}${part3}${composite}`;
  return [line1, line2];
}
