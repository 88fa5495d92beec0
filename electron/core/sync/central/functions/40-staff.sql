-- One staff directory per office. A workstation sends staff.* operations for what its
-- supervisors and clerks did (sync_apply_op checks that the one named as acting may do it:
-- functions/50-checks.sql); every workstation of the office receives the change through the
-- feed and reads the verifier with sync_staff_state(). Changes are field by field, so a
-- supervisor's disable and the clerk's own password change made at two counters both stand.

CREATE OR REPLACE FUNCTION sync_staff_create(p_op text, p jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_id text := p->>'clerkId';
  v_office text := p->>'officeId';
  s staff;
BEGIN
  IF v_id IS NULL OR v_office IS NULL OR p->>'login' IS NULL OR p->>'passwordHash' IS NULL THEN
    RAISE EXCEPTION 'staff.create lacks a required field' USING ERRCODE = 'AD004';
  END IF;
  INSERT INTO office (id) VALUES (v_office) ON CONFLICT (id) DO NOTHING;
  SELECT * INTO s FROM staff WHERE id = v_id;
  IF FOUND THEN
    IF s.office_id = v_office AND lower(s.login) = lower(p->>'login') THEN
      RETURN jsonb_build_object('clerkId', v_id, 'unchanged', true);
    END IF;
    RAISE EXCEPTION 'staff member % exists with another office or login', v_id USING ERRCODE = 'AD053';
  END IF;
  IF EXISTS (SELECT 1 FROM staff WHERE office_id = v_office AND lower(login) = lower(p->>'login')) THEN
    RAISE EXCEPTION 'login % is taken in office %', p->>'login', v_office USING ERRCODE = 'AD054';
  END IF;
  INSERT INTO staff (id, office_id, login, full_name, role, password_hash, must_change_password,
    created_at, updated_by)
  VALUES (v_id, v_office, p->>'login', p->>'fullName', p->>'role', p->>'passwordHash',
    (p->>'mustChange')::boolean, (p->>'createdAt')::timestamptz, p->>'by');
  RETURN jsonb_build_object('clerkId', v_id);
END $$;

CREATE OR REPLACE FUNCTION sync_staff_update(p_op text, p jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_at timestamptz := (p->>'at')::timestamptz;
  v_unlock boolean := coalesce((p->>'unlock')::boolean, false);
BEGIN
  UPDATE staff SET
    full_name = coalesce(p->>'fullName', full_name),
    role = coalesce(p->>'role', role),
    disabled_at = CASE WHEN NOT p ? 'disabled' OR jsonb_typeof(p->'disabled') <> 'boolean'
      THEN disabled_at WHEN (p->>'disabled')::boolean THEN coalesce(disabled_at, v_at) END,
    locked_until = CASE WHEN v_unlock THEN NULL ELSE locked_until END,
    unlocked_at = CASE WHEN v_unlock THEN v_at ELSE unlocked_at END,
    version = version + 1, updated_at = now(), updated_by = p->>'by'
  WHERE id = p->>'clerkId' AND office_id = p->>'officeId';
  IF NOT FOUND THEN
    RAISE EXCEPTION 'staff member % is not in office %', p->>'clerkId', p->>'officeId' USING ERRCODE = 'AD055';
  END IF;
  RETURN jsonb_build_object('clerkId', p->>'clerkId');
END $$;

-- A supervisor's reset also lifts a lock-out (the counter does the same locally).
CREATE OR REPLACE FUNCTION sync_staff_password(p_op text, p jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_at timestamptz := (p->>'at')::timestamptz;
  v_reset boolean := p->>'by' IS DISTINCT FROM p->>'clerkId';
BEGIN
  IF p->>'passwordHash' IS NULL OR v_at IS NULL THEN
    RAISE EXCEPTION 'staff.password lacks a required field' USING ERRCODE = 'AD004';
  END IF;
  UPDATE staff SET password_hash = p->>'passwordHash',
    must_change_password = (p->>'mustChange')::boolean,
    locked_until = CASE WHEN v_reset THEN NULL ELSE locked_until END,
    unlocked_at = CASE WHEN v_reset THEN v_at ELSE unlocked_at END,
    version = version + 1, updated_at = now(), updated_by = p->>'by'
  WHERE id = p->>'clerkId' AND office_id = p->>'officeId';
  IF NOT FOUND THEN
    RAISE EXCEPTION 'staff member % is not in office %', p->>'clerkId', p->>'officeId' USING ERRCODE = 'AD055';
  END IF;
  RETURN jsonb_build_object('clerkId', p->>'clerkId');
END $$;

-- Five wrong passwords at one counter lock the login at every counter of the office. A lock
-- is never longer than an hour from now, whatever the payload says, and one that happened
-- before a supervisor's unlock does not come back (at the same instant, the lock stands).
CREATE OR REPLACE FUNCTION sync_staff_lockout(p_op text, p jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_at timestamptz := (p->>'at')::timestamptz;
  v_until timestamptz := least((p->>'until')::timestamptz, now() + interval '1 hour');
  v_id text;
BEGIN
  IF v_at IS NULL OR v_until IS NULL OR p->>'login' IS NULL THEN
    RAISE EXCEPTION 'staff.lockout lacks a required field' USING ERRCODE = 'AD004';
  END IF;
  UPDATE staff SET locked_until = greatest(coalesce(locked_until, v_until), v_until),
    version = version + 1, updated_at = now()
  WHERE office_id = p->>'officeId' AND lower(login) = lower(p->>'login')
    AND (unlocked_at IS NULL OR unlocked_at <= v_at) AND v_until > now()
  RETURNING id INTO v_id;
  RETURN jsonb_build_object('clerkId', v_id, 'locked', v_id IS NOT NULL);
END $$;

-- A workstation that kept its own staff list before the directory moved to the centre sends
-- it once. Enrolled, it may only found its office's directory (the office has no staff at
-- the centre yet); under the shared legacy login (the upgrade window, docs/security.md) its
-- members are merged in, and an id or an office's login that the centre knows already stays
-- as the centre has it. Either way the import is a security event.
CREATE OR REPLACE FUNCTION sync_staff_import(p_clerks jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  c record;
  k record;
  v_office text;
  v_imported text[] := '{}';
  v_skipped text[] := '{}';
BEGIN
  SELECT * INTO c FROM ad_require_caller();
  IF c.mode = 'workstation' AND EXISTS (SELECT 1 FROM staff WHERE office_id = c.office_id) THEN
    PERFORM ad_security_event('import-refused', 'OFFICE_HAS_STAFF', c.login, c.workstation_id,
      c.office_id, NULL, NULL, NULL, NULL,
      format('a staff list of %s was refused: office %s has its directory already',
        jsonb_array_length(p_clerks), c.office_id));
    RETURN jsonb_build_object('imported', '[]'::jsonb, 'refused', 'OFFICE_HAS_STAFF');
  END IF;
  FOR k IN SELECT * FROM jsonb_to_recordset(p_clerks) AS x(id text, "officeId" text, login text,
      "fullName" text, role text, "passwordHash" text, "mustChangePassword" boolean,
      "disabledAt" timestamptz, "createdAt" timestamptz) LOOP
    v_office := CASE WHEN c.mode = 'workstation' THEN c.office_id ELSE k."officeId" END;
    IF v_office IS NULL OR k.id IS NULL OR k.login IS NULL OR k.role NOT IN ('clerk', 'supervisor')
       OR k."passwordHash" NOT LIKE '$argon2id$%' THEN
      v_skipped := v_skipped || coalesce(k.login, '?');
      CONTINUE;
    END IF;
    INSERT INTO office (id) VALUES (v_office) ON CONFLICT (id) DO NOTHING;
    IF EXISTS (SELECT 1 FROM staff WHERE id = k.id
               OR (office_id = v_office AND lower(login) = lower(k.login))) THEN
      v_skipped := v_skipped || k.login;
      CONTINUE;
    END IF;
    INSERT INTO staff (id, office_id, login, full_name, role, password_hash,
      must_change_password, disabled_at, created_at, updated_by)
    VALUES (k.id, v_office, k.login, k."fullName", k.role, k."passwordHash",
      coalesce(k."mustChangePassword", true), k."disabledAt", coalesce(k."createdAt", now()),
      'import');
    v_imported := v_imported || k.login;
  END LOOP;
  PERFORM ad_security_event('directory-imported', NULL, c.login, c.workstation_id,
    coalesce(c.office_id, v_office), NULL, NULL, NULL, NULL,
    format('staff imported: %s; kept as the centre had them: %s',
      coalesce(nullif(array_to_string(v_imported, ', '), ''), 'none'),
      coalesce(nullif(array_to_string(v_skipped, ', '), ''), 'none')));
  RETURN jsonb_build_object('imported', to_jsonb(v_imported), 'skipped', to_jsonb(v_skipped));
END $$;

-- The caller's office's staff, verifiers included (all of them, or those named).
CREATE OR REPLACE FUNCTION sync_staff_state(p_ids text[] DEFAULT NULL) RETURNS SETOF jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT staff_image(s) FROM staff s, ad_caller() c
  WHERE c.mode = 'workstation' AND s.office_id = c.office_id
    AND (p_ids IS NULL OR s.id = ANY (p_ids))
  ORDER BY s.id
$$;
