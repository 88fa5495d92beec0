import type { MigrationInterface, QueryRunner } from 'typeorm';

// Sync bookkeeping (electron/core/sync). `sync_state` holds the cursors: the centre
// snapshot the registry replica is current to, the last audit entry the centre has, and
// when the last sync ran. `sync_conflict` lists credential conflicts this workstation took
// part in, one row per losing credential, so a conflict that comes through the feed again
// is not reported twice and the clerk and supervisor can list them.
export class Sync1795600000002 implements MigrationInterface {
  name = 'Sync1795600000002';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
      `CREATE TABLE sync_conflict (
        loser_credential_id TEXT PRIMARY KEY,
        account_id INTEGER NOT NULL,
        winner_credential_id TEXT NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('lost', 'won')),
        rule TEXT NOT NULL,
        loser_issued_at TEXT NOT NULL,
        loser_office_id TEXT NOT NULL,
        loser_workstation_id TEXT NOT NULL,
        loser_kind TEXT NOT NULL,
        winner_issued_at TEXT NOT NULL,
        winner_office_id TEXT NOT NULL,
        winner_workstation_id TEXT NOT NULL,
        winner_kind TEXT NOT NULL,
        detected_at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        text TEXT NOT NULL
      )`,
      `CREATE INDEX sync_conflict_account ON sync_conflict (account_id)`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS sync_conflict`);
    await q.query(`DROP TABLE IF EXISTS sync_state`);
  }
}
