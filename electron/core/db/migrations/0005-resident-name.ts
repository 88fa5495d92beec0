import type { MigrationInterface, QueryRunner } from 'typeorm';
import { nameKey } from '../../registry/keys';

/** Rows folded per statement while filling the new key of an existing store. */
const BATCH = 5000;

// Surname + given name (+ patronymic) search, «андреева елена» (issue 13, item 6). The given
// name and patronymic fold in JavaScript (shared/domain/names.ts: Cyrillic case, ё as е), which
// SQLite cannot do, so the folded pair is stored as resident.name_key and carried last in
// resident_surname: the search reads the surname's range in display order and tests the key
// in the index. Measured at 1M accounts (docs/benchmarks.md), a separate index on
// (surname_key, name_key) made the initial load 7 s (30 %) slower, this wider one 1.5 s.
// A store that already holds a registry has the key filled here.
export class ResidentName1795600000005 implements MigrationInterface {
  name = 'ResidentName1795600000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE resident ADD COLUMN name_key TEXT NOT NULL DEFAULT ''`);
    for (let after = Number.MIN_SAFE_INTEGER; ;) {
      const rows = (await q.query(
        `SELECT id, given_name, patronymic FROM resident WHERE id > ? ORDER BY id LIMIT ?`,
        [after, BATCH],
      )) as { id: number; given_name: string; patronymic: string }[];
      const last = rows.at(-1);
      if (!last) break;
      await q.query(
        `UPDATE resident SET name_key = j.value ->> 1
           FROM json_each(?) AS j WHERE resident.id = j.value ->> 0`,
        [JSON.stringify(rows.map((r) => [r.id, nameKey(r.given_name, r.patronymic)]))],
      );
      after = last.id;
    }
    await q.query(`DROP INDEX resident_surname`);
    await q.query(
      `CREATE INDEX resident_surname ON resident (surname_key, relation, birth_date, account_id, name_key)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX resident_surname`);
    await q.query(
      `CREATE INDEX resident_surname ON resident (surname_key, relation, birth_date, account_id)`,
    );
    await q.query(`ALTER TABLE resident DROP COLUMN name_key`);
  }
}
