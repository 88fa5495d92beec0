import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  closestMismatch,
  differingFields,
  sameIdentity,
  type PersonName,
} from '../../../shared/domain/identity';
import { buildMrz, parseMrz } from '../../../shared/domain/mrz';
import { mrzPassportArb } from './arbitraries';

const RESIDENT: PersonName = {
  surname: 'Семёнова-Тян-Шанская',
  givenName: 'Алёна',
  patronymic: 'Петровна',
  birthDate: '1985-04-12',
};

describe('sameIdentity', () => {
  it('matches across case, ё/е, hyphens and runs of spaces', () => {
    expect(
      sameIdentity(RESIDENT, {
        surname: 'СЕМЕНОВА ТЯН  ШАНСКАЯ',
        givenName: ' алена ',
        patronymic: 'ПЕТРОВНА',
        birthDate: '1985-04-12',
      }),
    ).toBe(true);
  });

  it('matches a name pasted in decomposed Unicode (и + breve, е + diaeresis)', () => {
    const decomposed = {
      ...RESIDENT,
      givenName: 'Алёна'.normalize('NFD'),
      surname: 'Йоргенсен'.normalize('NFD'),
    };
    expect(sameIdentity({ ...RESIDENT, surname: 'Йоргенсен' }, decomposed)).toBe(true);
  });

  it('does not match when any one part differs', () => {
    expect(sameIdentity(RESIDENT, { ...RESIDENT, surname: 'Семёнова' })).toBe(false);
    expect(sameIdentity(RESIDENT, { ...RESIDENT, givenName: 'Алина' })).toBe(false);
    expect(sameIdentity(RESIDENT, { ...RESIDENT, patronymic: 'Павловна' })).toBe(false);
    expect(sameIdentity(RESIDENT, { ...RESIDENT, birthDate: '1985-04-13' })).toBe(false);
    // Namesakes born the same year are different people.
    expect(sameIdentity(RESIDENT, { ...RESIDENT, birthDate: '1985-12-04' })).toBe(false);
  });

  it('lets an empty patronymic match only an empty one', () => {
    const none = { ...RESIDENT, patronymic: '' };
    expect(sameIdentity(none, { ...none, patronymic: '  ' })).toBe(true);
    expect(sameIdentity(none, RESIDENT)).toBe(false);
    expect(sameIdentity(RESIDENT, none)).toBe(false);
  });

  it('fails closed on empty names, bad dates and non-strings', () => {
    const blank = { surname: '', givenName: '', patronymic: '', birthDate: '1985-04-12' };
    expect(sameIdentity(blank, blank)).toBe(false);
    expect(sameIdentity({ ...RESIDENT, givenName: '-' }, { ...RESIDENT, givenName: ' ' })).toBe(
      false,
    );
    expect(
      sameIdentity(
        { ...RESIDENT, birthDate: '1985-02-30' },
        { ...RESIDENT, birthDate: '1985-02-30' },
      ),
    ).toBe(false);
    expect(
      sameIdentity(
        { ...RESIDENT, birthDate: '12.04.1985' },
        { ...RESIDENT, birthDate: '12.04.1985' },
      ),
    ).toBe(false);
    const broken = { ...RESIDENT, surname: 42 } as unknown as PersonName;
    expect(sameIdentity(broken, broken)).toBe(false);
    expect(sameIdentity(null as unknown as PersonName, RESIDENT)).toBe(false);
  });

  it('matches a resident to the MRZ of their own passport', () => {
    fc.assert(
      fc.property(mrzPassportArb, (p) => {
        const scanned = parseMrz(...buildMrz(p))?.passport;
        if (!scanned) throw new Error('specimen did not parse');
        // The registry spells names in mixed case and may write е for ё.
        const resident: PersonName = {
          surname: p.surname.toLowerCase().replace(/ё/g, 'е'),
          givenName: p.givenName.toLowerCase(),
          patronymic: p.patronymic.toLowerCase(),
          birthDate: p.birthDate,
        };
        expect(sameIdentity(resident, scanned)).toBe(true);
        expect(sameIdentity(scanned, resident)).toBe(true);
        expect(sameIdentity(resident, { ...scanned, birthDate: '1800-01-01' })).toBe(false);
      }),
    );
  });
});

describe('closestMismatch', () => {
  const anna = {
    surname: 'Ёлкина',
    givenName: 'Анна',
    patronymic: 'Петровна',
    birthDate: '1980-02-03',
  };
  const oleg = {
    surname: 'Ёлкин',
    givenName: 'Олег',
    patronymic: 'Ильич',
    birthDate: '1978-05-06',
  };

  it('names the parts that differ from the closest candidate, as sameIdentity compares them', () => {
    expect(closestMismatch({ ...anna, patronymic: 'Петрова' }, [oleg, anna])).toEqual([
      'patronymic',
    ]);
    expect(
      closestMismatch({ ...anna, surname: 'ЕЛКИНА', birthDate: '1980-03-02' }, [oleg, anna]),
    ).toEqual(['birthDate']);
    expect(closestMismatch({ ...anna, givenName: 'Ана', birthDate: '1981-02-03' }, [anna])).toEqual(
      ['givenName', 'birthDate'],
    );
  });

  it('names nothing when no one is close, when there is no one, or when it matches', () => {
    expect(closestMismatch({ ...oleg, surname: 'Иванов' }, [anna])).toBeNull();
    expect(closestMismatch(anna, [])).toBeNull();
    expect(closestMismatch(anna, [anna])).toBeNull();
  });

  it('agrees with sameIdentity: no differing part exactly when the two are the same person', () => {
    fc.assert(
      fc.property(
        fc.record({
          surname: fc.constantFrom('Ёлкина', 'елкина', 'Елкина ', 'Ёлкин', ''),
          givenName: fc.constantFrom('Анна', 'анна', 'Ана', ''),
          patronymic: fc.constantFrom('Петровна', '', 'петровна'),
          birthDate: fc.constantFrom('1980-02-03', '1980-02-30', '1980-2-3'),
        }),
        (p) => {
          expect(differingFields(p, anna).length === 0).toBe(sameIdentity(p, anna));
        },
      ),
    );
  });
});
