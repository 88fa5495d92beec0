// The demo registry must be reproducible (tests compute expected search hits from it) and
// realistic enough that search, identity checks and documents meet the cases a clerk meets.
import { describe, expect, it } from 'vitest';
import { foldName } from '../../../shared/domain/names';
import {
  DEMO_AS_OF,
  demoDistricts,
  demoPayerCode,
  demoStreets,
  generateAll,
  generateRegistry,
} from '../../../electron/core/registry/generator';
import {
  FEMALE_NAMES,
  MALE_NAMES,
  SURNAMES,
  femaleSurname,
} from '../../../electron/core/registry/demo-data/names';

const data = generateAll({ accounts: 20_000 });
const byAccount = new Map<number, typeof data.residents>();
for (const r of data.residents) {
  const list = byAccount.get(r.accountId) ?? [];
  list.push(r);
  byAccount.set(r.accountId, list);
}

describe('demo registry: determinism', () => {
  it('gives identical output for the same seed and size', () => {
    expect(generateAll({ accounts: 3000, seed: 7 })).toEqual(
      generateAll({ accounts: 3000, seed: 7 }),
    );
  });

  it('makes a smaller size a prefix of a larger one, whatever the batch size', () => {
    const small = generateAll({ accounts: 1234, seed: 7 });
    const large = [...generateRegistry({ accounts: 5000, seed: 7, batchSize: 777 })];
    const accounts = large.flatMap((b) => b.accounts ?? []);
    const residents = large.flatMap((b) => b.residents ?? []);
    expect(accounts.slice(0, 1234)).toEqual(small.accounts);
    expect(residents.filter((r) => r.accountId <= 1234)).toEqual(small.residents);
    expect(large[0]?.streets).toEqual(small.streets);
  });

  it('differs between seeds', () => {
    const a = generateAll({ accounts: 200, seed: 1 });
    const b = generateAll({ accounts: 200, seed: 2 });
    expect(a.residents.map((r) => r.surname)).not.toEqual(b.residents.map((r) => r.surname));
    expect(a.accounts.map((r) => r.payerCode)).not.toEqual(b.accounts.map((r) => r.payerCode));
  });

  it('yields districts and streets first, then accounts with their residents', () => {
    const batches = [...generateRegistry({ accounts: 250, batchSize: 100 })];
    expect(batches[0]?.districts?.length).toBeGreaterThan(30);
    expect(batches[0]?.accounts).toBeUndefined();
    expect(batches.slice(1).map((b) => b.accounts?.length)).toEqual([100, 100, 50]);
    for (const b of batches.slice(1)) {
      const ids = new Set(b.accounts?.map((a) => a.id));
      expect(b.residents?.every((r) => ids.has(r.accountId))).toBe(true);
    }
  });
});

describe('demo registry: accounts and addresses', () => {
  it('gives unique 10-digit payer codes, scattered over the range', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 200_000; i++) codes.add(demoPayerCode(i, 20250601));
    expect(codes.size).toBe(200_000);
    expect([...codes].every((c) => /^[1-9]\d{9}$/.test(c))).toBe(true);
    const firstDigits = new Set(data.accounts.slice(0, 100).map((a) => a.payerCode[0]));
    expect(firstDigits.size).toBeGreaterThan(6);
  });

  it('numbers ids from 1 in order and gives every account 1–6 residents, ~2.5 on average', () => {
    expect(data.accounts.map((a) => a.id)).toEqual(data.accounts.map((_, i) => i + 1));
    expect(data.residents.map((r) => r.id)).toEqual(data.residents.map((_, i) => i + 1));
    const wrong = [...byAccount.values()].filter(
      (list) => list.length < 1 || list.length > 6 || !list.some((r) => r.relation === 'owner'),
    );
    expect(wrong).toEqual([]);
    expect(byAccount.size).toBe(data.accounts.length);
    const mean = data.residents.length / data.accounts.length;
    expect(mean).toBeGreaterThan(2.3);
    expect(mean).toBeLessThan(2.7);
  });

  it('uses real districts grouped by okrug and streets of every usual kind', () => {
    expect(demoDistricts()).toContainEqual({
      code: '0901',
      name: 'Лефортово',
      okrug: 'Юго-Восточный административный округ',
    });
    const kinds = new Set(demoStreets().map((s) => s.kind));
    for (const k of [
      'улица',
      'проспект',
      'переулок',
      'шоссе',
      'бульвар',
      'набережная',
      'площадь',
      'проезд',
      'тупик',
    ]) {
      expect(kinds).toContain(k);
    }
    const codes = new Set(demoDistricts().map((d) => d.code));
    expect(demoStreets().every((s) => codes.has(s.districtCode))).toBe(true);
    const streetDistrict = new Map(demoStreets().map((s) => [s.id, s.districtCode]));
    expect(data.accounts.every((a) => streetDistrict.get(a.streetId) === a.districtCode)).toBe(
      true,
    );
  });

  it('has houses with корпус and строение, split flats and private houses without a flat', () => {
    expect(data.accounts.every((a) => /^\d+А?$/.test(a.house))).toBe(true);
    expect(data.accounts.every((a) => /^(|к\d+|с\d+)$/.test(a.building))).toBe(true);
    expect(data.accounts.every((a) => /^(|\d+А?)$/.test(a.flat))).toBe(true);
    expect(data.accounts.some((a) => a.building.startsWith('к'))).toBe(true);
    expect(data.accounts.some((a) => a.building.startsWith('с'))).toBe(true);
    expect(data.accounts.some((a) => a.flat.endsWith('А'))).toBe(true);
    expect(data.accounts.some((a) => a.house.endsWith('А'))).toBe(true);
    expect(data.accounts.some((a) => a.flat === '')).toBe(true);
    const addresses = data.accounts.map((a) => `${a.streetId}|${a.house}|${a.building}|${a.flat}`);
    expect(new Set(addresses).size).toBe(addresses.length);
  });
});

