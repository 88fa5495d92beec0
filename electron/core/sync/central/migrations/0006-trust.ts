import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CentralApply1795700000003 } from './0003-apply';
import { CentralRoles1795700000004, WORKSTATION_ROLE } from './0004-roles';
import { CentralCredentialImages1795700000005 } from './0005-credential-images';

/** What the function files add on top of 0005's functions; down drops them. */
const TRUST_FUNCTIONS = [
  'sync_hello(text, text)',
  'sync_report_state(integer, bigint)',
  'sync_workstation_state()',
  'sync_initial_page(text, bigint, integer)',
  'sync_staff_state(text[])',
  'sync_staff_import(jsonb)',
  'sync_office_review(integer)',
  'sync_decide_held(text[], text, boolean)',
  'sync_staff_create(text, jsonb)',
  'sync_staff_update(text, jsonb)',
  'sync_staff_password(text, jsonb)',
  'sync_staff_lockout(text, jsonb)',
  'ad_apply_checked(text, text, jsonb, text, text, text)',
  'ad_refuse(text, text, text, text, text, jsonb, jsonb)',
  'ad_account_of(jsonb)',
  'ad_over_ceiling(text, text)',
  'ad_check_op(text, text, text[], text, jsonb)',
  'ad_check_staff(text, text, jsonb)',
  'ad_refusal(text, text)',
  'ad_op_actor(text, jsonb)',
  'ad_security_event(text, text, text, text, text, text, text, bigint, text, text)',
  'ad_setting_int(text, integer)',
  'ad_known()',
  'ad_office()',
  'ad_districts()',
  'ad_require_caller()',
  'ad_caller()',
  'staff_image(staff)',
];

