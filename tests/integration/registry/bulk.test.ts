// The initial load on a real encrypted file: every row lands with its derived keys, the
// indexes and the store's durability settings come back, a failed load leaves nothing, and
// no seeded name is readable in the file.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { foldHouse, foldName } from '../../../shared/domain/names';
import {
  bulkLoadRegistry,
  seedDemoRegistry,
  type RegistryBatch,
} from '../../../electron/core/registry/bulk';
import { generateAll, generateRegistry } from '../../../electron/core/registry/generator';
import { searchRegistry } from '../../../electron/core/registry/search';
import { openTempStore, query, type TempStore } from './helpers';

const N = 3000;
let t: TempStore;
beforeEach(async () => {
  t = await openTempStore();
});
afterEach(() => t.dispose());

const indexes = async () =>
  (
    await query<{ name: string; sql: string }>(
      t.store,
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`,
    )
  ).map((r) => `${r.name}: ${r.sql}`);
const pragma = async (name: string) =>
  Object.values((await query<Record<string, unknown>>(t.store, `PRAGMA ${name}`))[0] ?? {})[0];
const count = async (table: string) =>
  (await query<{ n: number }>(t.store, `SELECT count(*) AS n FROM ${table}`))[0]?.n;

describe('bulkLoadRegistry', () => {
  it('loads every row with its keys, denormalised street and all indexes', async () => {
    const before = await indexes();
    const data = generateAll({ accounts: N });
    const progress: number[] = [];
    const result = await seedDemoRegistry(t.store, {
      accounts: N,
      onProgress: (n) => progress.push(n),
    });
    expect(result).toMatchObject({
      districts: data.districts.length,
      streets: data.streets.length,
      accounts: N,
      residents: data.residents.length,
    });
    expect(progress.at(-1)).toBe(N + data.residents.length);
    expect(await indexes()).toEqual(before);
    expect(await count('resident')).toBe(data.residents.length);

    const accounts = await query<{
      id: number;
      payer_code: string;
      house_key: string;
      flat_key: string;
    }>(t.store, 'SELECT id, payer_code, house_key, flat_key FROM account ORDER BY id');
    expect(accounts.map((a) => a.payer_code)).toEqual(data.accounts.map((a) => a.payerCode));
    expect(accounts.map((a) => a.house_key)).toEqual(
      data.accounts.map((a) => foldHouse(a.house + a.building)),
    );
    expect(accounts.map((a) => a.flat_key)).toEqual(data.accounts.map((a) => foldHouse(a.flat)));

    const residents = await query<Record<string, unknown>>(
      t.store,
      'SELECT * FROM resident ORDER BY id',
    );
    expect(residents[10]).toEqual({
      id: data.residents[10]?.id,
      account_id: data.residents[10]?.accountId,
      street_id: data.accounts[(data.residents[10]?.accountId ?? 0) - 1]?.streetId,
      surname: data.residents[10]?.surname,
      given_name: data.residents[10]?.givenName,
      patronymic: data.residents[10]?.patronymic,
      birth_date: data.residents[10]?.birthDate,
      relation: data.residents[10]?.relation,
      registered_from: data.residents[10]?.registeredFrom,
      registered_to: data.residents[10]?.registeredTo,
      surname_key: foldName(data.residents[10]?.surname ?? ''),
      name_key: foldName(`${data.residents[10]?.givenName} ${data.residents[10]?.patronymic}`),
      updated_at: data.residents[10]?.updatedAt,
    });
    expect(residents.map((r) => r.surname_key)).toEqual(
      data.residents.map((r) => foldName(r.surname)),
    );
    expect(residents.map((r) => r.name_key)).toEqual(
      data.residents.map((r) => foldName(`${r.givenName} ${r.patronymic}`)),
    );
    const [mismatch] = await query<{ n: number }>(
      t.store,
      'SELECT count(*) AS n FROM resident r JOIN account a ON a.id = r.account_id WHERE r.street_id <> a.street_id',
    );
    expect(mismatch?.n).toBe(0);
    expect(
      await query(t.store, "SELECT 1 FROM sqlite_stat1 WHERE idx = 'resident_surname'"),
    ).toHaveLength(1);
  });

  it('gives the store back in WAL with synchronous=FULL', async () => {
    await seedDemoRegistry(t.store, { accounts: 200 });
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(2);
    expect(await pragma('temp_store')).not.toBe(1);
  });

  it('keeps no seeded name readable in the database files', async () => {
    const data = generateAll({ accounts: 500 });
    await seedDemoRegistry(t.store, { accounts: 500 });
    await t.store.close();
    const bytes = Buffer.concat(
      ['', '-wal', '-shm', '-journal'].flatMap((s) => {
        try {
          return [readFileSync(t.path + s)];
        } catch {
          return [];
        }
      }),
    );
    for (const r of data.residents.slice(0, 50))
      expect(bytes.includes(Buffer.from(r.surname))).toBe(false);
    expect(bytes.includes(Buffer.from(data.accounts[0]?.payerCode ?? 'x'))).toBe(false);
    await t.dispose();
    t = await openTempStore();
  });

  it('refuses a registry that is not empty', async () => {
    await seedDemoRegistry(t.store, { accounts: 10 });
    await expect(seedDemoRegistry(t.store, { accounts: 10 })).rejects.toThrow(/empty/);
  });

  it('leaves nothing behind when the feed fails half-way, and restores indexes and settings', async () => {
    const before = await indexes();
    function* failing(): Generator<RegistryBatch> {
      let n = 0;
      for (const b of generateRegistry({ accounts: 2000, batchSize: 500 })) {
        if (n++ === 3) throw new Error('connection to the centre lost');
        yield b;
      }
    }
    await expect(bulkLoadRegistry(t.store, failing())).rejects.toThrow(
      /connection to the centre lost/,
    );
    for (const table of ['district', 'street', 'account', 'resident'])
      expect(await count(table)).toBe(0);
    expect(await indexes()).toEqual(before);
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(2);
    await seedDemoRegistry(t.store, { accounts: 100 });
    expect(await count('account')).toBe(100);
  });

  it('rejects residents that arrive before their account', async () => {
    const all = generateAll({ accounts: 20 });
    const batches: RegistryBatch[] = [
      { districts: all.districts, streets: all.streets },
      { residents: all.residents.slice(0, 3) },
      { accounts: all.accounts },
    ];
    await expect(bulkLoadRegistry(t.store, batches)).rejects.toThrow(/before its account/);
    expect(await count('district')).toBe(0);
  });

  it('takes an async feed, as replication sends it', async () => {
    async function* feed(): AsyncGenerator<RegistryBatch> {
      for (const b of generateRegistry({ accounts: 700, batchSize: 250 })) {
        await new Promise((r) => setTimeout(r, 1));
        yield b;
      }
    }
    const result = await bulkLoadRegistry(t.store, feed());
    expect(result.accounts).toBe(700);
    const r = await searchRegistry(
      t.store,
      generateAll({ accounts: 700 }).accounts[699]?.payerCode ?? '',
    );
    expect(r.accounts[0]?.accountId).toBe(700);
  });
});