describe('demo registry: people', () => {
  const males = new Set(MALE_NAMES.map((n) => n.name.replace(/ё/g, 'е')));
  const females = new Set(FEMALE_NAMES.map((n) => n.name.replace(/ё/g, 'е')));
  const maleSurnames = new Set(
    SURNAMES.filter((s) => femaleSurname(s) !== s).map((s) => s.replace(/ё/g, 'е')),
  );
  const femaleSurnames = new Set(
    SURNAMES.filter((s) => femaleSurname(s) !== s).map((s) => femaleSurname(s).replace(/ё/g, 'е')),
  );
  const plain = (s: string) => s.replace(/ё/g, 'е');

  it('agrees given name, patronymic and surname in gender', () => {
    const wrong = data.residents.filter((r) => {
      const male = males.has(plain(r.givenName));
      if (!male && !females.has(plain(r.givenName))) return true;
      if (!(male ? /ич$/ : /на$/).test(r.patronymic)) return true;
      return r.surname.split('-').some((p) => (male ? femaleSurnames : maleSurnames).has(plain(p)));
    });
    expect(wrong).toEqual([]);
  });

  it('derives children’s patronymics from their father’s given name', () => {
    const patronymicOf = new Map(
      MALE_NAMES.map((n) => [plain(n.name), [plain(n.patronymicM), plain(n.patronymicF)]]),
    );
    let checked = 0;
    for (const list of byAccount.values()) {
      const [head, wife] = list;
      if (
        !head ||
        !wife ||
        !males.has(plain(head.givenName)) ||
        plain(wife.surname) !== plain(femaleSurname(head.surname))
      )
        continue;
      for (const kid of list.slice(2)) {
        if (
          kid.birthDate <= wife.birthDate ||
          plain(kid.surname).split('-')[0] !== plain(list[0]?.surname ?? '').replace(/а$/, '')
        )
          continue;
        const forms = patronymicOf.get(plain(head.givenName)) ?? [];
        if (forms.includes(plain(kid.patronymic))) checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('keeps registration dates after birth and before the registry date', () => {
    const wrong = data.residents.filter(
      (r) =>
        r.birthDate > DEMO_AS_OF ||
        (r.registeredFrom === null
          ? r.relation !== 'owner' || r.registeredTo !== null
          : r.registeredFrom < r.birthDate || r.registeredFrom > DEMO_AS_OF) ||
        (r.registeredTo !== null &&
          (r.registeredTo <= (r.registeredFrom ?? '') || r.registeredTo > DEMO_AS_OF)),
    );
    expect(wrong).toEqual([]);
    expect(data.residents.some((r) => r.registeredTo !== null)).toBe(true);
    expect(
      data.residents.some((r) => r.relation === 'registered' && r.birthDate > '2015-01-01'),
    ).toBe(true);
  });

  it('writes some names with ё and the same names elsewhere with е', () => {
    const withYo = data.residents.filter((r) => /ё/.test(r.surname + r.givenName + r.patronymic));
    expect(withYo.length).toBeGreaterThan(100);
    expect(data.residents.some((r) => r.surname === 'Фёдоров')).toBe(true);
    expect(data.residents.some((r) => r.surname === 'Федоров')).toBe(true);
    expect(data.residents.some((r) => r.givenName === 'Артём')).toBe(true);
    expect(data.residents.some((r) => r.givenName === 'Пётр')).toBe(true);
    expect(data.residents.some((r) => r.surname === 'Семёнова')).toBe(true);
  });

  it('has hyphenated surnames, both parts in the female form', () => {
    const double = data.residents.filter((r) => r.surname.includes('-'));
    expect(double.length).toBeGreaterThan(50);
    for (const r of double) expect(r.surname).toMatch(/^[А-ЯЁ][а-яё]+-[А-ЯЁ][а-яё]+$/);
  });

  it('has namesakes: the same full name in different accounts, some born the same year or day', () => {
    const seen = new Map<string, { accountId: number; birthDate: string }[]>();
    for (const r of data.residents) {
      const k = foldName(`${r.surname} ${r.givenName} ${r.patronymic}`);
      const list = seen.get(k) ?? [];
      list.push({ accountId: r.accountId, birthDate: r.birthDate });
      seen.set(k, list);
    }
    let sameYear = 0;
    let sameDay = 0;
    for (const list of seen.values()) {
      for (let i = 1; i < list.length; i++) {
        const a = list[0];
        const b = list[i];
        if (!a || !b || a.accountId === b.accountId) continue;
        if (a.birthDate.slice(0, 4) === b.birthDate.slice(0, 4)) sameYear++;
        if (a.birthDate === b.birthDate) sameDay++;
      }
    }
    expect(sameYear).toBeGreaterThan(50);
    expect(sameDay).toBeGreaterThan(5);
  });
});
