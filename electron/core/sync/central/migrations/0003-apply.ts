import type { MigrationInterface, QueryRunner } from 'typeorm';

// How the centre applies a workstation's operations. The rules live here, in the database,
// so that they are the same for every workstation version and a workstation's role needs
// no write grant: it may only call these SECURITY DEFINER functions.
//
// Errors a retry will never fix are raised with SQLSTATE class 'AD' (or come from a
// constraint, class 23, or bad data, class 22); the push loop dead-letters those and keeps
// going. Anything else is treated as transient and retried.
//
// Credential rule (per account; at most one credential is active):
//  1. A credential whose successor is already here (one that names it in
//     replaces_credential_id) is stored revoked ('replaced'): the successor won already.
//  2. Otherwise compare it with the head, the latest non-superseded credential of the
//     account by (issued_at, op_id). It wins if there is no head, if it names the head as
//     the credential it replaces (a causal successor wins whatever the clocks say), or if
//     it is later. The winner becomes active; a credential it replaces is revoked
//     ('replaced'); any other active one lost a conflict and becomes 'superseded' with a
//     pointer to the winner. A credential that loses is stored 'superseded' likewise.
//     Every conflict gets a credential_conflict row, which the feed carries to both sides.
//  3. A revoke (or a consent withdrawal) that arrived before its credential is applied to
//     it on arrival. Nothing is ever deleted.
// Which credential ends active does not depend on the order operations arrive in.
const DEFINER = 'LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp';
const LOCK = `PERFORM pg_advisory_xact_lock(hashtextextended('access-desk:credential:' || v_account, 0));`;

export class CentralApply1795700000003 implements MigrationInterface {
  name = 'CentralApply1795700000003';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE FUNCTION sync_credential_issue(p_op text, p jsonb) RETURNS jsonb ${DEFINER} AS $$
      DECLARE
        v_id text := p->>'credentialId';
        v_account bigint := (p->>'accountId')::bigint;
        v_issued timestamptz := (p->>'issuedAt')::timestamptz;
        v_replaces text := p->>'replacesCredentialId';
        v_status text := 'active';
        v_superseded_by text;
        v_losers text[] := '{}';
        v_rev_at timestamptz; v_rev_reason text; v_rev_by text; v_rev_office text;
        h record; x record; r record;
      BEGIN
        IF v_id IS NULL OR v_account IS NULL OR v_issued IS NULL THEN
          RAISE EXCEPTION 'credential.issue lacks credentialId, accountId or issuedAt' USING ERRCODE = 'AD004';
        END IF;
        ${LOCK}
        IF EXISTS (SELECT 1 FROM credential WHERE id = v_id) THEN
          RAISE EXCEPTION 'credential % already exists under another operation', v_id USING ERRCODE = 'AD002';
        END IF;

        SELECT id, issued_at, issued_by, office_id INTO r FROM credential
        WHERE replaces_credential_id = v_id ORDER BY issued_at, op_id LIMIT 1;
        IF FOUND THEN
          v_status := 'revoked';
          v_rev_at := r.issued_at; v_rev_reason := 'replaced'; v_rev_by := r.issued_by; v_rev_office := r.office_id;
        ELSE
          SELECT id, issued_at, op_id INTO h FROM credential
          WHERE account_id = v_account AND status <> 'superseded'
          ORDER BY issued_at DESC, op_id DESC LIMIT 1;
          IF NOT FOUND OR h.id = v_replaces OR (v_issued, p_op) > (h.issued_at, h.op_id) THEN
            FOR x IN SELECT id FROM credential WHERE account_id = v_account AND status = 'active' FOR UPDATE LOOP
              IF x.id = v_replaces THEN
                UPDATE credential SET status = 'revoked', revoke_reason = 'replaced', revoked_at = v_issued,
                  revoked_by = p->>'issuedBy', revoked_office_id = p->>'officeId'
                WHERE id = x.id;
              ELSE
                UPDATE credential SET status = 'superseded', superseded_at = now() WHERE id = x.id;
                v_losers := v_losers || x.id;
              END IF;
            END LOOP;
          ELSE
            v_status := 'superseded';
            v_superseded_by := h.id;
          END IF;
        END IF;

