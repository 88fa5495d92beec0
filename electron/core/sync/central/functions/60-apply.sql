-- The one entry point for a workstation's operations, and the held-operation decisions.
--
-- sync_apply_op answers one of:
--   applied    the operation took effect (now)
--   duplicate  it had taken effect before (a replay, or a released hold): no second effect
--   refused    an enrolled workstation may not send it (50-checks.sql); recorded as a
--              security event and a dead letter here, and dead-lettered by the sender
--   held       over a ceiling: it waits in held_op for a supervisor of the office
-- or raises: 42501 for a login that is not (or no longer) an enrolled workstation, which
-- the sender retries (an administrator can fix it; nothing is lost); class AD, 22 or 23 for
-- an operation that can never apply, which the sender dead-letters (sync/central/apply.ts).

CREATE OR REPLACE FUNCTION ad_account_of(p jsonb) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN jsonb_typeof(p->'accountId') = 'number'
    AND (p->>'accountId') ~ '^-?[0-9]{1,18}$' THEN (p->>'accountId')::bigint END
$$;

CREATE OR REPLACE FUNCTION ad_refuse(p_login text, p_ws text, p_office text, p_op_id text,
  p_kind text, p jsonb, p_refusal jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM ad_security_event('refused', p_refusal->>'code', p_login, p_ws, p_office, p_op_id,
    p_kind, ad_account_of(p), ad_op_actor(p_kind, p), p_refusal->>'error');
  INSERT INTO rejected_op AS r (op_id, workstation_id, kind, payload, error_code, error, login)
  VALUES (p_op_id, p_ws, p_kind, p, p_refusal->>'code', p_refusal->>'error', p_login)
  ON CONFLICT (op_id) DO UPDATE SET attempts = r.attempts + 1, error_code = EXCLUDED.error_code,
    error = EXCLUDED.error, last_rejected_at = now();
  RETURN jsonb_build_object('status', 'refused', 'code', p_refusal->>'code',
    'error', p_refusal->>'error');
END $$;

-- Claims the op id and applies an operation that passed its checks. The claim comes first:
-- a second sender racing the first (after a crash) waits here for the other transaction,
-- then finds the claim and returns the stored result without a second effect.
CREATE OR REPLACE FUNCTION ad_apply_checked(p_op_id text, p_kind text, p jsonb, p_login text,
  p_ws text, p_office text) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_claimed text;
  v_result jsonb;
BEGIN
  INSERT INTO applied_op (op_id, workstation_id, kind, login, office_id, clerk_id)
  VALUES (p_op_id, p_ws, p_kind, p_login, p_office, ad_op_actor(p_kind, p))
  ON CONFLICT (op_id) DO NOTHING RETURNING op_id INTO v_claimed;
  IF v_claimed IS NULL THEN
    SELECT result INTO v_result FROM applied_op WHERE op_id = p_op_id;
    RETURN jsonb_build_object('status', 'duplicate', 'result', v_result);
  END IF;
  CASE p_kind
    WHEN 'credential.issue' THEN v_result := sync_credential_issue(p_op_id, p);
    WHEN 'credential.revoke' THEN v_result := sync_credential_revoke(p_op_id, p);
    WHEN 'consent.record' THEN v_result := sync_consent_record(p_op_id, p);
    WHEN 'consent.withdraw' THEN v_result := sync_consent_withdraw(p_op_id, p);
    WHEN 'consent.destroy' THEN v_result := sync_consent_destroy(p_op_id, p);
    WHEN 'staff.create' THEN v_result := sync_staff_create(p_op_id, p);
    WHEN 'staff.update' THEN v_result := sync_staff_update(p_op_id, p);
    WHEN 'staff.password' THEN v_result := sync_staff_password(p_op_id, p);
    WHEN 'staff.lockout' THEN v_result := sync_staff_lockout(p_op_id, p);
    ELSE RAISE EXCEPTION 'unknown operation kind %', p_kind USING ERRCODE = 'AD001';
  END CASE;
  UPDATE applied_op SET result = v_result WHERE op_id = p_op_id;
  DELETE FROM rejected_op WHERE op_id = p_op_id;
  IF p_kind = 'staff.create' AND p->>'by' = p->>'clerkId' THEN
    PERFORM ad_security_event('office-founded', NULL, p_login, p_ws, p_office, p_op_id, p_kind,
      NULL, p->>'clerkId', format('first supervisor %s of office %s', p->>'login', p_office));
  END IF;
  RETURN jsonb_build_object('status', 'applied', 'result', v_result);
END $$;

CREATE OR REPLACE FUNCTION sync_apply_op(p_op_id text, p_kind text, p_payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  c record;
  v_ws text;
  v_office text;
  v_prior record;
  v_held held_op;
  v_refusal jsonb;
  v_hold text;
BEGIN
  SELECT * INTO c FROM ad_require_caller();
  IF c.mode = 'workstation' AND c.workstation_id IS NULL THEN
    RAISE EXCEPTION 'login % has not said hello yet', c.login USING ERRCODE = '55000';
  END IF;
  v_ws := CASE WHEN c.mode = 'workstation' THEN c.workstation_id
    ELSE coalesce(p_payload->>'workstationId', '?') END;
  v_office := CASE WHEN c.mode = 'workstation' THEN c.office_id ELSE p_payload->>'officeId' END;

  SELECT workstation_id, result INTO v_prior FROM applied_op WHERE op_id = p_op_id;
  IF FOUND THEN
    IF c.mode = 'workstation' AND v_prior.workstation_id IS DISTINCT FROM v_ws THEN
      RETURN ad_refuse(c.login, v_ws, v_office, p_op_id, p_kind, p_payload, ad_refusal(
        'WORKSTATION_MISMATCH', 'this operation id was applied for another workstation'));
    END IF;
    RETURN jsonb_build_object('status', 'duplicate', 'result', v_prior.result);
  END IF;

  SELECT * INTO v_held FROM held_op WHERE op_id = p_op_id;
  IF FOUND THEN
    IF c.mode = 'workstation' AND v_held.workstation_id <> v_ws THEN
      RETURN ad_refuse(c.login, v_ws, v_office, p_op_id, p_kind, p_payload, ad_refusal(
        'WORKSTATION_MISMATCH', 'this operation id is held for another workstation'));
    END IF;
    IF v_held.status = 'refused' THEN
      RETURN jsonb_build_object('status', 'refused', 'code', 'HELD_REFUSED',
        'error', format('refused by %s after it was held (%s)', v_held.decided_by, v_held.reason));
    END IF;
    RETURN jsonb_build_object('status', 'held', 'code', 'HELD',
      'error', format('held since %s (%s) for a supervisor of office %s', v_held.held_at,
        v_held.reason, v_held.office_id));
  END IF;

  IF c.mode = 'workstation' THEN
    v_refusal := ad_check_op(c.workstation_id, c.office_id, c.districts, p_kind, p_payload);
    IF v_refusal IS NOT NULL THEN
      RETURN ad_refuse(c.login, v_ws, v_office, p_op_id, p_kind, p_payload, v_refusal);
    END IF;
    IF p_kind = 'credential.issue' THEN
      v_hold := ad_over_ceiling(v_ws, p_payload->>'issuedBy');
      IF v_hold IS NOT NULL THEN
        INSERT INTO held_op (op_id, kind, payload, login, workstation_id, office_id, clerk_id,
          account_id, reason)
        VALUES (p_op_id, p_kind, p_payload, c.login, v_ws, v_office,
          p_payload->>'issuedBy', ad_account_of(p_payload), v_hold);
        PERFORM ad_security_event('held', 'HELD', c.login, v_ws, v_office, p_op_id, p_kind,
          ad_account_of(p_payload), p_payload->>'issuedBy',
          format('%s over the %s: held for a supervisor', p_kind, v_hold));
        RETURN jsonb_build_object('status', 'held', 'code', 'HELD',
          'error', format('over the %s: held for a supervisor of office %s', v_hold, v_office));
      END IF;
    END IF;
  END IF;
  RETURN ad_apply_checked(p_op_id, p_kind, p_payload, c.login, v_ws, v_office);
END $$;

-- A batch in one statement and one transaction (one round trip). A refusal or a hold does
-- not stop the batch; a raised rejection rolls the whole batch back, and the workstation
-- resends it one by one with a savepoint each (sync/central/apply.ts).
CREATE OR REPLACE FUNCTION sync_apply_batch(p_ops jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  o jsonb;
  v_out jsonb := '[]';
BEGIN
  UPDATE workstation SET last_seen_at = now() WHERE login = session_user;
  FOR o IN SELECT x.value FROM jsonb_array_elements(p_ops) WITH ORDINALITY AS x(value, n) ORDER BY x.n LOOP
    v_out := v_out || jsonb_build_array(jsonb_build_object('opId', o->>'opId')
      || sync_apply_op(o->>'opId', o->>'kind', o->'payload'));
  END LOOP;
  RETURN v_out;
END $$;

-- A rejection the sender met by a raised error (it rolled back to its savepoint first).
CREATE OR REPLACE FUNCTION sync_reject_op(p_op_id text, p_kind text, p_payload jsonb, p_code text, p_error text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  c record;
BEGIN
  SELECT * INTO c FROM ad_require_caller();
  INSERT INTO rejected_op AS r (op_id, workstation_id, kind, payload, error_code, error, login)
  VALUES (p_op_id, CASE WHEN c.mode = 'workstation' THEN c.workstation_id
      ELSE coalesce(p_payload->>'workstationId', '?') END,
    p_kind, p_payload, p_code, p_error, c.login)
  ON CONFLICT (op_id) DO UPDATE SET attempts = r.attempts + 1, error_code = EXCLUDED.error_code,
    error = EXCLUDED.error, last_rejected_at = now()
  WHERE r.login IS NOT DISTINCT FROM EXCLUDED.login;
END $$;

-- A supervisor's decision on held operations of their office (or IT's, from the centre):
-- release applies each with every check again as of now (the ceiling aside), refuse
-- dead-letters it. Each decision is a security event. The sender learns the outcome when it
-- sends the operation again (duplicate, or refused).
CREATE OR REPLACE FUNCTION sync_decide_held(p_op_ids text[], p_by text, p_release boolean)
RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  c record;
  h held_op;
  w workstation;
  v_refusal jsonb;
  v_out jsonb := '[]';
  v_status text;
BEGIN
  SELECT * INTO c FROM ad_caller();
  IF c.mode = 'workstation' THEN
    IF NOT EXISTS (SELECT 1 FROM staff WHERE id = p_by AND office_id = c.office_id
                   AND role = 'supervisor' AND disabled_at IS NULL) THEN
      PERFORM ad_security_event('decision-refused', 'NOT_A_SUPERVISOR', c.login,
        c.workstation_id, c.office_id, NULL, NULL, NULL, p_by,
        format('%s is not an active supervisor of office %s', p_by, c.office_id));
      RETURN jsonb_build_object('refused', 'NOT_A_SUPERVISOR', 'decided', '[]'::jsonb);
    END IF;
  ELSIF c.mode <> 'centre' THEN
    RAISE EXCEPTION 'login % may not decide held operations', c.login USING ERRCODE = '42501';
  END IF;
  FOR h IN SELECT * FROM held_op WHERE op_id = ANY (p_op_ids) AND status = 'held'
      AND (c.mode = 'centre' OR office_id = c.office_id) ORDER BY held_at FOR UPDATE LOOP
    v_refusal := NULL;
    IF p_release THEN
      SELECT * INTO w FROM workstation WHERE login = h.login;
      IF FOUND AND NOT w.enabled THEN
        v_refusal := ad_refusal('LOGIN_DISABLED', format('workstation login %s is disabled', h.login));
      ELSIF FOUND THEN
        v_refusal := ad_check_op(h.workstation_id, h.office_id, w.districts, h.kind, h.payload);
      END IF;
      IF v_refusal IS NULL THEN
        BEGIN
          PERFORM ad_apply_checked(h.op_id, h.kind, h.payload, h.login, h.workstation_id,
            h.office_id);
        EXCEPTION WHEN OTHERS THEN
          v_refusal := ad_refusal(SQLSTATE, SQLERRM);
        END;
      END IF;
    ELSE
      v_refusal := ad_refusal('REFUSED_BY_SUPERVISOR', format('refused by %s', p_by));
    END IF;
    v_status := CASE WHEN v_refusal IS NULL THEN 'released' ELSE 'refused' END;
    UPDATE held_op SET status = v_status, decided_at = now(), decided_by = p_by,
      decided_login = c.login WHERE op_id = h.op_id;
    IF v_refusal IS NOT NULL THEN
      INSERT INTO rejected_op AS r (op_id, workstation_id, kind, payload, error_code, error, login)
      VALUES (h.op_id, h.workstation_id, h.kind, h.payload, v_refusal->>'code',
        v_refusal->>'error', h.login)
      ON CONFLICT (op_id) DO UPDATE SET attempts = r.attempts + 1,
        error_code = EXCLUDED.error_code, error = EXCLUDED.error, last_rejected_at = now();
    END IF;
    PERFORM ad_security_event(CASE WHEN v_refusal IS NULL THEN 'held-released' ELSE 'held-refused' END,
      v_refusal->>'code', c.login, h.workstation_id, h.office_id, h.op_id, h.kind, h.account_id,
      p_by, coalesce(v_refusal->>'error', format('released by %s', p_by)));
    v_out := v_out || jsonb_build_array(jsonb_build_object('opId', h.op_id, 'status', v_status,
      'code', v_refusal->>'code'));
  END LOOP;
  RETURN jsonb_build_object('decided', v_out);
END $$;
