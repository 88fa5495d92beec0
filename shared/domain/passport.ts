// Checks of a Russian internal passport as the clerk types it (DOMAIN.md, "Passport
// rules"). Runs on every keystroke in the renderer and again in the core before a visit
// step commits, so it is pure, total and cheap: it never throws, whatever it is given.

import {
  addDays,
  addYears,
  compareDates,
  formatIsoDate,
  parseIsoDate,
  readTypedDate,
  SEPARATORS,
  type Ymd,
} from './dates';

export type FindingSeverity = 'error' | 'warning';

export type PassportFindingCode =
  | 'SERIES_FORMAT'
  | 'NUMBER_FORMAT'
  | 'DEPARTMENT_CODE_FORMAT'
  | 'BIRTH_DATE_FORMAT'
  | 'ISSUE_DATE_FORMAT'
  | 'BIRTH_DATE_NO_SUCH_DAY'
  | 'ISSUE_DATE_NO_SUCH_DAY'
  | 'BIRTH_DATE_IN_FUTURE'
  | 'ISSUE_DATE_IN_FUTURE'
  | 'ISSUE_BEFORE_BIRTH'
  | 'ISSUED_BEFORE_14'
  | 'EXPIRED_AT_20'
  | 'EXPIRED_AT_45'
  | 'SERIES_YEAR_MISMATCH'
  // Added by the core after looking the passport up in the MVD list, never by checkPassport.
  | 'INVALID_PASSPORT_LIST'
  | 'PASSPORT_LIST_MISSING';

export type PassportField = 'series' | 'number' | 'departmentCode' | 'birthDate' | 'issueDate';

export interface PassportFinding {
  code: PassportFindingCode;
  severity: FindingSeverity;
  field?: PassportField;
}

export interface PassportInput {
  series: string;
  number: string;
  issueDate: string;
  departmentCode: string;
  birthDate: string;
}

export interface PassportCheck {
  ok: boolean;
  findings: PassportFinding[];
}

/** Errors stop the visit; warnings need a supervisor's approval with a reason. */
export const PASSPORT_SEVERITY: Record<PassportFindingCode, FindingSeverity> = {
  SERIES_FORMAT: 'error',
  NUMBER_FORMAT: 'error',
  DEPARTMENT_CODE_FORMAT: 'error',
  BIRTH_DATE_FORMAT: 'error',
  ISSUE_DATE_FORMAT: 'error',
  BIRTH_DATE_NO_SUCH_DAY: 'error',
  ISSUE_DATE_NO_SUCH_DAY: 'error',
  BIRTH_DATE_IN_FUTURE: 'error',
  ISSUE_DATE_IN_FUTURE: 'error',
  ISSUE_BEFORE_BIRTH: 'error',
  ISSUED_BEFORE_14: 'error',
  EXPIRED_AT_20: 'error',
  EXPIRED_AT_45: 'error',
  SERIES_YEAR_MISMATCH: 'warning',
  INVALID_PASSPORT_LIST: 'error',
  // Without the list the check cannot be done; a supervisor decides whether to go on.
  PASSPORT_LIST_MISSING: 'warning',
};

export const PASSPORT_MIN_AGE = 14;
/** A passport must be replaced at these ages; the old one stays valid for a grace period. */
export const PASSPORT_REPLACEMENT_AGES = [20, 45] as const;
export const PASSPORT_REPLACEMENT_GRACE_DAYS = 90;
/** How far the year printed in the series may be from the issue year without a warning. */
export const SERIES_YEAR_TOLERANCE = 3;

// Nothing a clerk types is this long; refusing early keeps a pasted megabyte cheap.
const MAX_FIELD_LENGTH = 64;
/** The digits of a field typed in groups, whatever separated them (dates.ts SEPARATORS). */
function digitsOnly(raw: string | null, count: number): string | null {
  if (raw === null || raw.length > MAX_FIELD_LENGTH) return null;
  const compact = raw.replace(SEPARATORS, '');
  return compact.length === count && /^[0-9]+$/.test(compact) ? compact : null;
}

function parseSeries(raw: string | null): string | null {
  return digitsOnly(raw, 4);
}

function parseNumber(raw: string | null): string | null {
  return digitsOnly(raw, 6);
}

/** `NNN-NNN`, typed with any separator or none (770-001, 770 001, 770001, 770–001). */
function parseDepartmentCode(raw: string | null): string | null {
  const digits = digitsOnly(raw, 6);
  return digits ? `${digits.slice(0, 3)}-${digits.slice(3)}` : null;
}

type DateReading = { date: Ymd } | { finding: 'FORMAT' | 'NO_SUCH_DAY' };

function readDate(raw: string | null): DateReading {
  const r = readTypedDate(raw);
  if (r.ok) return { date: r.date };
  return { finding: r.reason === 'no-such-day' ? 'NO_SUCH_DAY' : 'FORMAT' };
}

/** Reads a field of an untrusted value; a throwing getter or proxy counts as absent. */
function readString(value: unknown, key: keyof PassportInput): string | null {
  try {
    if (typeof value !== 'object' || value === null) return null;
    const field: unknown = (value as Record<string, unknown>)[key];
    return typeof field === 'string' ? field : null;
  } catch {
    return null;
  }
}

function finding(code: PassportFindingCode, field?: PassportField): PassportFinding {
  const result: PassportFinding = { code, severity: PASSPORT_SEVERITY[code] };
  if (field !== undefined) result.field = field;
  return result;
}

