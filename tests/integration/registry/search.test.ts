// Search over a real encrypted store holding a demo registry; every expected hit is
// computed from the generator's own rows, not from the database under test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMrz } from '../../../shared/domain/mrz';
import { foldName } from '../../../shared/domain/names';
import { SearchResult } from '../../../shared/schemas/registry';
import { seedDemoRegistry } from '../../../electron/core/registry/bulk';
import { applyRegistryChanges } from '../../../electron/core/registry/changes';
import { demoStreets, generateAll } from '../../../electron/core/registry/generator';
import {
  getAccount,
  getAccountByPayerCode,
  searchRegistry,
} from '../../../electron/core/registry/search';
import type { ResidentIn } from '../../../electron/core/registry/types';
import { openTempStore, plan, recordSql, type TempStore } from './helpers';

const N = 6000;
const data = generateAll({ accounts: N });
const streets = new Map(demoStreets().map((s) => [s.id, s]));
const residentsOf = new Map<number, ResidentIn[]>();
for (const r of data.residents)
  residentsOf.set(r.accountId, [...(residentsOf.get(r.accountId) ?? []), r]);
const accountById = new Map(data.accounts.map((a) => [a.id, a]));

let t: TempStore;
beforeAll(async () => {
  t = await openTempStore();
  await seedDemoRegistry(t.store, { accounts: N });
});
afterAll(() => t.dispose());

const search = async (q: string, limit?: number) => {
  const result = await searchRegistry(t.store, q, limit === undefined ? {} : { limit });
  expect(() => SearchResult.parse(result)).not.toThrow();
  return result;
};
const ids = (r: SearchResult) => r.accounts.map((a) => a.accountId);

/** Accounts with a resident whose folded surname starts with `prefix`. */
function surnameHits(prefix: string, onStreet?: number): Set<number> {
  const key = foldName(prefix);
  return new Set(
    data.residents
      .filter((r) => foldName(r.surname).startsWith(key))
      .map((r) => r.accountId)
      .filter((id) => onStreet === undefined || accountById.get(id)?.streetId === onStreet),
  );
}

describe('payer code, bill and account look-ups', () => {
  const acc = data.accounts[1234] as (typeof data.accounts)[number];

  it('finds an account by its payer code, with residents owners first and a formatted address', async () => {
    const r = await search(acc.payerCode);
    expect(r.kind).toBe('payerCode');
    expect(ids(r)).toEqual([acc.id]);
    const found = r.accounts[0];
    expect(found?.residents.map((x) => x.id).sort((a, b) => a - b)).toEqual(
      residentsOf.get(acc.id)?.map((x) => x.id),
    );
    const relations = found?.residents.map((x) => x.relation) ?? [];
    expect(relations).toEqual([...relations].sort());
    const street = streets.get(acc.streetId);
    expect(found?.address.street).toBe(street?.name);
    expect(found?.address.line).toContain(`д. ${acc.house}`);
    expect(found?.address.districtName).toBeTruthy();
    expect(found?.address.okrug).toMatch(/административный округ$/);
  });

  it('reads a payer code typed in groups, and finds nothing for an unknown one', async () => {
    const spaced = `${acc.payerCode.slice(0, 3)} ${acc.payerCode.slice(3, 6)} ${acc.payerCode.slice(6)}`;
    expect(ids(await search(spaced))).toEqual([acc.id]);
    const unknown = await search('0000000001');
    expect(unknown).toEqual({ kind: 'payerCode', accounts: [], truncated: false });
  });

  it('finds the payer from a scanned bill QR (PersAcc, not the payee’s PersonalAcc)', async () => {
    const qr = `ST00012|Name=ГБУ МФЦ города Москвы|PersonalAcc=40702810938000012345|BankName=ПАО Сбербанк|BIC=044525225|CorrespAcc=30101810400000000225|PersAcc=${acc.payerCode}|PaymPeriod=052025|Sum=452300`;
    const r = await search(qr);
    expect(r.kind).toBe('bill');
    expect(ids(r)).toEqual([acc.id]);
    expect((await search(qr.replace(acc.payerCode, '0000000001'))).accounts).toEqual([]);
  });

  it('gets one account by id or by payer code', async () => {
    expect((await getAccount(t.store, acc.id))?.payerCode).toBe(acc.payerCode);
    expect((await getAccountByPayerCode(t.store, acc.payerCode))?.accountId).toBe(acc.id);
    expect(await getAccount(t.store, N + 100)).toBeNull();
    expect(await getAccountByPayerCode(t.store, 'not a code')).toBeNull();
  });
});

