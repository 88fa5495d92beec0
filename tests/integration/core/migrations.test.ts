// One test per migration, Signal style: build the database at the previous version, put
// rows in it, run the migration, and check both the new schema and the old rows.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../electron/core/db/migrations';
import { openLocalStore, type Store } from '../../../electron/core/db/store';

let dir: string;
let path: string;
const key = randomBytes(32);
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'access-desk-mig-'));
  path = join(dir, 'db.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const openAt = (version: number) =>
  openLocalStore(path, { key, migrations: migrations.slice(0, version) });
const q = <T = Record<string, unknown>>(s: Store, sql: string, params: unknown[] = []) =>
  s.run((m) => m.query<T[]>(sql, params));
const tables = async (s: Store) =>
  (
    await q<{ name: string }>(
      s,
      "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
    )
  ).map((r) => r.name);
const indexColumns = async (s: Store, index: string) =>
  (await q<{ name: string }>(s, `PRAGMA index_info(${index})`)).map((r) => r.name);

const NOW = '2026-11-25T09:00:00.000Z';

async function seedVersion1(s: Store): Promise<void> {
  await q(
    s,
    `INSERT INTO office (id, name, address, created_at) VALUES ('MSK-001', 'Офис', 'Москва', ?)`,
    [NOW],
  );
  await q(
    s,
    `INSERT INTO clerk (id, office_id, login, full_name, role, password_hash, created_at, updated_at) VALUES ('c1', 'MSK-001', 'ivanov', 'Иванов', 'clerk', '$argon2id$x', ?, ?)`,
    [NOW, NOW],
  );
  await q(
    s,
    `INSERT INTO account (id, payer_code, district_code, street_id, house, house_key, updated_at) VALUES (1, '7700000001', 'LEF', 1, '12', '12', ?)`,
    [NOW],
  );
  await q(
    s,
    `INSERT INTO resident (id, account_id, street_id, surname, given_name, birth_date, relation, surname_key, updated_at) VALUES (1, 1, 1, 'Ёлкина', 'Анна', '1980-02-03', 'owner', 'елкина', ?)`,
    [NOW],
  );
  await q(
    s,
    `INSERT INTO outbox (op_id, kind, payload, created_at) VALUES ('op-1', 'credential.issue', '{}', ?)`,
    [NOW],
  );
}

describe('migration 0001 (initial schema)', () => {
  it('creates every table on an empty file, with the rules the core relies on', async () => {
    const s = await openAt(1);
    expect(await tables(s)).toEqual(
      expect.arrayContaining([
        'account',
        'approval',
        'audit_event',
        'clerk',
        'consent',
        'counter',
        'credential',
        'district',
        'office',
        'outbox',
        'passport_check',
        'printed_sheet',
        'resident',
        'setting',
        'sign_in_throttle',
        'street',
        'visit',
      ]),
    );
    await seedVersion1(s);
    // At most one active credential per account, enforced by the schema itself.
    await q(
      s,
      `INSERT INTO consent (id, account_id, text_version, language, subject, operator, signed_at, recorded_by, office_id) VALUES ('k1', 1, 'v1', 'ru', '{}', '{}', ?, 'c1', 'MSK-001')`,
      [NOW],
    );
    const cred = (id: string) =>
      q(
        s,
        `INSERT INTO credential (id, account_id, login, password_hash, status, issued_at, expires_at, version, consent_id, issued_by, office_id) VALUES (?, 1, '7700000001', 'h', 'active', ?, ?, 1, 'k1', 'c1', 'MSK-001')`,
        [id, NOW, NOW],
      );
    await cred('a');
    await expect(cred('b')).rejects.toThrow(/UNIQUE/);
    await expect(
      q(
        s,
        `INSERT INTO clerk (id, office_id, login, full_name, role, password_hash, created_at, updated_at) VALUES ('c2', 'MSK-001', 'IVANOV', 'x', 'clerk', 'h', ?, ?)`,
        [NOW, NOW],
      ),
    ).rejects.toThrow(/UNIQUE/);
    await s.close();
  });
});

describe('migration 0002 (sync state and conflicts)', () => {
  it('adds the sync tables and keeps the outbox as it was', async () => {
    const v1 = await openAt(1);
    await seedVersion1(v1);
    await v1.close();
    const v2 = await openAt(2);
    expect(await tables(v2)).toEqual(expect.arrayContaining(['sync_state', 'sync_conflict']));
    expect(await q(v2, 'SELECT op_id, kind, status FROM outbox')).toEqual([
      { op_id: 'op-1', kind: 'credential.issue', status: 'pending' },
    ]);
    await v2.close();
  });
});

describe('migration 0003 (ranked surname index)', () => {
  it('rebuilds the surname index for ranked reads and keeps the residents', async () => {
    const v2 = await openAt(2);
    await seedVersion1(v2);
    expect(await indexColumns(v2, 'resident_surname')).toEqual(['surname_key', 'birth_date']);
    await v2.close();
    const v3 = await openAt(3);
    expect(await indexColumns(v3, 'resident_surname')).toEqual([
      'surname_key',
      'relation',
      'birth_date',
      'account_id',
    ]);
    expect(
      await q(
        v3,
        "SELECT surname FROM resident WHERE surname_key >= 'ел' AND surname_key < 'ел\uffff'",
      ),
    ).toEqual([{ surname: 'Ёлкина' }]);
    const plan = await q<{ detail: string }>(
      v3,
      "EXPLAIN QUERY PLAN SELECT account_id FROM resident WHERE surname_key >= 'ел' AND surname_key < 'ел\uffff' AND relation = 'owner'",
    );
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING COVERING INDEX resident_surname/);
    await v3.close();
  });
});

