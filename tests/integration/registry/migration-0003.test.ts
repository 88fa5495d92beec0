// Migration 0003, Signal style: build the store at the previous version, put registry rows
// in it, migrate, and check the new index and the old rows.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../electron/core/db/migrations';
import { openLocalStore, type Store } from '../../../electron/core/db/store';
import { searchRegistry } from '../../../electron/core/registry/search';

let dir: string;
let path: string;
const key = randomBytes(32);
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'access-desk-mig3-'));
  path = join(dir, 'db.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const q = <T = Record<string, unknown>>(s: Store, sql: string, params: unknown[] = []) =>
  s.run((m) => m.query<T[]>(sql, params));
const columns = async (s: Store, index: string) =>
  (await q<{ name: string }>(s, `PRAGMA index_info(${index})`)).map((r) => r.name);
const at = migrations.findIndex((m) => m.name === 'RegistrySearch1795600000003');

describe('migration 0003 (resident surname index for ranked search)', () => {
  it('reorders resident_surname and keeps the rows searchable', async () => {
    expect(at).toBeGreaterThan(0);
    const before = await openLocalStore(path, { key, migrations: migrations.slice(0, at) });
    expect(await columns(before, 'resident_surname')).toEqual(['surname_key', 'birth_date']);
    await q(
      before,
      `INSERT INTO district (code, name, okrug) VALUES ('0901', 'Лефортово', 'Юго-Восточный административный округ')`,
    );
    await q(
      before,
      `INSERT INTO street (id, name, kind, name_key) VALUES (1, 'Авиамоторная', 'улица', 'авиамоторная')`,
    );
    await q(
      before,
      `INSERT INTO account (id, payer_code, district_code, street_id, house, house_key, flat, flat_key, updated_at)
       VALUES (1, '7700000001', '0901', 1, '12', '12', '5', '5', '2025-06-01T00:00:00.000Z')`,
    );
    for (const [id, relation] of [
      [1, 'registered'],
      [2, 'owner'],
    ] as const) {
      await q(
        before,
        `INSERT INTO resident (id, account_id, street_id, surname, given_name, birth_date, relation, surname_key, updated_at)
         VALUES (?, 1, 1, 'Ёлкина', 'Анна', '1980-02-03', ?, 'елкина', '2025-06-01T00:00:00.000Z')`,
        [id, relation],
      );
    }
    await before.close();

    const after = await openLocalStore(path, { key, migrations: migrations.slice(0, at + 1) });
    expect(await columns(after, 'resident_surname')).toEqual([
      'surname_key',
      'relation',
      'birth_date',
      'account_id',
    ]);
    const plan = await q<{ detail: string }>(
      after,
      `EXPLAIN QUERY PLAN SELECT account_id FROM resident WHERE surname_key = ? AND relation = ? ORDER BY birth_date, account_id`,
      ['елкина', 'owner'],
    );
    expect(plan.map((p) => p.detail).join('\n')).toMatch(
      /SEARCH resident USING COVERING INDEX resident_surname \(surname_key=\? AND relation=\?\)/,
    );
    const r = await searchRegistry(after, 'елкина');
    expect(r.accounts.map((a) => a.accountId)).toEqual([1]);
    expect(r.accounts[0]?.residents.map((x) => x.id)).toEqual([2, 1]);
    await after.close();
  });
});