describe('passport MRZ', () => {
  const mrzOf = (r: ResidentIn) => {
    const male = /ич$/.test(r.patronymic);
    const [l1, l2] = buildMrz({
      surname: r.surname,
      givenName: r.givenName,
      patronymic: r.patronymic,
      series: '4509',
      number: '123456',
      birthDate: r.birthDate,
      issueDate: '2016-03-01',
      departmentCode: '770-093',
      sex: male ? 'M' : 'F',
    });
    return `${l1}\n${l2}`;
  };

  it('finds the resident by full name and date of birth, ё and е alike', async () => {
    const person = data.residents.find(
      (r) => /ё/i.test(r.surname) && r.birthDate > '1960' && r.birthDate < '2000',
    ) as ResidentIn;
    const r = await search(mrzOf(person));
    expect(r.kind).toBe('mrz');
    expect(r.mrzChecksOk).toBe(true);
    expect(ids(r)).toContain(person.accountId);
    expect(r.accounts.find((a) => a.accountId === person.accountId)?.matchedResidentIds).toEqual([
      person.id,
    ]);
    const spelledWithE = { ...person, surname: person.surname.replace(/ё/g, 'е') };
    expect(ids(await search(mrzOf(spelledWithE)))).toContain(person.accountId);
  });

  it('returns every namesake born the same day, in different accounts', async () => {
    const key = (r: ResidentIn) =>
      `${foldName(`${r.surname} ${r.givenName} ${r.patronymic}`)}|${r.birthDate}`;
    const groups = new Map<string, ResidentIn[]>();
    for (const r of data.residents) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
    const twins = [...groups.values()].find(
      (g) => new Set(g.map((r) => r.accountId)).size > 1 && (g[0]?.birthDate ?? '') > '1955',
    ) as ResidentIn[];
    expect(twins).toBeDefined();
    const r = await search(mrzOf(twins[0] as ResidentIn));
    expect(new Set(ids(r))).toEqual(new Set(twins.map((x) => x.accountId)));
  });

  it('reports failed check digits but still searches', async () => {
    const person = data.residents.find(
      (r) => r.birthDate > '1970' && r.birthDate < '1999',
    ) as ResidentIn;
    const [l1, l2] = mrzOf(person).split('\n') as [string, string];
    const broken = `${l1}\n${l2.slice(0, 9)}${(Number(l2[9]) + 1) % 10}${l2.slice(10)}`;
    const r = await search(broken);
    expect(r.kind).toBe('mrz');
    expect(r.mrzChecksOk).toBe(false);
    expect(ids(r)).toContain(person.accountId);
  });
});

