// Incremental changes from the centre: upserts and deletes land in one transaction, an
// account that moves street takes its residents' denormalised street along, and search
// sees renamed streets at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import {
  applyRegistryChanges,
  seedDemoRegistry,
  type AccountIn,
  type ResidentIn,
} from '../../../electron/core/registry/bulk';
import { demoStreets, generateAll } from '../../../electron/core/registry/generator';
import { searchRegistry } from '../../../electron/core/registry/search';
import { openTempStore, query, type TempStore } from './helpers';

const N = 500;
const data = generateAll({ accounts: N });
const streets = demoStreets();
const T = '2025-07-01T10:00:00.000Z';

let t: TempStore;
beforeAll(async () => {
  t = await openTempStore();
  await seedDemoRegistry(t.store, { accounts: N });
});
afterAll(() => t.dispose());

const ids = async (q: string) =>
  (await searchRegistry(t.store, q, { limit: 200 })).accounts.map((a) => a.accountId);
const residentStreets = (accountId: number) =>
  query<{ street_id: number }>(
    t.store,
    'SELECT DISTINCT street_id FROM resident WHERE account_id = ?',
    [accountId],
  );

const newAccount: AccountIn = {
  id: 900_001,
  payerCode: '5550001112',
  districtCode: '0901',
  streetId: streets[0]?.id ?? 1,
  house: '99',
  building: '2',
  flat: '7',
  updatedAt: T,
};
const newResident: ResidentIn = {
  id: 900_001,
  accountId: newAccount.id,
  surname: 'Апраксина-Ёлкина',
  givenName: 'Алёна',
  patronymic: 'Петровна',
  birthDate: '1990-04-05',
  relation: 'owner',
  registeredFrom: '2015-01-01',
  registeredTo: null,
  updatedAt: T,
};

describe('applyRegistryChanges', () => {
  it('adds an account and its resident, searchable at once with derived keys', async () => {
    await applyRegistryChanges(t.store, [
      { table: 'account', op: 'upsert', row: newAccount },
      { table: 'resident', op: 'upsert', row: newResident },
    ]);
    expect(await ids('5550001112')).toEqual([newAccount.id]);
    expect(await ids('апраксина елкина')).toEqual([newAccount.id]);
    expect(await ids('Апраксина-Ёлкина алена петр')).toEqual([newAccount.id]);
    // A bare building number is a корпус.
    expect(await ids(`${streets[0]?.name ?? ''} 99 к2 7`)).toContain(newAccount.id);
  });

  it('moves residents’ street with their account', async () => {
    const target = streets.find(
      (s) => s.id !== newAccount.streetId && !s.name.includes(' '),
    ) as (typeof streets)[number];
    await applyRegistryChanges(t.store, [
      { table: 'account', op: 'upsert', row: { ...newAccount, streetId: target.id } },
    ]);
    expect(await residentStreets(newAccount.id)).toEqual([{ street_id: target.id }]);
    expect(await ids(`апраксина ${target.name}`)).toEqual([newAccount.id]);
    expect(await ids(`апраксина ${streets[0]?.name ?? ''}`)).toEqual([]);
  });

  it('updates and deletes a resident', async () => {
    await applyRegistryChanges(t.store, [
      {
        table: 'resident',
        op: 'upsert',
        row: { ...newResident, surname: 'Ёлкина', givenName: 'Анна' },
      },
    ]);
    expect(await ids('апраксина')).toEqual([]);
    expect(await ids('ёлкина анна петровна')).toContain(newAccount.id);
    expect(await ids('ёлкина алена петровна')).not.toContain(newAccount.id);
    expect(await ids('елкина')).toContain(newAccount.id);
    await applyRegistryChanges(t.store, [{ table: 'resident', op: 'delete', id: newResident.id }]);
    expect(await ids('елкина')).not.toContain(newAccount.id);
  });

  it('deletes an account with its residents', async () => {
    const victim = data.accounts[17] as AccountIn;
    await applyRegistryChanges(t.store, [{ table: 'account', op: 'delete', id: victim.id }]);
    expect(await ids(victim.payerCode)).toEqual([]);
    expect(
      await query(t.store, 'SELECT id FROM resident WHERE account_id = ?', [victim.id]),
    ).toEqual([]);
  });

  it('sees a renamed street on the next search', async () => {
    const street = streets.find((s) =>
      data.accounts.some((a) => a.streetId === s.id),
    ) as (typeof streets)[number];
    const before = await ids(street.name);
    expect(before.length).toBeGreaterThan(0);
    await applyRegistryChanges(t.store, [
      { table: 'street', op: 'upsert', row: { ...street, name: 'Новая Демонстрационная' } },
    ]);
    expect(await ids('новая демонстрационная')).toEqual(before);
    await applyRegistryChanges(t.store, [{ table: 'street', op: 'upsert', row: street }]);
  });

  it('applies all or nothing: a resident of an unknown account rolls the whole page back', async () => {
    const page = [
      {
        table: 'account' as const,
        op: 'upsert' as const,
        row: { ...newAccount, id: 900_002, payerCode: '5550001113' },
      },
      {
        table: 'resident' as const,
        op: 'upsert' as const,
        row: { ...newResident, id: 900_003, accountId: 12_345_678 },
      },
    ];
    const err = await applyRegistryChanges(t.store, page).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('ACCOUNT_NOT_FOUND');
    expect(await ids('5550001113')).toEqual([]);
  });
});
