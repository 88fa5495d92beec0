import type { ResidentSummary } from '../../../shared/schemas/registry';

type Named = Pick<ResidentSummary, 'surname' | 'givenName' | 'patronymic'>;

/** Surname, given name, patronymic: the order Russian documents and registers use. */
export function fullName(p: Named): string {
  return [p.surname, p.givenName, p.patronymic].filter(Boolean).join(' ');
}

/** `ПЕТРОВ-ВОДКИН` → `Петров-Водкин`: MRZ names come in capitals. */
export function properCase(s: string): string {
  return s
    .toLocaleLowerCase('ru-RU')
    .replace(
      /(^|[\s-])(\p{L})/gu,
      (_m, sep: string, ch: string) => sep + ch.toLocaleUpperCase('ru-RU'),
    );
}