describe('surname', () => {
  it('finds every account with a matching surname, ё = е, any case', async () => {
    const expected = surnameHits('федоров');
    expect(expected.size).toBeGreaterThan(5);
    expect(expected.size).toBeLessThan(200);
    for (const q of ['федоров', 'Фёдоров', 'ФЕДОРОВ', 'фЁдОрОв']) {
      const r = await search(q, 200);
      expect(r.kind).toBe('surname');
      expect(r.truncated).toBe(false);
      expect(new Set(ids(r))).toEqual(expected);
    }
  });

  it('ranks exact before prefix and owners before registered, and marks who matched', async () => {
    const r = await search('смирнов', 200);
    const rank = (accountId: number) => {
      const list = residentsOf.get(accountId) ?? [];
      const exact = list.filter((x) => foldName(x.surname) === 'смирнов');
      const pool =
        exact.length > 0 ? exact : list.filter((x) => foldName(x.surname).startsWith('смирнов'));
      return (exact.length > 0 ? 0 : 2) + (pool.some((x) => x.relation === 'owner') ? 0 : 1);
    };
    const ranks = ids(r).map(rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(ranks).size).toBeGreaterThan(2);
    for (const acc of r.accounts) {
      const marked = acc.residents.filter((x) => acc.matchedResidentIds.includes(x.id));
      expect(marked.length).toBeGreaterThan(0);
      expect(marked.every((x) => foldName(x.surname).startsWith('смирнов'))).toBe(true);
    }
  });

  it('finds hyphenated surnames typed with the hyphen or a space, and by their first part', async () => {
    const person = data.residents.find(
      (r) => r.surname.includes('-') && surnameHits(r.surname.split('-')[0] ?? '').size < 200,
    ) as ResidentIn;
    for (const q of [
      person.surname,
      person.surname.replace('-', ' '),
      person.surname.replace('-', ' - '),
    ]) {
      const r = await search(q, 200);
      expect(r.kind).toBe('surname');
      expect(ids(r)).toContain(person.accountId);
    }
    expect(ids(await search(person.surname.split('-')[0] ?? '', 200))).toContain(person.accountId);
  });

  it('caps the page and says it was truncated', async () => {
    const r = await search('ив', 5);
    expect(r.accounts).toHaveLength(5);
    expect(r.truncated).toBe(true);
    const all = await search('иванов', 200);
    expect(all.truncated).toBe(surnameHits('иванов').size > 200);
  });

  it('needs two letters', async () => {
    expect((await search('и')).accounts).toEqual([]);
  });
});

describe('address', () => {
  const withBuilding = data.accounts.find(
    (a) => a.building === 'к2' && a.flat !== '' && /^\d+$/.test(a.house),
  ) as (typeof data.accounts)[number];
  const street = streets.get(withBuilding.streetId) as ReturnType<typeof demoStreets>[number];
  const abbr: Record<string, string> = {
    улица: 'ул.',
    проспект: 'пр-т',
    переулок: 'пер.',
    шоссе: 'ш.',
    бульвар: 'б-р',
    набережная: 'наб.',
    площадь: 'пл.',
    проезд: 'пр.',
    тупик: 'туп.',
    аллея: 'аллея',
  };

  it.each([
    (s: typeof street, a: typeof withBuilding) => `${s.name} ${a.house}к2 ${a.flat}`,
    (s: typeof street, a: typeof withBuilding) =>
      `${abbr[s.kind] ?? ''} ${s.name}, д. ${a.house}, корп. 2, кв. ${a.flat}`,
    (s: typeof street, a: typeof withBuilding) =>
      `${s.name.split(' ').reverse().join(' ')} ${a.house} к 2 кв ${a.flat}`,
    (s: typeof street, a: typeof withBuilding) =>
      `${s.name.toUpperCase()}, ${a.house} корпус 2, ${a.flat}`,
  ])('finds the flat however it is written (%#)', async (write) => {
    const r = await search(write(street, withBuilding));
    expect(r.kind).toBe('address');
    expect(ids(r)[0]).toBe(withBuilding.id);
  });

  it('lists a house like a door list, buildings of that number included', async () => {
    const house = withBuilding.house;
    const expected = data.accounts.filter((a) => a.streetId === street.id && a.house === house);
    const r = await search(`${street.name} ${house}`, 1000);
    expect(r.truncated).toBe(false);
    expect(new Set(ids(r))).toEqual(new Set(expected.map((a) => a.id)));
    const flats = r.accounts.filter((a) => a.address.building === '').map((a) => a.address.flat);
    expect(flats.map((f) => parseInt(f, 10))).toEqual(
      flats.map((f) => parseInt(f, 10)).sort((a, b) => a - b),
    );
  });

  it('caps a street without a house', async () => {
    const r = await search(street.name, 10);
    expect(r.accounts).toHaveLength(10);
    expect(r.truncated).toBe(true);
    expect(r.accounts.every((a) => a.address.street === street.name)).toBe(true);
  });
});

