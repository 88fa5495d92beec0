-- How the centre applies credential operations (after sync_apply_op has checked who sent
-- them and that the account is theirs: functions/50-checks.sql).
--
-- Credential rule (per account; at most one credential is active):
--  1. A credential whose successor is already here (one of the same account that names it
--     in replaces_credential_id) is stored revoked ('replaced'): the successor won already.
--  2. Otherwise compare it with the head, the latest non-superseded credential of the
--     account by (issued_at, op_id). It wins if there is no head, if it names the head as
--     the credential it replaces (a causal successor wins whatever the clocks say), or if
--     it is later. The winner becomes active; a credential it replaces is revoked
--     ('replaced'); any other active one lost a conflict and becomes 'superseded' with a
--     pointer to the winner. A credential that loses is stored 'superseded' likewise.
--     Every conflict gets a credential_conflict row, which the feed carries to both sides.
--  3. A revoke (or a consent withdrawal) that arrived before its credential is applied to
--     it on arrival. Nothing is ever deleted.
-- Which credential ends active does not depend on the order operations arrive in. Every
-- cross-reference (replaces, a pending revoke, a consent) counts only within one account,
-- so an operation for one account can never touch another's credentials.
--
-- Errors a retry will never fix are raised with SQLSTATE class 'AD' (or come from a
-- constraint, class 23, or bad data, class 22); the push loop dead-letters those.

CREATE OR REPLACE FUNCTION sync_credential_issue(p_op text, p jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
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
  PERFORM pg_advisory_xact_lock(hashtextextended('access-desk:credential:' || v_account, 0));
  IF EXISTS (SELECT 1 FROM credential WHERE id = v_id) THEN
    RAISE EXCEPTION 'credential % already exists under another operation', v_id USING ERRCODE = 'AD002';
  END IF;

  SELECT id, issued_at, issued_by, office_id INTO r FROM credential
  WHERE replaces_credential_id = v_id AND account_id = v_account
  ORDER BY issued_at, op_id LIMIT 1;
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
  DELETE FROM credential_revocation_pending WHERE credential_id = v_id AND account_id = v_account
  RETURNING * INTO r;
  IF FOUND AND (v_status = 'active' OR v_rev_reason = 'replaced') THEN
    v_status := 'revoked';
    v_rev_at := r.revoked_at; v_rev_reason := r.reason; v_rev_by := r.revoked_by; v_rev_office := r.office_id;
  END IF;
  IF v_status = 'active' THEN
    SELECT withdrawn_at, withdrawn_by, withdrawn_office_id INTO r FROM consent
    WHERE id = p->>'consentId' AND account_id = v_account AND withdrawn_at IS NOT NULL;
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
END $$;

CREATE OR REPLACE FUNCTION sync_credential_revoke(p_op text, p jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
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
  PERFORM pg_advisory_xact_lock(hashtextextended('access-desk:credential:' || v_account, 0));
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
END $$;

-- Consents arrive from workstations. A withdrawal may arrive before the record it withdraws
-- (operations can be replayed out of order), so the row is completed by whichever comes
-- second; either only ever touches a consent of the account it names.
CREATE OR REPLACE FUNCTION sync_consent_record(p_op text, p jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
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
END $$;

CREATE OR REPLACE FUNCTION sync_consent_withdraw(p_op text, p jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_id text := p->>'consentId';
  v_account bigint := (p->>'accountId')::bigint;
  v_at timestamptz := (p->>'withdrawnAt')::timestamptz;
  v_revoked text[];
BEGIN
  IF v_id IS NULL OR v_account IS NULL OR v_at IS NULL OR p->>'withdrawnBy' IS NULL THEN
    RAISE EXCEPTION 'consent.withdraw lacks a required field' USING ERRCODE = 'AD004';
  END IF;
  IF EXISTS (SELECT 1 FROM consent WHERE id = v_id AND account_id <> v_account) THEN
    RAISE EXCEPTION 'consent % belongs to another account', v_id USING ERRCODE = 'AD003';
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
  WHERE c.withdrawn_at IS NULL AND c.account_id = EXCLUDED.account_id;
  PERFORM pg_advisory_xact_lock(hashtextextended('access-desk:credential:' || v_account, 0));
  WITH r AS (
    UPDATE credential SET status = 'revoked', revoke_reason = 'consent-withdrawn',
      revoked_at = v_at, revoked_by = p->>'withdrawnBy', revoked_office_id = p->>'officeId'
    WHERE consent_id = v_id AND account_id = v_account AND status = 'active' RETURNING id)
  SELECT coalesce(array_agg(id), '{}') INTO v_revoked FROM r;
  RETURN jsonb_build_object('consentId', v_id, 'revoked', to_jsonb(v_revoked));
END $$;