        -- A revoke that came first: the same result as if it had come after (see revoke).
        DELETE FROM credential_revocation_pending WHERE credential_id = v_id RETURNING * INTO r;
        IF FOUND AND (v_status = 'active' OR v_rev_reason = 'replaced') THEN
          v_status := 'revoked';
          v_rev_at := r.revoked_at; v_rev_reason := r.reason; v_rev_by := r.revoked_by; v_rev_office := r.office_id;
        END IF;
        IF v_status = 'active' THEN
          SELECT withdrawn_at, withdrawn_by, withdrawn_office_id INTO r FROM consent
          WHERE id = p->>'consentId' AND withdrawn_at IS NOT NULL;
          IF FOUND THEN
            v_status := 'revoked';
            v_rev_at := r.withdrawn_at; v_rev_reason := 'consent-withdrawn';
            v_rev_by := r.withdrawn_by; v_rev_office := r.withdrawn_office_id;
          END IF;
        END IF;

        INSERT INTO credential (id, account_id, login, password_hash, status, kind, must_change,
          issued_at, expires_at, version, replaces_credential_id, consent_id, issued_by, office_id,
          workstation_id, op_id, revoked_at, revoke_reason, revoked_by, revoked_office_id,
          superseded_by, superseded_at)
        VALUES (v_id, v_account, p->>'login', p->>'passwordHash', v_status, p->>'kind',
          (p->>'mustChange')::boolean, v_issued, (p->>'expiresAt')::timestamptz,
          (p->>'version')::integer, v_replaces, p->>'consentId', p->>'issuedBy', p->>'officeId',
          p->>'workstationId', p_op, v_rev_at, v_rev_reason, v_rev_by, v_rev_office,
          v_superseded_by, CASE WHEN v_superseded_by IS NOT NULL THEN now() END);

