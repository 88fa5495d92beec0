import type { MigrationInterface, QueryRunner } from 'typeorm';

export const WORKSTATION_ROLE = 'access_desk_workstation';
export const PORTAL_ROLE = 'access_desk_portal';

// Least privilege. A workstation may read the registry and the change feed and call the
// operation functions; it has no INSERT, UPDATE or DELETE on any table, so it cannot edit
// credentials behind the conflict rule or touch a stored audit row. The portal may read
// what it needs to log residents in and report what they did. Roles are cluster-wide and
// NOLOGIN: login users are granted them (see central/admin.ts), one per workstation or
// shared, as the centre prefers.
export class CentralRoles1795700000004 implements MigrationInterface {
  name = 'CentralRoles1795700000004';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      // Two databases of one cluster may migrate at once: a lost race to create is fine.
      ...[WORKSTATION_ROLE, PORTAL_ROLE].map(
        (role) => `DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
            CREATE ROLE ${role} NOLOGIN;
          END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END $$`,
      ),
      // Functions are executable by PUBLIC unless told otherwise; tables are not readable.
      `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC`,
      `REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC`,
      `REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC`,
      `REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
      `GRANT USAGE ON SCHEMA public TO ${WORKSTATION_ROLE}, ${PORTAL_ROLE}`,
      `GRANT SELECT ON district, street, account, resident, change_feed TO ${WORKSTATION_ROLE}`,
      `GRANT EXECUTE ON FUNCTION sync_apply_op(text, text, jsonb), sync_apply_batch(jsonb),
        sync_reject_op(text, text, jsonb, text, text), sync_append_audit(text, jsonb),
        sync_audit_head(text) TO ${WORKSTATION_ROLE}`,
      `GRANT SELECT (id, account_id, login, password_hash, status, must_change, expires_at,
        portal_first_login_at, portal_password_changed_at, portal_locked) ON credential TO ${PORTAL_ROLE}`,
      `GRANT EXECUTE ON FUNCTION portal_record_event(text, text, timestamptz) TO ${PORTAL_ROLE}`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${WORKSTATION_ROLE}, ${PORTAL_ROLE}`,
    );
    await q.query(
      `REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM ${WORKSTATION_ROLE}, ${PORTAL_ROLE}`,
    );
    await q.query(`REVOKE USAGE ON SCHEMA public FROM ${WORKSTATION_ROLE}, ${PORTAL_ROLE}`);
  }
}