describe('migration 0004 (the office directory at the centre)', () => {
  it('marks the staff of an existing store to be sent once, and lets outbox rows be held', async () => {
    const v3 = await openAt(3);
    await seedVersion1(v3);
    await v3.close();
    const v4 = await openAt(4);
    expect(await q(v4, `SELECT key, value FROM sync_state`)).toEqual([
      { key: 'staff.importPending', value: 'true' },
    ]);
    expect(await q(v4, 'SELECT id, login, centre_version FROM clerk')).toEqual([
      { id: 'c1', login: 'ivanov', centre_version: 0 },
    ]);
    expect(await q(v4, 'SELECT op_id, status, held_at FROM outbox')).toEqual([
      { op_id: 'op-1', status: 'pending', held_at: null },
    ]);
    await v4.close();
  });

  it('has nothing to send for a store without staff', async () => {
    const v4 = await openAt(4);
    expect(await q(v4, `SELECT key FROM sync_state`)).toEqual([]);
    await v4.close();
  });
});

describe('migration 0005 (the name key for surname + given name search)', () => {
  it('fills the key of every existing resident, over several batches, and indexes it', async () => {
    const v4 = await openAt(4);
    await seedVersion1(v4);
    const n = 12_345;
    // Ids with gaps, some negative, so the backfill cannot rely on a dense range.
    await q(
      v4,
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO resident (id, account_id, street_id, surname, given_name, patronymic, birth_date, relation, surname_key, updated_at)
       SELECT i * 3 - 100, 1, 1, 'Ёлкина', CASE WHEN i = 7000 THEN 'Алёна' ELSE 'Анна' END,
              CASE WHEN i = 7000 THEN 'Петровна-Ли' ELSE 'Ивановна' END,
              '1980-02-03', 'registered', 'елкина', ? FROM n`,
      [n, NOW],
    );
    await v4.close();
    const v5 = await openAt(5);
    expect(
      await q(v5, `SELECT name_key, count(*) AS n FROM resident GROUP BY name_key ORDER BY 1`),
    ).toEqual([
      { name_key: 'алена петровна ли', n: 1 },
      { name_key: 'анна', n: 1 },
      { name_key: 'анна ивановна', n: n - 1 },
    ]);
    expect(await indexColumns(v5, 'resident_surname')).toEqual([
      'surname_key',
      'relation',
      'birth_date',
      'account_id',
      'name_key',
    ]);
    const plan = await q<{ detail: string }>(
      v5,
      "EXPLAIN QUERY PLAN SELECT id, account_id FROM resident WHERE surname_key = 'елкина' AND relation IN ('owner', 'registered') AND name_key >= 'ал' AND name_key < 'ал\uffff' ORDER BY relation, birth_date, account_id",
    );
    expect(plan.map((p) => p.detail).join('\n')).toMatch(
      /^SEARCH resident USING COVERING INDEX resident_surname \(surname_key=\? AND relation=\?\)$/,
    );
    await v5.close();
  });
});

describe('migration 0006 (the personal-data lifecycle)', () => {
  it('keeps every consent and check as it was, not destroyed, and adds the acts', async () => {
    const v5 = await openAt(5);
    await seedVersion1(v5);
    await q(
      v5,
      `INSERT INTO visit (id, kind, account_id, payer_code, resident_id, clerk_id, office_id, started_at)
       VALUES ('v1', 'issue', 1, '7700000001', 1, 'c1', 'MSK-001', ?)`,
      [NOW],
    );
    await q(
      v5,
      `INSERT INTO passport_check (id, visit_id, resident_id, surname, given_name, birth_date, series, number,
         issue_date, department_code, source, findings, passed, matched, checked_at, clerk_id)
       VALUES ('k1', 'v1', 1, 'Ёлкина', 'Анна', '1980-02-03', '4509', '123456', '2009-03-01', '770-001',
         'typed', '[]', 1, 1, ?, 'c1')`,
      [NOW],
    );
    await q(
      v5,
      `INSERT INTO consent (id, account_id, resident_id, visit_id, text_version, language, subject, operator,
         signed_at, recorded_by, office_id)
       VALUES ('s1', 1, 1, 'v1', 'v1', 'ru', '{"document":{"number":"123456"}}', '{}', ?, 'c1', 'MSK-001')`,
      [NOW],
    );
    await v5.close();
    const v6 = await openAt(6);
    expect(await tables(v6)).toContain('destruction_act');
    expect(
      await q(v6, `SELECT subject, destroyed_at, destroy_act_id FROM consent WHERE id = 's1'`),
    ).toEqual([
      { subject: '{"document":{"number":"123456"}}', destroyed_at: null, destroy_act_id: null },
    ]);
    expect(
      await q(
        v6,
        `SELECT number, destroyed_at, destroy_act_id FROM passport_check WHERE id = 'k1'`,
      ),
    ).toEqual([{ number: '123456', destroyed_at: null, destroy_act_id: null }]);
    expect(await indexColumns(v6, 'passport_check_due')).toEqual(['destroyed_at', 'checked_at']);
    // The act's reason is one of the three the law gives us.
    await expect(
      q(
        v6,
        `INSERT INTO destruction_act (id, serial, created_at, reason, retention_days, trigger, account_id,
           payer_code, subject_name, categories, records, persons, operator, system_name, method, office_id)
         VALUES ('a1', 'S1', ?, 'whim', 1826, 'job', 1, '7700000001', 'x', '[]', '[]', '[]', '{}',
           'Access Desk', 'overwrite', 'MSK-001')`,
        [NOW],
      ),
    ).rejects.toThrow(/CHECK constraint failed/);
    await v6.close();
  });
});

it('every migration has a test here', () => {
  expect(migrations).toHaveLength(6);
});
