import type { MigrationInterface, QueryRunner } from 'typeorm';

// The personal-data lifecycle (152-FZ art. 21 part 5; docs/personal-data.md). What a consent
// covered is destroyed in place: the passport details go from consent.subject, from the
// representative's record and from the visit's passport checks, and the row keeps the fact
// (when, which version, who) with `destroyed_at` and the act that recorded it. Each
// destruction is proved by an act (Roskomnadzor Order No. 179): one row per subject, kept
// three years, with the facts the printed act and the log extract carry.
export class PersonalData1795600000006 implements MigrationInterface {
  name = 'PersonalData1795600000006';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `ALTER TABLE consent ADD COLUMN destroyed_at TEXT`,
      `ALTER TABLE consent ADD COLUMN destroy_act_id TEXT`,
      `ALTER TABLE passport_check ADD COLUMN destroyed_at TEXT`,
      `ALTER TABLE passport_check ADD COLUMN destroy_act_id TEXT`,
      `CREATE TABLE destruction_act (
        id TEXT PRIMARY KEY,
        serial TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('withdrawn', 'retention', 'no-consent')),
        retention_days INTEGER NOT NULL,
        trigger TEXT NOT NULL CHECK (trigger IN ('job', 'supervisor')),
        account_id INTEGER NOT NULL,
        payer_code TEXT NOT NULL,
        resident_id INTEGER,
        subject_name TEXT NOT NULL,
        consent_id TEXT,
        categories TEXT NOT NULL,
        records TEXT NOT NULL,
        persons TEXT NOT NULL,
        operator TEXT NOT NULL,
        system_name TEXT NOT NULL,
        method TEXT NOT NULL,
        office_id TEXT NOT NULL,
        clerk_id TEXT REFERENCES clerk(id)
      )`,
      `CREATE INDEX destruction_act_created ON destruction_act (created_at)`,
      `CREATE INDEX destruction_act_subject ON destruction_act (account_id, resident_id)`,
      `CREATE INDEX consent_due ON consent (destroyed_at, withdrawn_at, signed_at)`,
      `CREATE INDEX passport_check_due ON passport_check (destroyed_at, checked_at)`,
      `CREATE INDEX passport_check_resident ON passport_check (resident_id)`,
    ])
      await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of [
      `DROP INDEX passport_check_resident`,
      `DROP INDEX passport_check_due`,
      `DROP INDEX consent_due`,
      `DROP TABLE destruction_act`,
      `ALTER TABLE passport_check DROP COLUMN destroy_act_id`,
      `ALTER TABLE passport_check DROP COLUMN destroyed_at`,
      `ALTER TABLE consent DROP COLUMN destroy_act_id`,
      `ALTER TABLE consent DROP COLUMN destroyed_at`,
    ])
      await q.query(sql);
  }
}
