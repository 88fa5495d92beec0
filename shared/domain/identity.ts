// Whether a passport holder is a given resident (DOMAIN.md, "The visit at the counter",
// step 3): surname, given name, patronymic and date of birth all match, names compared as
// foldName() compares them everywhere else (case, ё/е, hyphens, runs of spaces).

import { compareDates, parseIsoDate } from './dates';
import { foldName } from './names';

export interface PersonName {
  surname: string;
  givenName: string;
  patronymic: string;
  birthDate: string;
}

function fold(value: unknown): string | null {
  // NFC first: a name pasted in decomposed form (и + U+0306 for й, е + U+0308 for ё)
  // must fold like the precomposed one typed on a keyboard.
  return typeof value === 'string' ? foldName(value.normalize('NFC')) : null;
}

/**
 * True when both records name the same person. A missing patronymic matches only a missing
 * patronymic. Fails closed: an empty surname or given name, or a birth date that is not a
 * real `YYYY-MM-DD` date, never matches anything, so a half-filled record cannot stand in
 * for a resident.
 */
export function sameIdentity(a: PersonName, b: PersonName): boolean {
  try {
    const parts = ['surname', 'givenName', 'patronymic'] as const;
    for (const part of parts) {
      const left = fold(a[part]);
      const right = fold(b[part]);
      if (left === null || left !== right) return false;
      if (part !== 'patronymic' && left === '') return false;
    }
    const birthA = parseIsoDate(a.birthDate);
    const birthB = parseIsoDate(b.birthDate);
    return birthA !== null && birthB !== null && compareDates(birthA, birthB) === 0;
  } catch {
    return false;
  }
}

export const IDENTITY_FIELDS = ['surname', 'givenName', 'patronymic', 'birthDate'] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

/** The parts in which two records differ, compared as sameIdentity compares them. */
export function differingFields(a: PersonName, b: PersonName): IdentityField[] {
  const out: IdentityField[] = [];
  for (const part of ['surname', 'givenName', 'patronymic'] as const) {
    const left = fold(a[part]);
    if (left === null || left !== fold(b[part]) || (part !== 'patronymic' && left === '')) {
      out.push(part);
    }
  }
  const birthA = parseIsoDate(a.birthDate);
  const birthB = parseIsoDate(b.birthDate);
  if (birthA === null || birthB === null || compareDates(birthA, birthB) !== 0) {
    out.push('birthDate');
  }
  return out;
}

/**
 * Which parts of a passport that matched no one differ from the closest of the candidates
 * (the resident the clerk picked, or every resident of the account): a typo the clerk can
 * fix. Only the parts are named, never the stored values, so nothing about another resident
 * is revealed. Null when no candidate is within two parts: then it is someone else.
 */
export function closestMismatch(
  person: PersonName,
  candidates: readonly PersonName[],
): IdentityField[] | null {
  let best: IdentityField[] | null = null;
  for (const c of candidates) {
    const diff = differingFields(person, c);
    if (best === null || diff.length < best.length) best = diff;
  }
  return best !== null && best.length > 0 && best.length <= 2 ? best : null;
}
