import type { MigrationInterface, QueryRunner } from 'typeorm';

// The central account database's tables (PostgreSQL). The registry (district, street,
// account, resident) is the centre's system of record and workstations replicate it; the
// credential, consent and audit tables are written only through the SECURITY DEFINER
// functions of 0003, so a workstation's role never needs a write grant on any table.
export class CentralSchema1795700000001 implements MigrationInterface {
  name = 'CentralSchema1795700000001';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE district (
        code text PRIMARY KEY,
        name text NOT NULL,
        okrug text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE street (
        id bigint PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE account (
        id bigint PRIMARY KEY,
        payer_code text NOT NULL UNIQUE CHECK (payer_code ~ '^[0-9]{10}$'),
        district_code text NOT NULL REFERENCES district (code),
        street_id bigint NOT NULL REFERENCES street (id),
        house text NOT NULL,
        building text NOT NULL DEFAULT '',
        flat text NOT NULL DEFAULT '',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      // Keyset pages of one district's accounts during a workstation's initial load.
      `CREATE INDEX account_district ON account (district_code, id)`,
      `CREATE TABLE resident (
        id bigint PRIMARY KEY,
        account_id bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
        surname text NOT NULL,
        given_name text NOT NULL,
        patronymic text NOT NULL DEFAULT '',
        birth_date date NOT NULL,
        relation text NOT NULL CHECK (relation IN ('owner', 'registered')),
        registered_from date,
        registered_to date,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX resident_account ON resident (account_id)`,

      // Consents arrive from workstations. A withdrawal may arrive before the record it
      // withdraws (operations of one batch can be replayed out of order), so every field of
      // the signed record is nullable and the row is completed by whichever comes second.
      `CREATE TABLE consent (
        id text PRIMARY KEY,
        account_id bigint NOT NULL REFERENCES account (id),
        resident_id bigint,
        text_version text,
        language text,
        subject jsonb,
        representative jsonb,
        operator jsonb,
        signed_at timestamptz,
        recorded_by text,
        office_id text,
        workstation_id text,
        recorded_op text,
        withdrawn_at timestamptz,
        withdrawn_by text,
        withdraw_reason text,
        withdrawn_office_id text,
        withdrawn_workstation_id text,
        withdrawn_op text,
        received_at timestamptz NOT NULL DEFAULT now(),
        CHECK (signed_at IS NOT NULL OR withdrawn_at IS NOT NULL)
      )`,
      `CREATE INDEX consent_account ON consent (account_id)`,

      // Portal credentials. Only argon2id hashes. Nothing is ever deleted: a credential that
      // lost a conflict is kept as 'superseded' with a pointer to the one that won.
      `CREATE TABLE credential (
        id text PRIMARY KEY,
        account_id bigint NOT NULL REFERENCES account (id),
        login text NOT NULL,
        password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
        status text NOT NULL CHECK (status IN ('active', 'revoked', 'superseded')),
        kind text NOT NULL CHECK (kind IN ('issue', 'reset')),
        must_change boolean NOT NULL,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        replaces_credential_id text,
        consent_id text NOT NULL,
        issued_by text NOT NULL,
        office_id text NOT NULL,
        workstation_id text NOT NULL,
        op_id text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoke_reason text,
        revoked_by text,
        revoked_office_id text,
        superseded_by text REFERENCES credential (id),
        superseded_at timestamptz,
        portal_first_login_at timestamptz,
        portal_password_changed_at timestamptz,
        portal_locked boolean NOT NULL DEFAULT false,
        portal_updated_at timestamptz
      )`,
      `CREATE UNIQUE INDEX credential_one_active ON credential (account_id) WHERE status = 'active'`,
      `CREATE INDEX credential_account ON credential (account_id, issued_at, op_id)`,
      `CREATE INDEX credential_replaces ON credential (replaces_credential_id)`,
      `CREATE INDEX credential_consent ON credential (consent_id)`,
      `CREATE INDEX credential_login ON credential (login) WHERE status = 'active'`,
      // A revoke that arrived before the credential it revokes; applied when that arrives.
      `CREATE TABLE credential_revocation_pending (
        credential_id text PRIMARY KEY,
        account_id bigint NOT NULL,
        revoked_at timestamptz NOT NULL,
        reason text NOT NULL,
        revoked_by text NOT NULL,
        office_id text NOT NULL,
        op_id text NOT NULL
      )`,
      `CREATE TABLE credential_conflict (
        id bigserial PRIMARY KEY,
        account_id bigint NOT NULL,
        winner_id text NOT NULL REFERENCES credential (id),
        loser_id text NOT NULL UNIQUE REFERENCES credential (id),
        rule text NOT NULL,
        detected_at timestamptz NOT NULL DEFAULT now()
      )`,

      // Each workstation's audit chain, stored exactly as hashed (`at` and `data` as the
      // strings that went into the hash) so it can be re-verified here at any time.
      `CREATE TABLE audit_event (
        workstation_id text NOT NULL,
        seq bigint NOT NULL,
        id text NOT NULL UNIQUE,
        at text NOT NULL,
        office_id text NOT NULL,
        clerk_id text,
        action text NOT NULL,
        subject text,
        text text NOT NULL,
        data text NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workstation_id, seq)
      )`,
      `CREATE INDEX audit_event_subject ON audit_event (subject)`,
      `CREATE TABLE audit_head (
        workstation_id text PRIMARY KEY,
        seq bigint NOT NULL,
        hash text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      // Append-only for everyone, the owner included: the role's missing grants stop a
      // workstation, this stops a mistaken script.
      `CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'AD100';
      END $$`,
      `CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
        FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`,
      `CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
        FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`,

      // Idempotency: an operation id is claimed here in the transaction that applies it.
      `CREATE TABLE applied_op (
        op_id text PRIMARY KEY,
        workstation_id text NOT NULL,
        kind text NOT NULL,
        result jsonb,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
      // The centre's dead-letter list: operations rejected for good (kept for supervisors;
      // a retried one that then applies is removed).
      `CREATE TABLE rejected_op (
        op_id text PRIMARY KEY,
        workstation_id text NOT NULL,
        kind text NOT NULL,
        payload jsonb NOT NULL,
        error_code text NOT NULL,
        error text NOT NULL,
        attempts integer NOT NULL DEFAULT 1,
        first_rejected_at timestamptz NOT NULL DEFAULT now(),
        last_rejected_at timestamptz NOT NULL DEFAULT now()
      )`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS rejected_op, applied_op, audit_head, audit_event,
      credential_conflict, credential_revocation_pending, credential, consent, resident, account,
      street, district CASCADE`);
    await q.query(`DROP FUNCTION IF EXISTS audit_event_append_only()`);
  }
}
