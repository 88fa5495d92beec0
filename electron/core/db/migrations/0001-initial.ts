import type { MigrationInterface, QueryRunner } from 'typeorm';

// The local store's first schema. Registry tables (street, account, resident) are a replica
// of the centre's; their ids are the centre's ids. Search keys (`*_key`) hold the folded form
// of names (lower case, ё→е, hyphens and runs of spaces folded: shared/domain/names.ts) so
// that every search is a B-tree range on an index.
export class Initial1795600000001 implements MigrationInterface {
  name = 'Initial1795600000001';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE office (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        address TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      )`,
      `CREATE TABLE clerk (
        id TEXT PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES office(id),
        login TEXT NOT NULL UNIQUE COLLATE NOCASE,
        full_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor')),
        password_hash TEXT NOT NULL,
        must_change_password INTEGER NOT NULL DEFAULT 0,
        disabled_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
      // Failed sign-ins are counted per typed login, known or not, so that an unknown login
      // and a real one answer alike, lock-out included, across restarts.
      `CREATE TABLE sign_in_throttle (
        login TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        locked_until TEXT,
        last_failure_at TEXT NOT NULL
      )`,
      `CREATE TABLE setting (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
      `CREATE TABLE district (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        okrug TEXT NOT NULL
      )`,
      `CREATE TABLE street (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        name_key TEXT NOT NULL
      )`,
      `CREATE TABLE account (
        id INTEGER PRIMARY KEY,
        payer_code TEXT NOT NULL,
        district_code TEXT NOT NULL,
        street_id INTEGER NOT NULL,
        house TEXT NOT NULL,
        building TEXT NOT NULL DEFAULT '',
        flat TEXT NOT NULL DEFAULT '',
        house_key TEXT NOT NULL,
        flat_key TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
      )`,
      `CREATE TABLE resident (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL,
        street_id INTEGER NOT NULL,
        surname TEXT NOT NULL,
        given_name TEXT NOT NULL,
        patronymic TEXT NOT NULL DEFAULT '',
        birth_date TEXT NOT NULL,
        relation TEXT NOT NULL CHECK (relation IN ('owner', 'registered')),
        registered_from TEXT,
        registered_to TEXT,
        surname_key TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
      `CREATE TABLE visit (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('issue', 'reset')),
        account_id INTEGER NOT NULL,
        payer_code TEXT NOT NULL,
        resident_id INTEGER,
        clerk_id TEXT NOT NULL REFERENCES clerk(id),
        office_id TEXT NOT NULL REFERENCES office(id),
        started_at TEXT NOT NULL,
        closed_at TEXT,
        outcome TEXT
      )`,
      `CREATE TABLE passport_check (
        id TEXT PRIMARY KEY,
        visit_id TEXT NOT NULL REFERENCES visit(id),
        resident_id INTEGER,
        surname TEXT NOT NULL,
        given_name TEXT NOT NULL,
        patronymic TEXT NOT NULL DEFAULT '',
        birth_date TEXT NOT NULL,
        series TEXT NOT NULL,
        number TEXT NOT NULL,
        issue_date TEXT NOT NULL,
        department_code TEXT NOT NULL,
        issued_by TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL CHECK (source IN ('typed', 'mrz')),
        findings TEXT NOT NULL,
        passed INTEGER NOT NULL,
        matched INTEGER NOT NULL,
        list_version TEXT,
        checked_at TEXT NOT NULL,
        clerk_id TEXT NOT NULL REFERENCES clerk(id)
      )`,
      `CREATE TABLE approval (
        id TEXT PRIMARY KEY,
        visit_id TEXT NOT NULL REFERENCES visit(id),
        kind TEXT NOT NULL,
        supervisor_id TEXT NOT NULL REFERENCES clerk(id),
        reason TEXT NOT NULL,
        approved_at TEXT NOT NULL
      )`,
      `CREATE TABLE consent (
        id TEXT PRIMARY KEY,
        account_id INTEGER NOT NULL,
        resident_id INTEGER,
        visit_id TEXT REFERENCES visit(id),
        text_version TEXT NOT NULL,
        language TEXT NOT NULL,
        subject TEXT NOT NULL,
        representative TEXT,
        operator TEXT NOT NULL,
        signed_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL REFERENCES clerk(id),
        office_id TEXT NOT NULL REFERENCES office(id),
        withdrawn_at TEXT,
        withdrawn_by TEXT REFERENCES clerk(id),
        withdraw_reason TEXT
      )`,
      `CREATE TABLE credential (
        id TEXT PRIMARY KEY,
        account_id INTEGER NOT NULL,
        login TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
        must_change INTEGER NOT NULL DEFAULT 1,
        issued_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        revoked_at TEXT,
        revoke_reason TEXT,
        version INTEGER NOT NULL,
        consent_id TEXT NOT NULL REFERENCES consent(id),
        visit_id TEXT REFERENCES visit(id),
        issued_by TEXT NOT NULL REFERENCES clerk(id),
        office_id TEXT NOT NULL REFERENCES office(id),
        portal_first_login_at TEXT,
        portal_password_changed_at TEXT,
        portal_locked INTEGER NOT NULL DEFAULT 0,
        superseded_note TEXT,
        sheet_serial TEXT
      )`,
      `CREATE TABLE printed_sheet (
        id TEXT PRIMARY KEY,
        serial TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('info', 'consent')),
        visit_id TEXT NOT NULL REFERENCES visit(id),
        account_id INTEGER NOT NULL,
        credential_id TEXT REFERENCES credential(id),
        printer TEXT NOT NULL,
        result TEXT NOT NULL CHECK (result IN ('printed', 'failed')),
        error TEXT,
        printed_at TEXT NOT NULL,
        clerk_id TEXT NOT NULL REFERENCES clerk(id)
      )`,
      `CREATE TABLE audit_event (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        at TEXT NOT NULL,
        workstation_id TEXT NOT NULL,
        office_id TEXT NOT NULL,
        clerk_id TEXT,
        action TEXT NOT NULL,
        subject TEXT,
        text TEXT NOT NULL,
        data TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      )`,
      `CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        op_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_error TEXT,
        done_at TEXT
      )`,
      `CREATE TABLE counter (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      )`,
      // Registry indexes: every field a clerk can type is served by one of these.
      `CREATE UNIQUE INDEX account_payer_code ON account (payer_code)`,
      `CREATE INDEX account_address ON account (street_id, house_key, flat_key)`,
      `CREATE INDEX resident_account ON resident (account_id)`,
      `CREATE INDEX resident_surname ON resident (surname_key, birth_date)`,
      `CREATE INDEX resident_street_surname ON resident (street_id, surname_key)`,
      `CREATE INDEX street_name ON street (name_key)`,
      // Visit-side indexes.
      `CREATE INDEX visit_account ON visit (account_id, started_at)`,
      `CREATE INDEX visit_clerk_day ON visit (clerk_id, started_at)`,
      `CREATE INDEX passport_check_visit ON passport_check (visit_id)`,
      `CREATE INDEX consent_account ON consent (account_id, resident_id)`,
      `CREATE INDEX credential_account ON credential (account_id, version)`,
      `CREATE UNIQUE INDEX credential_one_active ON credential (account_id) WHERE status = 'active'`,
      `CREATE INDEX printed_sheet_visit ON printed_sheet (visit_id)`,
      `CREATE UNIQUE INDEX printed_sheet_serial_try ON printed_sheet (serial, printed_at)`,
      `CREATE INDEX audit_event_at ON audit_event (at)`,
      `CREATE INDEX audit_event_subject ON audit_event (subject)`,
      `CREATE INDEX outbox_pending ON outbox (status, seq)`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'counter',
      'outbox',
      'audit_event',
      'printed_sheet',
      'credential',
      'consent',
      'approval',
      'passport_check',
      'visit',
      'resident',
      'account',
      'street',
      'district',
      'setting',
      'sign_in_throttle',
      'clerk',
      'office',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
