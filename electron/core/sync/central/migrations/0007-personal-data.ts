import type { MigrationInterface, QueryRunner } from 'typeorm';

// The personal-data lifecycle at the centre (docs/personal-data.md). A consent whose passport
// details were destroyed keeps the fact of it (version, dates, withdrawal) and says when, why
// and on whose operation the details went. The rules are in functions/65-personal-data.sql.
export class CentralPersonalData1795700000007 implements MigrationInterface {
  name = 'CentralPersonalData1795700000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consent
      ADD COLUMN destroyed_at timestamptz,
      ADD COLUMN destroy_reason text CHECK (destroy_reason IN ('withdrawn', 'retention')),
      ADD COLUMN destroyed_by text,
      ADD COLUMN destroyed_workstation_id text,
      ADD COLUMN destroyed_op text,
      ADD COLUMN destroy_act_serial text`);
    await q.query(`CREATE INDEX consent_due ON consent (withdrawn_at, signed_at)
      WHERE destroyed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS consent_due`);
    await q.query(`ALTER TABLE consent DROP COLUMN destroyed_at, DROP COLUMN destroy_reason,
      DROP COLUMN destroyed_by, DROP COLUMN destroyed_workstation_id, DROP COLUMN destroyed_op,
      DROP COLUMN destroy_act_serial`);
  }
}
