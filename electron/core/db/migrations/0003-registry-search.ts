import type { MigrationInterface, QueryRunner } from 'typeorm';

// Surname search ranks exact matches before prefix matches and owners before registered
// residents, then by date of birth, and shows only the first page. With the old index
// (surname_key, birth_date) the owners-first order needed every row of a common surname
// (Иванов: tens of thousands in a district) read and sorted per keystroke. With `relation`
// second, each rank (exact/prefix × owner/registered) is one index range read in display
// order, stopping after a page; `account_id` last makes those reads index-only. The passport
// match (surname + date of birth) still uses this index: `relation IN (…)` gives two seeks.
export class RegistrySearch1795600000003 implements MigrationInterface {
  name = 'RegistrySearch1795600000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX resident_surname`);
    await q.query(
      `CREATE INDEX resident_surname ON resident (surname_key, relation, birth_date, account_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX resident_surname`);
    await q.query(`CREATE INDEX resident_surname ON resident (surname_key, birth_date)`);
  }
}