/**
 * Whether the year printed on the blank (last two digits of the series) is within
 * tolerance of the issue year. Only two digits are printed, so the distance is taken
 * round the century: series `97` issued in 1999 is 2 years off, series `01` issued in
 * 2002 is 1 year off, series `99` issued in 2001 is 2 years off (printed in 1999).
 */
export function seriesYearMatches(series: string, issueYear: number): boolean {
  const printed = Number(series.slice(2, 4));
  if (!Number.isInteger(printed) || series.length !== 4) return false;
  const diff = (((issueYear - printed) % 100) + 100) % 100;
  return Math.min(diff, 100 - diff) <= SERIES_YEAR_TOLERANCE;
}

/**
 * The last day a passport issued before the replacement birthday at `age` is still valid:
 * that birthday plus the grace period (29 February birthdays fall on 1 March, see addYears).
 */
export function replacementDeadline(birth: Ymd, age: number): Ymd {
  return addDays(addYears(birth, age), PASSPORT_REPLACEMENT_GRACE_DAYS);
}

const EXPIRY_CODES: Record<(typeof PASSPORT_REPLACEMENT_AGES)[number], PassportFindingCode> = {
  20: 'EXPIRED_AT_20',
  45: 'EXPIRED_AT_45',
};

/**
 * Checks a passport as typed against the rules in DOMAIN.md on the day `today`
 * (`YYYY-MM-DD`, the office's local date).
 *
 * A field in the wrong format yields only its format finding: rules that depend on it are
 * skipped rather than reported on a guess. Only the first replacement the passport missed
 * is reported (a passport issued at 16 and shown at 50 is EXPIRED_AT_20, not both).
 *
 * `ok` is false iff an error finding is present, or `today` itself is not a valid date:
 * that is the caller's bug, never the clerk's, and a check that cannot tell whether the
 * passport has expired must not pass it.
 */
export function checkPassport(p: unknown, today: string): PassportCheck {
  const findings: PassportFinding[] = [];

  const series = parseSeries(readString(p, 'series'));
  if (series === null) findings.push(finding('SERIES_FORMAT', 'series'));
  if (parseNumber(readString(p, 'number')) === null) {
    findings.push(finding('NUMBER_FORMAT', 'number'));
  }
  if (parseDepartmentCode(readString(p, 'departmentCode')) === null) {
    findings.push(finding('DEPARTMENT_CODE_FORMAT', 'departmentCode'));
  }
  const birthRead = readDate(readString(p, 'birthDate'));
  const birth = 'date' in birthRead ? birthRead.date : null;
  if ('finding' in birthRead)
    findings.push(finding(`BIRTH_DATE_${birthRead.finding}`, 'birthDate'));
  const issueRead = readDate(readString(p, 'issueDate'));
  const issue = 'date' in issueRead ? issueRead.date : null;
  if ('finding' in issueRead)
    findings.push(finding(`ISSUE_DATE_${issueRead.finding}`, 'issueDate'));

  const now = parseIsoDate(today);

  const birthInFuture = birth !== null && now !== null && compareDates(birth, now) > 0;
  if (birthInFuture) findings.push(finding('BIRTH_DATE_IN_FUTURE', 'birthDate'));
  const issueInFuture = issue !== null && now !== null && compareDates(issue, now) > 0;
  if (issueInFuture) findings.push(finding('ISSUE_DATE_IN_FUTURE', 'issueDate'));

  if (birth !== null && issue !== null && !birthInFuture) {
    if (compareDates(issue, birth) < 0) {
      findings.push(finding('ISSUE_BEFORE_BIRTH', 'issueDate'));
    } else {
      if (compareDates(issue, addYears(birth, PASSPORT_MIN_AGE)) < 0) {
        findings.push(finding('ISSUED_BEFORE_14', 'issueDate'));
      }
      if (now !== null && !issueInFuture) {
        for (const age of PASSPORT_REPLACEMENT_AGES) {
          const issuedBefore = compareDates(issue, addYears(birth, age)) < 0;
          if (issuedBefore && compareDates(now, replacementDeadline(birth, age)) > 0) {
            findings.push(finding(EXPIRY_CODES[age], 'issueDate'));
            break;
          }
        }
      }
    }
  }

  if (series !== null && issue !== null && !seriesYearMatches(series, issue.y)) {
    findings.push(finding('SERIES_YEAR_MISMATCH', 'series'));
  }

  const hasError = findings.some((f) => f.severity === 'error');
  return { ok: !hasError && now !== null, findings };
}

/**
 * The canonical stored form of a passport that passed the format checks. For input that
 * did not, each field falls back to its trimmed text so a caller's mistake stays visible.
 */
export function normalizePassport(p: PassportInput): {
  series: string;
  number: string;
  departmentCode: string;
  issueDate: string;
  birthDate: string;
} {
  const raw = (key: keyof PassportInput) => readString(p, key) ?? '';
  const date = (key: 'issueDate' | 'birthDate') => {
    const r = readTypedDate(raw(key));
    return r.ok ? formatIsoDate(r.date) : raw(key).trim();
  };
  return {
    series: parseSeries(raw('series')) ?? raw('series').trim(),
    number: parseNumber(raw('number')) ?? raw('number').trim(),
    departmentCode: parseDepartmentCode(raw('departmentCode')) ?? raw('departmentCode').trim(),
    issueDate: date('issueDate'),
    birthDate: date('birthDate'),
  };
}

/** `4509` or `45 09` → `45 09`, as printed in the passport; other text is returned trimmed. */
export function formatSeries(series: string): string {
  const digits = parseSeries(typeof series === 'string' ? series : null);
  if (digits === null) return typeof series === 'string' ? series.trim() : '';
  return `${digits.slice(0, 2)} ${digits.slice(2)}`;
}