        IF cardinality(v_losers) > 0 THEN
          UPDATE credential SET superseded_by = v_id WHERE id = ANY (v_losers);
          INSERT INTO credential_conflict (account_id, winner_id, loser_id, rule)
          SELECT v_account, v_id, l, 'latest-issued-wins' FROM unnest(v_losers) AS l;
        END IF;
        IF v_superseded_by IS NOT NULL THEN
          INSERT INTO credential_conflict (account_id, winner_id, loser_id, rule)
          VALUES (v_account, v_superseded_by, v_id, 'latest-issued-wins');
        END IF;
        RETURN jsonb_build_object('credentialId', v_id, 'status', v_status,
          'supersededBy', v_superseded_by, 'superseded', to_jsonb(v_losers));
      END $$`,

      `CREATE FUNCTION sync_credential_revoke(p_op text, p jsonb) RETURNS jsonb ${DEFINER} AS $$
      DECLARE
        v_id text := p->>'credentialId';
        v_account bigint := (p->>'accountId')::bigint;
        v_at timestamptz := (p->>'revokedAt')::timestamptz;
        c record;
      BEGIN
        IF v_id IS NULL OR v_account IS NULL OR v_at IS NULL OR p->>'reason' IS NULL
           OR p->>'revokedBy' IS NULL OR p->>'officeId' IS NULL THEN
          RAISE EXCEPTION 'credential.revoke lacks a required field' USING ERRCODE = 'AD004';
        END IF;
        ${LOCK}
        SELECT id, account_id, status, revoke_reason INTO c FROM credential WHERE id = v_id FOR UPDATE;
        IF NOT FOUND THEN
          IF NOT EXISTS (SELECT 1 FROM account WHERE id = v_account) THEN
            RAISE EXCEPTION 'account % is not in the registry', v_account USING ERRCODE = 'AD005';
          END IF;
          INSERT INTO credential_revocation_pending VALUES (v_id, v_account, v_at, p->>'reason',
            p->>'revokedBy', p->>'officeId', p_op) ON CONFLICT (credential_id) DO NOTHING;
          RETURN jsonb_build_object('credentialId', v_id, 'status', 'revocation-pending');
        END IF;
        IF c.account_id <> v_account THEN
          RAISE EXCEPTION 'credential % belongs to another account', v_id USING ERRCODE = 'AD003';
        END IF;
        -- An explicit revoke also overrides the implicit 'replaced', so the result does not
        -- depend on which of the two arrived first.
        IF c.status = 'active' OR (c.status = 'revoked' AND c.revoke_reason = 'replaced') THEN
          UPDATE credential SET status = 'revoked', revoked_at = v_at, revoke_reason = p->>'reason',
            revoked_by = p->>'revokedBy', revoked_office_id = p->>'officeId'
          WHERE id = v_id;
          RETURN jsonb_build_object('credentialId', v_id, 'status', 'revoked');
        END IF;
        RETURN jsonb_build_object('credentialId', v_id, 'status', c.status, 'unchanged', true);
      END $$`,

      `CREATE FUNCTION sync_consent_record(p_op text, p jsonb) RETURNS jsonb ${DEFINER} AS $$
      BEGIN
        IF p->>'consentId' IS NULL OR p->>'accountId' IS NULL OR p->>'signedAt' IS NULL
           OR p->>'textVersion' IS NULL OR p->>'recordedBy' IS NULL THEN
          RAISE EXCEPTION 'consent.record lacks a required field' USING ERRCODE = 'AD004';
        END IF;
        INSERT INTO consent AS c (id, account_id, resident_id, text_version, language, subject,
          representative, operator, signed_at, recorded_by, office_id, workstation_id, recorded_op)
        VALUES (p->>'consentId', (p->>'accountId')::bigint, (p->>'residentId')::bigint,
          p->>'textVersion', p->>'language', p->'subject',
          CASE WHEN jsonb_typeof(p->'representative') = 'object' THEN p->'representative' END,
          p->'operator', (p->>'signedAt')::timestamptz, p->>'recordedBy', p->>'officeId',
          p->>'workstationId', p_op)
        ON CONFLICT (id) DO UPDATE SET resident_id = EXCLUDED.resident_id,
          text_version = EXCLUDED.text_version, language = EXCLUDED.language,
          subject = EXCLUDED.subject, representative = EXCLUDED.representative,
          operator = EXCLUDED.operator, signed_at = EXCLUDED.signed_at,
          recorded_by = EXCLUDED.recorded_by, office_id = EXCLUDED.office_id,
          workstation_id = EXCLUDED.workstation_id, recorded_op = EXCLUDED.recorded_op
        WHERE c.signed_at IS NULL AND c.account_id = EXCLUDED.account_id;
        RETURN jsonb_build_object('consentId', p->>'consentId');
      END $$`,

      `CREATE FUNCTION sync_consent_withdraw(p_op text, p jsonb) RETURNS jsonb ${DEFINER} AS $$
      DECLARE
        v_id text := p->>'consentId';
        v_account bigint := (p->>'accountId')::bigint;
        v_at timestamptz := (p->>'withdrawnAt')::timestamptz;
        v_revoked text[];
      BEGIN
        IF v_id IS NULL OR v_account IS NULL OR v_at IS NULL OR p->>'withdrawnBy' IS NULL THEN
          RAISE EXCEPTION 'consent.withdraw lacks a required field' USING ERRCODE = 'AD004';
        END IF;
        INSERT INTO consent AS c (id, account_id, withdrawn_at, withdrawn_by, withdraw_reason,
          withdrawn_office_id, withdrawn_workstation_id, withdrawn_op)
        VALUES (v_id, v_account, v_at, p->>'withdrawnBy', p->>'reason', p->>'officeId',
          p->>'workstationId', p_op)
        ON CONFLICT (id) DO UPDATE SET withdrawn_at = EXCLUDED.withdrawn_at,
          withdrawn_by = EXCLUDED.withdrawn_by, withdraw_reason = EXCLUDED.withdraw_reason,
          withdrawn_office_id = EXCLUDED.withdrawn_office_id,
          withdrawn_workstation_id = EXCLUDED.withdrawn_workstation_id,
          withdrawn_op = EXCLUDED.withdrawn_op
        WHERE c.withdrawn_at IS NULL;
        ${LOCK}
        WITH r AS (
          UPDATE credential SET status = 'revoked', revoke_reason = 'consent-withdrawn',
            revoked_at = v_at, revoked_by = p->>'withdrawnBy', revoked_office_id = p->>'officeId'
          WHERE consent_id = v_id AND status = 'active' RETURNING id)
        SELECT coalesce(array_agg(id), '{}') INTO v_revoked FROM r;
        RETURN jsonb_build_object('consentId', v_id, 'revoked', to_jsonb(v_revoked));
      END $$`,

      // The one entry point for operations. The op id is claimed first: a replay (or a
      // second sender racing the first after a crash) finds the claim, waits for the other
      // transaction if it is still open, and returns the stored result without a second
      // effect.
      `CREATE FUNCTION sync_apply_op(p_op_id text, p_kind text, p_payload jsonb) RETURNS jsonb ${DEFINER} AS $$
      DECLARE
        v_claimed text;
        v_result jsonb;
      BEGIN
        INSERT INTO applied_op (op_id, workstation_id, kind)
        VALUES (p_op_id, coalesce(p_payload->>'workstationId', '?'), p_kind)
        ON CONFLICT (op_id) DO NOTHING RETURNING op_id INTO v_claimed;
        IF v_claimed IS NULL THEN
          SELECT result INTO v_result FROM applied_op WHERE op_id = p_op_id;
          RETURN jsonb_build_object('status', 'duplicate', 'result', v_result);
        END IF;
        CASE p_kind
          WHEN 'credential.issue' THEN v_result := sync_credential_issue(p_op_id, p_payload);
          WHEN 'credential.revoke' THEN v_result := sync_credential_revoke(p_op_id, p_payload);
          WHEN 'consent.record' THEN v_result := sync_consent_record(p_op_id, p_payload);
          WHEN 'consent.withdraw' THEN v_result := sync_consent_withdraw(p_op_id, p_payload);
          ELSE RAISE EXCEPTION 'unknown operation kind %', p_kind USING ERRCODE = 'AD001';
        END CASE;
        UPDATE applied_op SET result = v_result WHERE op_id = p_op_id;
        DELETE FROM rejected_op WHERE op_id = p_op_id;
        RETURN jsonb_build_object('status', 'applied', 'result', v_result);
      END $$`,

      // A batch in one statement and one transaction (one round trip). If any operation in
      // it is rejected the whole batch rolls back, and the workstation resends it one by one
      // with a savepoint each, so the rejection stays with its operation (sync/central/apply.ts).
      `CREATE FUNCTION sync_apply_batch(p_ops jsonb) RETURNS jsonb ${DEFINER} AS $$
      DECLARE
        o jsonb;
        v_out jsonb := '[]';
      BEGIN
        FOR o IN SELECT x.value FROM jsonb_array_elements(p_ops) WITH ORDINALITY AS x(value, n) ORDER BY x.n LOOP
          v_out := v_out || jsonb_build_array(jsonb_build_object('opId', o->>'opId')
            || sync_apply_op(o->>'opId', o->>'kind', o->'payload'));
        END LOOP;
        RETURN v_out;
      END $$`,

      `CREATE FUNCTION sync_reject_op(p_op_id text, p_kind text, p_payload jsonb, p_code text, p_error text)
      RETURNS void ${DEFINER} AS $$
      BEGIN
        INSERT INTO rejected_op AS r (op_id, workstation_id, kind, payload, error_code, error)
        VALUES (p_op_id, coalesce(p_payload->>'workstationId', '?'), p_kind, p_payload, p_code, p_error)
        ON CONFLICT (op_id) DO UPDATE SET attempts = r.attempts + 1, error_code = EXCLUDED.error_code,
          error = EXCLUDED.error, last_rejected_at = now();
      END $$`,

      // Appends a run of one workstation's audit chain. Entries already here are skipped if
      // identical (a replay) and refused if not (a rewritten local chain); the first new
      // entry must continue the stored head, and each next one the entry before it.
      `CREATE FUNCTION sync_append_audit(p_ws text, p_events jsonb) RETURNS jsonb ${DEFINER} AS $$
      DECLARE
        v_seq bigint;
        v_hash text;
        e record;
      BEGIN
        INSERT INTO audit_head (workstation_id, seq, hash) VALUES (p_ws, 0, NULL)
        ON CONFLICT (workstation_id) DO NOTHING;
        SELECT seq, hash INTO v_seq, v_hash FROM audit_head WHERE workstation_id = p_ws FOR UPDATE;
        FOR e IN SELECT * FROM jsonb_to_recordset(p_events) AS x(seq bigint, id text, at text,
            workstation_id text, office_id text, clerk_id text, action text, subject text,
            text text, data text, prev_hash text, hash text) ORDER BY x.seq LOOP
          IF e.workstation_id IS DISTINCT FROM p_ws THEN
            RAISE EXCEPTION 'audit entry % belongs to workstation %', e.seq, e.workstation_id USING ERRCODE = 'AD013';
          END IF;
          IF e.seq <= v_seq THEN
            IF NOT EXISTS (SELECT 1 FROM audit_event WHERE workstation_id = p_ws AND seq = e.seq AND hash = e.hash) THEN
              RAISE EXCEPTION 'audit chain of % forks at entry %', p_ws, e.seq USING ERRCODE = 'AD010';
            END IF;
            CONTINUE;
          END IF;
          IF e.seq <> v_seq + 1 THEN
            RAISE EXCEPTION 'audit chain of % skips from % to %', p_ws, v_seq, e.seq USING ERRCODE = 'AD011';
          END IF;
          IF e.prev_hash IS DISTINCT FROM coalesce(v_hash, repeat('0', 64)) THEN
            RAISE EXCEPTION 'audit entry % of % does not continue the stored head', e.seq, p_ws USING ERRCODE = 'AD012';
          END IF;
          INSERT INTO audit_event (workstation_id, seq, id, at, office_id, clerk_id, action, subject,
            text, data, prev_hash, hash)
          VALUES (p_ws, e.seq, e.id, e.at, e.office_id, e.clerk_id, e.action, e.subject, e.text,
            e.data, e.prev_hash, e.hash);
          v_seq := e.seq;
          v_hash := e.hash;
        END LOOP;
        UPDATE audit_head SET seq = v_seq, hash = v_hash, updated_at = now() WHERE workstation_id = p_ws;
        RETURN jsonb_build_object('seq', v_seq, 'hash', v_hash);
      END $$`,

      `CREATE FUNCTION sync_audit_head(p_ws text) RETURNS jsonb
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
        SELECT coalesce((SELECT jsonb_build_object('seq', seq, 'hash', hash) FROM audit_head
          WHERE workstation_id = p_ws), jsonb_build_object('seq', 0, 'hash', NULL));
      $$`,

      // What the portal writes back (for the account card). The tests call it to play the
      // portal; the portal's own role may call nothing else.
      `CREATE FUNCTION portal_record_event(p_credential_id text, p_event text, p_at timestamptz DEFAULT now())
      RETURNS void ${DEFINER} AS $$
      BEGIN
        CASE p_event
          WHEN 'first-login' THEN
            UPDATE credential SET portal_first_login_at = coalesce(portal_first_login_at, p_at),
              portal_updated_at = p_at WHERE id = p_credential_id;
          WHEN 'password-changed' THEN
            UPDATE credential SET portal_password_changed_at = p_at, must_change = false,
              portal_first_login_at = coalesce(portal_first_login_at, p_at), portal_updated_at = p_at
            WHERE id = p_credential_id;
          WHEN 'locked' THEN
            UPDATE credential SET portal_locked = true, portal_updated_at = p_at WHERE id = p_credential_id;
          WHEN 'unlocked' THEN
            UPDATE credential SET portal_locked = false, portal_updated_at = p_at WHERE id = p_credential_id;
          ELSE
            RAISE EXCEPTION 'unknown portal event %', p_event USING ERRCODE = 'AD020';
        END CASE;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'credential % not found', p_credential_id USING ERRCODE = 'AD021';
        END IF;
      END $$`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const f of [
      'portal_record_event(text, text, timestamptz)',
      'sync_audit_head(text)',
      'sync_append_audit(text, jsonb)',
      'sync_reject_op(text, text, jsonb, text, text)',
      'sync_apply_batch(jsonb)',
      'sync_apply_op(text, text, jsonb)',
      'sync_consent_withdraw(text, jsonb)',
      'sync_consent_record(text, jsonb)',
      'sync_credential_revoke(text, jsonb)',
      'sync_credential_issue(text, jsonb)',
    ]) {
      await q.query(`DROP FUNCTION IF EXISTS ${f}`);
    }
  }
}
