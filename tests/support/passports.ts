// Valid passports for demo residents, so tests can walk a visit that passes the rules.
import {
  addDays,
  addYears,
  ageOn,
  compareDates,
  formatIsoDate,
  parseIsoDate,
} from '../../shared/domain/dates';
import type { PassportForm, PersonForm } from '../../shared/schemas/visit';
import type { ResidentSummary } from '../../shared/schemas/registry';

/**
 * A passport the rules accept on `today`: issued a month after the last birthday at which
 * one is due (14, 20 or 45), with a series whose year digits match the issue year.
 */
export function passportFor(birthDate: string, today: string, number = '123456'): PassportForm {
  const birth = parseIsoDate(birthDate);
  const now = parseIsoDate(today);
  if (!birth || !now) throw new Error(`bad dates ${birthDate} ${today}`);
  const age = ageOn(birth, now);
  if (age < 14) throw new Error('A resident under 14 has no passport.');
  const due = age >= 45 ? 45 : age >= 20 ? 20 : 14;
  let issue = addDays(addYears(birth, due), 30);
  if (compareDates(issue, now) > 0) issue = now;
  const issueDate = formatIsoDate(issue);
  return {
    series: `45${issueDate.slice(2, 4)}`,
    number,
    issueDate,
    departmentCode: '770-001',
    issuedBy: 'ГУ МВД России по г. Москве',
  };
}

export function personOf(
  r: Pick<ResidentSummary, 'surname' | 'givenName' | 'patronymic' | 'birthDate'>,
): PersonForm {
  return {
    surname: r.surname,
    givenName: r.givenName,
    patronymic: r.patronymic,
    birthDate: r.birthDate,
  };
}

export function isAdultOn(birthDate: string, today: string): boolean {
  const b = parseIsoDate(birthDate);
  const t = parseIsoDate(today);
  return !!b && !!t && ageOn(b, t) >= 18;
}
