-- Who is calling. Every rule a workstation meets starts here: identity and scope come from
-- the login the connection authenticated as (session_user, which a SECURITY DEFINER
-- function does not change and SET ROLE cannot forge), never from what a payload claims.
--
--   workstation  an enrolled, enabled login: its bound workstation id, office, districts
--   disabled     an enrolled login IT has disabled (it cannot log in any more; this covers
--                the moment between the disable and the end of its session)
--   legacy       the shared workstation role, while the centre still trusts it
--                (centre_setting legacy_shared_login, docs/security.md "Upgrade")
--   centre       a superuser or the database owner: IT's tools and the tests
--   unknown      anything else: sees nothing, applies nothing

CREATE OR REPLACE FUNCTION ad_caller(
  OUT mode text, OUT login text, OUT workstation_id text, OUT office_id text,
  OUT districts text[])
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  w workstation;
BEGIN
  login := session_user;
  SELECT * INTO w FROM workstation WHERE workstation.login = session_user;
  IF FOUND THEN
    mode := CASE WHEN w.enabled THEN 'workstation' ELSE 'disabled' END;
    workstation_id := w.workstation_id;
    office_id := w.office_id;
    districts := CASE WHEN w.enabled THEN w.districts ELSE '{}'::text[] END;
    RETURN;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = session_user AND rolsuper)
     OR pg_has_role(session_user,
          (SELECT datdba FROM pg_database WHERE datname = current_database()), 'MEMBER') THEN
    mode := 'centre';
    RETURN;
  END IF;
  IF pg_has_role(session_user, 'access_desk_workstation', 'MEMBER')
     AND coalesce((SELECT value = 'true'::jsonb FROM centre_setting
                   WHERE key = 'legacy_shared_login'), false) THEN
    mode := 'legacy';
    districts := (SELECT coalesce(array_agg(code), '{}') FROM district);
    RETURN;
  END IF;
  mode := 'unknown';
  districts := '{}'::text[];
END $$;

-- The caller, for a function only enrolled workstations (or the shared legacy login, or the
-- centre itself) may use: anyone else is refused with insufficient_privilege, which a
-- workstation retries (an administrator can fix its enrolment; nothing is lost).
CREATE OR REPLACE FUNCTION ad_require_caller(
  OUT mode text, OUT login text, OUT workstation_id text, OUT office_id text,
  OUT districts text[])
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  SELECT c.mode, c.login, c.workstation_id, c.office_id, c.districts
  INTO mode, login, workstation_id, office_id, districts FROM ad_caller() c;
  IF mode NOT IN ('workstation', 'legacy', 'centre') THEN
    RAISE EXCEPTION 'login % is not an enrolled workstation', login USING ERRCODE = '42501';
  END IF;
END $$;

-- For the row-level security policies (functions/20-scope.sql), evaluated once per query.
CREATE OR REPLACE FUNCTION ad_districts() RETURNS text[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT CASE WHEN c.mode IN ('workstation', 'legacy') THEN c.districts
    WHEN c.mode = 'centre' THEN (SELECT coalesce(array_agg(code), '{}') FROM district)
    ELSE '{}'::text[] END
  FROM ad_caller() c
$$;

CREATE OR REPLACE FUNCTION ad_office() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT CASE WHEN c.mode = 'workstation' THEN c.office_id END FROM ad_caller() c
$$;

CREATE OR REPLACE FUNCTION ad_known() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT c.mode IN ('workstation', 'legacy', 'centre') FROM ad_caller() c
$$;

-- A centre setting as an integer, with its default when unset.
CREATE OR REPLACE FUNCTION ad_setting_int(p_key text, p_default integer) RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce((SELECT (value #>> '{}')::integer FROM centre_setting WHERE key = p_key),
    p_default)
$$;

-- Records a security event. Callers return instead of raising after it, so it commits.
CREATE OR REPLACE FUNCTION ad_security_event(p_kind text, p_code text, p_login text,
  p_workstation text, p_office text, p_op_id text, p_op_kind text, p_account bigint,
  p_clerk text, p_detail text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  INSERT INTO security_event (kind, code, login, workstation_id, office_id, op_id, op_kind,
    account_id, clerk_id, detail)
  VALUES (p_kind, p_code, p_login, p_workstation, p_office, p_op_id, p_op_kind, p_account,
    p_clerk, p_detail)
$$;
