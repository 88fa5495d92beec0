-- What an enrolled workstation may send. Checked for every operation before it is applied;
-- a refusal is returned, not raised, so that the security event and the dead letter it
-- writes commit whatever the sender does next. NULL means the operation may go ahead.
--
--  - identity: the payload's workstationId and officeId are the login's own;
--  - scope: the account is in one of the login's districts, and every credential or consent
--    the operation points at belongs to that same account;
--  - the clerk named as acting is an active staff member of the login's office, and for
--    staff changes a supervisor (a clerk may change only their own password; an office's
--    founding supervisor may create themselves while the office has no staff at all).

CREATE OR REPLACE FUNCTION ad_op_actor(p_kind text, p jsonb) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE p_kind
    WHEN 'credential.issue' THEN p->>'issuedBy'
    WHEN 'credential.revoke' THEN p->>'revokedBy'
    WHEN 'consent.record' THEN p->>'recordedBy'
    WHEN 'consent.withdraw' THEN p->>'withdrawnBy'
    WHEN 'consent.destroy' THEN p->>'destroyedBy'
    WHEN 'staff.create' THEN p->>'by'
    WHEN 'staff.update' THEN p->>'by'
    WHEN 'staff.password' THEN p->>'by'
  END
$$;

CREATE OR REPLACE FUNCTION ad_refusal(p_code text, p_error text) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$ SELECT jsonb_build_object('code', p_code, 'error', p_error) $$;

CREATE OR REPLACE FUNCTION ad_check_staff(p_office text, p_kind text, p jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_by text := p->>'by';
  v_target text := p->>'clerkId';
  v_active boolean;
  v_super boolean;
BEGIN
  IF p_kind = 'staff.lockout' THEN
    RETURN NULL;
  END IF;
  SELECT true, role = 'supervisor' INTO v_active, v_super FROM staff
  WHERE id = v_by AND office_id = p_office AND disabled_at IS NULL;
  v_active := coalesce(v_active, false);
  v_super := coalesce(v_super, false);
  IF p_kind = 'staff.create' THEN
    IF v_super THEN
      RETURN NULL;
    END IF;
    IF v_by = v_target AND p->>'role' = 'supervisor'
       AND NOT EXISTS (SELECT 1 FROM staff WHERE office_id = p_office) THEN
      RETURN NULL;
    END IF;
    RETURN ad_refusal('NOT_A_SUPERVISOR',
      format('%s may not create staff in office %s', coalesce(v_by, 'nobody'), p_office));
  END IF;
  IF NOT EXISTS (SELECT 1 FROM staff WHERE id = v_target AND office_id = p_office) THEN
    RETURN ad_refusal('CLERK_NOT_IN_OFFICE',
      format('%s is not a staff member of office %s', coalesce(v_target, 'nobody'), p_office));
  END IF;
  IF p_kind = 'staff.password' AND v_by = v_target AND v_active THEN
    RETURN NULL;
  END IF;
  IF NOT v_super THEN
    RETURN ad_refusal('NOT_A_SUPERVISOR',
      format('%s is not an active supervisor of office %s', coalesce(v_by, 'nobody'), p_office));
  END IF;
  IF p_kind = 'staff.update' AND v_by = v_target
     AND (p->>'role' = 'clerk' OR p->>'disabled' = 'true') THEN
    RETURN ad_refusal('NOT_A_SUPERVISOR', 'a supervisor may not demote or disable themselves');
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION ad_check_op(p_ws text, p_office text, p_districts text[],
  p_kind text, p jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_account bigint;
  v_district text;
  v_other bigint;
  v_actor text := ad_op_actor(p_kind, p);
BEGIN
  IF p_kind NOT IN ('credential.issue', 'credential.revoke', 'consent.record',
      'consent.withdraw', 'consent.destroy', 'staff.create', 'staff.update', 'staff.password',
      'staff.lockout') THEN
    RETURN NULL; -- sync_apply_op refuses an unknown kind on its own
  END IF;
  IF p->>'workstationId' IS DISTINCT FROM p_ws THEN
    RETURN ad_refusal('WORKSTATION_MISMATCH', format(
      'the operation names workstation %s; this login is workstation %s',
      coalesce(p->>'workstationId', 'none'), p_ws));
  END IF;
  IF p->>'officeId' IS DISTINCT FROM p_office THEN
    RETURN ad_refusal('OFFICE_MISMATCH', format(
      'the operation names office %s; this workstation belongs to office %s',
      coalesce(p->>'officeId', 'none'), p_office));
  END IF;

  IF p_kind LIKE 'staff.%' THEN
    RETURN ad_check_staff(p_office, p_kind, p);
  END IF;

  v_account := (p->>'accountId')::bigint;
  SELECT district_code INTO v_district FROM account WHERE id = v_account;
  IF v_district IS NULL OR NOT (v_district = ANY (p_districts)) THEN
    RETURN ad_refusal('OUT_OF_SCOPE', format(
      'account %s is not in the districts this workstation is enrolled for', v_account));
  END IF;
  IF p_kind IN ('credential.issue', 'credential.revoke') THEN
    SELECT account_id INTO v_other FROM credential
    WHERE id = CASE p_kind WHEN 'credential.issue' THEN p->>'replacesCredentialId'
                          ELSE p->>'credentialId' END;
    IF v_other IS NOT NULL AND v_other <> v_account THEN
      RETURN ad_refusal('OUT_OF_SCOPE', 'the credential it names belongs to another account');
    END IF;
  END IF;
  SELECT account_id INTO v_other FROM consent WHERE id = p->>'consentId';
  IF v_other IS NOT NULL AND v_other <> v_account THEN
    RETURN ad_refusal('OUT_OF_SCOPE', 'the consent it names belongs to another account');
  END IF;

  IF p_kind = 'consent.destroy' THEN
    -- The daily job acts for no one; a named supervisor must be one of this office's.
    IF v_actor IS NOT NULL AND NOT EXISTS (SELECT 1 FROM staff WHERE id = v_actor
        AND office_id = p_office AND role = 'supervisor' AND disabled_at IS NULL) THEN
      RETURN ad_refusal('NOT_A_SUPERVISOR', format(
        '%s is not an active supervisor of office %s', v_actor, p_office));
    END IF;
    RETURN ad_destroy_not_due(p);
  END IF;

  IF NOT EXISTS (SELECT 1 FROM staff WHERE id = v_actor AND office_id = p_office
                 AND disabled_at IS NULL) THEN
    RETURN ad_refusal('CLERK_NOT_IN_OFFICE', format(
      '%s is not an active staff member of office %s', coalesce(v_actor, 'nobody'), p_office));
  END IF;
  RETURN NULL;
END $$;

-- Issues and resets applied in the last hour, per clerk and per workstation, against the
-- centre's ceilings (centre_setting; `npm run central -- limits`). NULL: under both.
CREATE OR REPLACE FUNCTION ad_over_ceiling(p_ws text, p_clerk text) RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF (SELECT count(*) FROM applied_op WHERE kind = 'credential.issue' AND clerk_id = p_clerk
      AND applied_at > now() - interval '1 hour')
     >= ad_setting_int('ceiling.clerk_per_hour', 30) THEN
    RETURN 'clerk-ceiling';
  END IF;
  IF (SELECT count(*) FROM applied_op WHERE kind = 'credential.issue' AND workstation_id = p_ws
      AND applied_at > now() - interval '1 hour')
     >= ad_setting_int('ceiling.workstation_per_hour', 60) THEN
    RETURN 'workstation-ceiling';
  END IF;
  RETURN NULL;
END $$;
