// The passport form of a visit: the shared schemas (PersonForm, PassportForm) validate what
// is typed, dates are shown as ДД.ММ.ГГГГ and sent as YYYY-MM-DD, and checkPassport (the
// same rules the core applies) gives the findings while the clerk types.
import { z } from 'zod';
import { sameIdentity } from '../../../../shared/domain/identity';
import type { MrzPassport } from '../../../../shared/domain/mrz';
import { checkPassport, type PassportFinding } from '../../../../shared/domain/passport';
import type { ResidentSummary } from '../../../../shared/schemas/registry';
import { PassportForm, PersonForm } from '../../../../shared/schemas/visit';
import { displayToIso, isoToDisplay } from '../../lib/dates';
import { properCase } from '../../lib/names';

// The issuing authority is printed on the consent form (152-FZ art. 9 §4 item 1), so the
// clerk must type it even though the channel accepts a passport without it.
export const CheckForm = z.object({
  person: PersonForm,
  passport: PassportForm.extend({ issuedBy: PassportForm.shape.issuedBy.min(1) }),
});
export type CheckFormValues = z.input<typeof CheckForm>;

export type FieldPath =
  | 'passport.series'
  | 'passport.number'
  | 'passport.issueDate'
  | 'passport.departmentCode'
  | 'passport.issuedBy'
  | 'person.surname'
  | 'person.givenName'
  | 'person.patronymic'
  | 'person.birthDate';

/** Where each finding's field is on the form. */
export const FINDING_FIELD: Record<NonNullable<PassportFinding['field']>, FieldPath> = {
  series: 'passport.series',
  number: 'passport.number',
  issueDate: 'passport.issueDate',
  departmentCode: 'passport.departmentCode',
  birthDate: 'person.birthDate',
};

export function emptyForm(resident: ResidentSummary | null): CheckFormValues {
  return {
    person: {
      surname: resident?.surname ?? '',
      givenName: resident?.givenName ?? '',
      patronymic: resident?.patronymic ?? '',
      birthDate: resident ? isoToDisplay(resident.birthDate) : '',
    },
    passport: { series: '', number: '', issueDate: '', departmentCode: '', issuedBy: '' },
  };
}

/** The form as a scanned MRZ fills it; "issued by" is not in the MRZ and is kept. */
export function fromMrz(p: MrzPassport, issuedBy: string): CheckFormValues {
  return {
    person: {
      surname: properCase(p.surname),
      givenName: properCase(p.givenName),
      patronymic: properCase(p.patronymic),
      birthDate: isoToDisplay(p.birthDate),
    },
    passport: {
      series: p.series,
      number: p.number,
      issueDate: isoToDisplay(p.issueDate),
      departmentCode: p.departmentCode,
      issuedBy,
    },
  };
}

/** The resident of the account the scanned passport names, if any. */
export function residentOf(p: MrzPassport, residents: ResidentSummary[]): ResidentSummary | null {
  return residents.find((r) => sameIdentity(p, r)) ?? null;
}

/**
 * The form as the schema sends it (trimmed, pasted oddities repaired), for telling whether
 * the core's verdict is about what the form shows now: a stray space at the end of a field is
 * the same passport, not a new one waiting for a check.
 */
export function sentForm(v: CheckFormValues): string {
  const parsed = CheckForm.safeParse(v);
  return JSON.stringify(parsed.success ? parsed.data : v);
}

/** What visit.check takes: dates as YYYY-MM-DD, the rest as typed. */
export function toCheckInput(v: CheckFormValues) {
  return {
    person: { ...v.person, birthDate: displayToIso(v.person.birthDate) },
    passport: { ...v.passport, issueDate: displayToIso(v.passport.issueDate) },
  };
}

/** The rule findings for the form as it stands. */
export function liveFindings(v: CheckFormValues, today: string): PassportFinding[] {
  const input = toCheckInput(v);
  return checkPassport({ ...input.passport, birthDate: input.person.birthDate }, today).findings;
}

const digits = (s: string) => s.replace(/\D/g, '').length;

/** A field is worth judging once it is as long as it should be (or the clerk left it). */
export function looksComplete(field: FieldPath, v: CheckFormValues): boolean {
  switch (field) {
    case 'passport.series':
      return digits(v.passport.series) >= 4;
    case 'passport.number':
      return digits(v.passport.number) >= 6;
    case 'passport.departmentCode':
      return digits(v.passport.departmentCode) >= 6;
    case 'passport.issueDate':
      return v.passport.issueDate.length >= 10;
    case 'person.birthDate':
      return v.person.birthDate.length >= 10;
    default:
      return false;
  }
}