// The centre's trust model (docs/security.md): a registry of enrolled workstations (login →
// workstation, office, districts), one staff directory per office, security events, and
// operations held over a ceiling. Schema only: the rules that use it are the repeatable
// functions in ../functions/*.sql, which every migrate re-applies after the migrations.
//
// Row-level security is switched on here for everything a workstation reads; the policies
// that say what it may see are in functions/20-scope.sql. The owner (who migrates and
// loads the registry) and superusers are not subject to it.
//
// A centre already in use trusts its one shared workstation role until IT retires it
// (`npm run central -- workstation retire-shared`): `legacy_shared_login` starts true when
// the shared role could log in, had members, or operations had been applied. A fresh
// centre starts strict.
export class CentralTrust1795700000006 implements MigrationInterface {
  name = 'CentralTrust1795700000006';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE centre_setting (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      `INSERT INTO centre_setting (key, value)
       SELECT 'legacy_shared_login', to_jsonb(
         EXISTS (SELECT 1 FROM applied_op)
         OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${WORKSTATION_ROLE}' AND rolcanlogin)
         OR EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid
                    WHERE r.rolname = '${WORKSTATION_ROLE}'))`,
      `INSERT INTO centre_setting (key, value) VALUES
        ('ceiling.clerk_per_hour', '30'), ('ceiling.workstation_per_hour', '60')`,

      `CREATE TABLE office (
        id text PRIMARY KEY,
        name text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      // One row per enrolled workstation login. workstation_id is the id the app generated
      // for itself; the first installation to say hello with the login is bound to it.
      `CREATE TABLE workstation (
        login text PRIMARY KEY,
        workstation_id text UNIQUE,
        office_id text NOT NULL REFERENCES office (id),
        districts text[] NOT NULL CHECK (cardinality(districts) > 0),
        name text NOT NULL DEFAULT '',
        auth text NOT NULL CHECK (auth IN ('password', 'certificate')),
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz,
        bound_at timestamptz,
        last_seen_at timestamptz,
        app_version text,
        -- What the workstation last said it had waiting (sync_report_state), so that a
        -- counter whose local key is lost can be told whether anything would be lost with it.
        reported_pending integer,
        reported_audit_seq bigint,
        reported_at timestamptz
      )`,
      `CREATE INDEX workstation_office ON workstation (office_id)`,

      // The office's staff directory. password_hash is the argon2id verifier a workstation
      // signs in with offline; the plaintext never leaves the counter where it was typed.
      `CREATE TABLE staff (
        id text PRIMARY KEY,
        office_id text NOT NULL REFERENCES office (id),
        login text NOT NULL,
        full_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('clerk', 'supervisor')),
        password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
        must_change_password boolean NOT NULL,
        disabled_at timestamptz,
        locked_until timestamptz,
        unlocked_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text,
        version bigint NOT NULL DEFAULT 1
      )`,
      `CREATE UNIQUE INDEX staff_office_login ON staff (office_id, lower(login))`,

      // What the security officer reads: refusals, holds, releases, enrolment changes.
      `CREATE TABLE security_event (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        kind text NOT NULL,
        code text,
        login text NOT NULL,
        workstation_id text,
        office_id text,
        op_id text,
        op_kind text,
        account_id bigint,
        clerk_id text,
        detail text NOT NULL
      )`,
      `CREATE INDEX security_event_office ON security_event (office_id, id)`,

      // Operations over a ceiling, until a supervisor of the office releases or refuses them.
      `CREATE TABLE held_op (
        op_id text PRIMARY KEY,
        kind text NOT NULL,
        payload jsonb NOT NULL,
        login text NOT NULL,
        workstation_id text NOT NULL,
        office_id text NOT NULL,
        clerk_id text,
        account_id bigint,
        reason text NOT NULL,
        held_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'released', 'refused')),
        decided_at timestamptz,
        decided_by text,
        decided_login text
      )`,
      `CREATE INDEX held_op_office ON held_op (office_id, status, held_at)`,

      // Who applied what, for ceilings and for telling a workstation its own replays apart.
      `ALTER TABLE applied_op ADD COLUMN login text, ADD COLUMN office_id text,
        ADD COLUMN clerk_id text`,
      `CREATE INDEX applied_op_issue_clerk ON applied_op (clerk_id, applied_at)
        WHERE kind = 'credential.issue'`,
      `CREATE INDEX applied_op_issue_ws ON applied_op (workstation_id, applied_at)
        WHERE kind = 'credential.issue'`,
      `ALTER TABLE rejected_op ADD COLUMN login text`,

      // Staff changes reach the office's workstations through the feed, scoped by office.
      `ALTER TABLE change_feed ADD COLUMN office_id text`,
      `ALTER TABLE change_feed DROP CONSTRAINT change_feed_entity_check`,
      `ALTER TABLE change_feed ADD CONSTRAINT change_feed_entity_check CHECK (entity IN
        ('district', 'street', 'account', 'resident', 'credential', 'conflict', 'staff'))`,
      // The trigger function's body is in functions/40-staff.sql; this placeholder lets the
      // trigger exist before the functions are applied (same migrate run).
      `CREATE FUNCTION feed_staff() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`,
      `CREATE TRIGGER staff_feed_ins AFTER INSERT ON staff REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION feed_staff()`,
      `CREATE TRIGGER staff_feed_upd AFTER UPDATE ON staff
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION feed_staff()`,

      ...['district', 'street', 'account', 'resident', 'change_feed'].map(
        (t) => `ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`,
      ),
      // New functions are executable by PUBLIC unless told otherwise.
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  // Back to 0005: the trust schema goes, and the functions are 0003's and 0005's again (the
  // function files replaced them with versions that need this schema).
  async down(q: QueryRunner): Promise<void> {
    for (const t of ['district', 'street', 'account', 'resident', 'change_feed']) {
      await q.query(`DROP POLICY IF EXISTS workstation_scope ON ${t}`);
      await q.query(`ALTER TABLE ${t} DISABLE ROW LEVEL SECURITY`);
    }
    for (const f of TRUST_FUNCTIONS) await q.query(`DROP FUNCTION IF EXISTS ${f}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO PUBLIC`);
    await q.query(`DROP TRIGGER IF EXISTS staff_feed_ins ON staff`);
    await q.query(`DROP TRIGGER IF EXISTS staff_feed_upd ON staff`);
    await q.query(`DROP FUNCTION IF EXISTS feed_staff()`);
    await q.query(`DELETE FROM change_feed WHERE entity = 'staff'`);
    await q.query(`ALTER TABLE change_feed DROP CONSTRAINT change_feed_entity_check`);
    await q.query(`ALTER TABLE change_feed ADD CONSTRAINT change_feed_entity_check CHECK (entity IN
      ('district', 'street', 'account', 'resident', 'credential', 'conflict'))`);
    await q.query(`ALTER TABLE change_feed DROP COLUMN office_id`);
    await q.query(`ALTER TABLE rejected_op DROP COLUMN login`);
    await q.query(`DROP INDEX IF EXISTS applied_op_issue_clerk, applied_op_issue_ws`);
    await q.query(
      `ALTER TABLE applied_op DROP COLUMN login, DROP COLUMN office_id, DROP COLUMN clerk_id`,
    );
    await q.query(
      `DROP TABLE IF EXISTS held_op, security_event, staff, workstation, office, centre_setting`,
    );
    await new CentralApply1795700000003().down(q);
    await new CentralApply1795700000003().up(q);
    await new CentralRoles1795700000004().up(q);
    await new CentralCredentialImages1795700000005().up(q);
  }
}
