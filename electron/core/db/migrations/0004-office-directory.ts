import type { MigrationInterface, QueryRunner } from 'typeorm';

// The staff directory becomes the office's, kept at the centre (central functions/40-staff.sql):
//  - clerk.centre_version: the centre's version of the row as last applied here, so an older
//    image arriving late never overwrites a newer one;
//  - outbox.held_at: an operation the centre holds over a ceiling until a supervisor decides
//    (it stays 'pending' and is asked about again from time to time, see sync/push.ts);
//  - a store that already has staff sends them to the centre once, at its next sync
//    (sync_staff_import; docs/security.md "Upgrade"): those were never sent as operations.
export class OfficeDirectory1795600000004 implements MigrationInterface {
  name = 'OfficeDirectory1795600000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clerk ADD COLUMN centre_version INTEGER NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE outbox ADD COLUMN held_at TEXT`);
    await q.query(
      `INSERT INTO sync_state (key, value, updated_at)
       SELECT 'staff.importPending', 'true', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
       WHERE EXISTS (SELECT 1 FROM clerk)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM sync_state WHERE key = 'staff.importPending'`);
    await q.query(`ALTER TABLE outbox DROP COLUMN held_at`);
    await q.query(`ALTER TABLE clerk DROP COLUMN centre_version`);
  }
}