describe('surname and street', () => {
  it('finds residents of one street by surname, in either order', async () => {
    const sample = data.residents.find((r) => {
      const s = streets.get(accountById.get(r.accountId)?.streetId ?? 0);
      return (
        s !== undefined &&
        s.name.split(' ').length === 1 &&
        foldName(r.surname) === foldName(r.surname.split('-')[0] ?? '')
      );
    }) as ResidentIn;
    const streetId = accountById.get(sample.accountId)?.streetId as number;
    const streetName = streets.get(streetId)?.name as string;
    const surname = foldName(sample.surname);
    const expected = surnameHits(surname, streetId);
    for (const q of [`${surname} ${streetName}`, `${streetName} ${surname}`]) {
      const r = await search(q, 200);
      expect(r.kind).toBe('surnameStreet');
      expect(new Set(ids(r))).toEqual(expected);
    }
  });
});

describe('surname and given name', () => {
  /** Residents whose folded surname is `surname` and whose folded `given patronymic` starts with `rest`. */
  const nameHits = (surname: string, rest: string) =>
    data.residents.filter(
      (r) =>
        foldName(r.surname) === foldName(surname) &&
        foldName(`${r.givenName} ${r.patronymic}`).startsWith(foldName(rest)),
    );

  it('finds the surname + given name (+ patronymic) typed in any case, ё = е, and marks only that person', async () => {
    // A surname several accounts share, with one of its residents' given names.
    const person = data.residents.find(
      (r) =>
        !r.surname.includes('-') &&
        surnameHits(r.surname).size > 3 &&
        nameHits(r.surname, r.givenName).length < surnameHits(r.surname).size,
    ) as ResidentIn;
    const expected = nameHits(person.surname, person.givenName);
    for (const q of [
      `${person.surname} ${person.givenName}`.toLowerCase().replace(/ё/g, 'е'),
      `${person.surname.toUpperCase()} ${person.givenName}`,
    ]) {
      const r = await search(q, 200);
      expect(r.kind).toBe('fullName');
      expect(new Set(ids(r))).toEqual(new Set(expected.map((x) => x.accountId)));
      const marked = r.accounts.flatMap((a) => a.matchedResidentIds);
      expect(new Set(marked)).toEqual(new Set(expected.map((x) => x.id)));
    }
    const full = await search(`${person.surname} ${person.givenName} ${person.patronymic}`, 200);
    expect(full.kind).toBe('fullName');
    expect(full.accounts.flatMap((a) => a.matchedResidentIds)).toEqual(
      nameHits(person.surname, `${person.givenName} ${person.patronymic}`).map((x) => x.id),
    );
    expect(ids(full)).toContain(person.accountId);
  });

  it('takes the given name as a prefix, then owners first and the eldest first', async () => {
    const r = await search('иванова е', 200);
    expect(r.kind).toBe('fullName');
    const expected = nameHits('иванова', 'е');
    expect(expected.length).toBeGreaterThan(3);
    const rank = (x: ResidentIn) => `${x.relation === 'owner' ? 0 : 1}${x.birthDate}`;
    const order = [...expected].sort((a, b) =>
      rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : a.accountId - b.accountId,
    );
    expect(ids(r)).toEqual([...new Set(order.map((x) => x.accountId))].slice(0, 200));
  });

  it('ranks a whole given name before the longer names it begins', async () => {
    expect(surnameHits('ежиковых').size).toBe(0);
    const home = data.accounts[77] as (typeof data.accounts)[number];
    const other = data.accounts[78] as (typeof data.accounts)[number];
    const person = (id: number, accountId: number, givenName: string): ResidentIn => ({
      id,
      accountId,
      surname: 'Ёжиковых',
      givenName,
      patronymic: 'Ивановна',
      birthDate: '1970-01-01',
      relation: 'registered',
      registeredFrom: null,
      registeredTo: null,
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    // The longer name has the lower id and the earlier account: only the rank puts it second.
    await applyRegistryChanges(t.store, [
      { table: 'resident', op: 'upsert', row: person(9_000_001, home.id, 'Александра') },
      { table: 'resident', op: 'upsert', row: person(9_000_002, other.id, 'Александр') },
    ]);
    try {
      const r = await search('ежиковых александр');
      expect(r.kind).toBe('fullName');
      expect(ids(r)).toEqual([other.id, home.id]);
      expect(ids(await search('ежиковых александра'))).toEqual([home.id]);
      expect(ids(await search('ёжиковых александр ив'))).toEqual([other.id]);
    } finally {
      await applyRegistryChanges(t.store, [
        { table: 'resident', op: 'delete', id: 9_000_001 },
        { table: 'resident', op: 'delete', id: 9_000_002 },
      ]);
    }
  });

  it('a surname then a street typed in full is still a surname on that street', async () => {
    const sample = data.residents.find((r) => {
      const s = streets.get(accountById.get(r.accountId)?.streetId ?? 0);
      return s !== undefined && s.name.split(' ').length === 1 && !r.surname.includes('-');
    }) as ResidentIn;
    const streetId = accountById.get(sample.accountId)?.streetId as number;
    const r = await search(`${sample.surname} ${streets.get(streetId)?.name}`, 200);
    expect(r.kind).toBe('surnameStreet');
    expect(ids(r)).toContain(sample.accountId);
  });

  it('a given name nobody with that surname has falls back to what it was before', async () => {
    const r = await search('иванова зззз', 200);
    expect(r.kind).not.toBe('fullName');
    expect(r.accounts).toEqual([]);
  });
});

describe('every query is served by an index', () => {
  it('never scans the account or resident table', async () => {
    const a = data.accounts[42] as (typeof data.accounts)[number];
    const s = streets.get(a.streetId) as ReturnType<typeof demoStreets>[number];
    const person = residentsOf.get(a.id)?.[0] as ResidentIn;
    const [l1, l2] = buildMrz({
      surname: person.surname,
      givenName: person.givenName,
      patronymic: person.patronymic,
      series: '4509',
      number: '123456',
      birthDate: person.birthDate,
      issueDate: '2016-03-01',
      departmentCode: '770-093',
      sex: 'M',
    });
    const rec = await recordSql(t.store);
    for (const q of [
      a.payerCode,
      `${l1}${l2}`,
      'иванов',
      'ив',
      `${s.name} ${a.house} ${a.flat}`,
      `${s.name} ${a.house}`,
      s.name,
      `кв ${a.flat} ${s.name}`,
      `иванов ${s.name}`,
      `иванов ${s.name} ${a.house}`,
      'иванова елена',
      'иванова е',
      `${person.surname} ${person.givenName} ${person.patronymic}`,
    ]) {
      await search(q);
    }
    await getAccount(t.store, a.id);
    rec.stop();
    const registrySql = rec.statements.filter((r) => /\b(account|resident)\b/.test(r.sql));
    expect(registrySql.length).toBeGreaterThan(15);
    for (const r of registrySql) {
      const lines = await plan(t.store, r);
      const scans = lines.filter((l) => /^SCAN (account|resident|a|r)\b/.test(l));
      expect({ sql: r.sql, scans }).toEqual({ sql: r.sql, scans: [] });
      expect(lines.some((l) => /USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/.test(l))).toBe(
        true,
      );
    }
  });
});
