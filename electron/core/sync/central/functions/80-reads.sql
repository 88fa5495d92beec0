-- What a workstation reads through functions: who it is (hello), its initial load, the
-- state of credentials it holds, and (for its supervisors) the office's held operations and
-- security events. Each reads within the caller's scope only.

-- The first call of every connection. Binds an enrolled login to the installation that
-- first says hello with it (its own workstation id), and tells it its office and districts.
-- Another installation using the same login is refused and recorded; IT can release the
-- binding (`npm run central -- workstation unbind LOGIN`) for a reinstalled counter.
CREATE OR REPLACE FUNCTION sync_hello(p_workstation_id text, p_app_version text DEFAULT NULL)
RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  c record;
  w workstation;
BEGIN
  SELECT * INTO c FROM ad_caller();
  IF c.mode IN ('legacy', 'centre') THEN
    RETURN jsonb_build_object('mode', c.mode, 'login', c.login);
  END IF;
  IF c.mode <> 'workstation' THEN
    PERFORM ad_security_event(CASE c.mode WHEN 'disabled' THEN 'disabled-login' ELSE 'unknown-login' END,
      NULL, c.login, p_workstation_id, c.office_id, NULL, NULL, NULL, NULL,
      format('login %s is not an enabled, enrolled workstation', c.login));
    RETURN jsonb_build_object('mode', c.mode, 'login', c.login);
  END IF;
  SELECT * INTO w FROM workstation WHERE login = c.login FOR UPDATE;
  IF w.workstation_id IS NULL THEN
    IF p_workstation_id IS NULL OR p_workstation_id = ''
       OR EXISTS (SELECT 1 FROM workstation WHERE workstation_id = p_workstation_id) THEN
      PERFORM ad_security_event('login-reused', 'WORKSTATION_MISMATCH', c.login,
        p_workstation_id, w.office_id, NULL, NULL, NULL, NULL,
        format('workstation %s already has another login', p_workstation_id));
      RETURN jsonb_build_object('mode', 'conflict', 'login', c.login);
    END IF;
    UPDATE workstation SET workstation_id = p_workstation_id, bound_at = now()
    WHERE login = c.login;
    w.workstation_id := p_workstation_id;
    PERFORM ad_security_event('bound', NULL, c.login, p_workstation_id, w.office_id, NULL,
      NULL, NULL, NULL, format('login %s bound to workstation %s', c.login, p_workstation_id));
  ELSIF w.workstation_id IS DISTINCT FROM p_workstation_id THEN
    PERFORM ad_security_event('login-reused', 'WORKSTATION_MISMATCH', c.login,
      p_workstation_id, w.office_id, NULL, NULL, NULL, NULL,
      format('login %s belongs to workstation %s, not %s', c.login, w.workstation_id,
        p_workstation_id));
    RETURN jsonb_build_object('mode', 'conflict', 'login', c.login);
  END IF;
  UPDATE workstation SET last_seen_at = now(), app_version = p_app_version WHERE login = c.login;
  RETURN jsonb_build_object('mode', 'workstation', 'login', c.login,
    'workstationId', w.workstation_id, 'officeId', w.office_id,
    'officeName', (SELECT name FROM office WHERE id = w.office_id),
    'name', w.name, 'districts', to_jsonb(w.districts),
    'officeHasStaff', EXISTS (SELECT 1 FROM staff WHERE office_id = w.office_id));
END $$;

-- One page of a district's initial load: the accounts, then their residents, each row
-- formatted by the server as one text value, fields joined by US (the ASCII unit separator,
-- which no name or address contains; sync/initial.ts splits them). The scope is checked
-- once per page, and the reads run as the owner, so no per-row policy costs anything here.
-- Planned afresh for every page (plan_cache_mode): PL/pgSQL's generic plan for this query
-- costs the server ~40 % more CPU per row than the plan for the page's own values (measured
-- at 1M rows: 3.2 s against 2.3 s).
CREATE OR REPLACE FUNCTION sync_initial_page(p_district text, p_after bigint, p_limit integer)
RETURNS TABLE (t integer, id bigint, line text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
SET plan_cache_mode = force_custom_plan AS $$
#variable_conflict use_column
BEGIN
  IF NOT (p_district = ANY (ad_districts())) THEN
    RAISE EXCEPTION 'this login is not enrolled for district %', p_district USING ERRCODE = '42501';
  END IF;
  RETURN QUERY
  WITH a AS (
    SELECT id, payer_code, district_code, street_id, house, building, flat, updated_at
    FROM account WHERE district_code = p_district AND id > p_after
    ORDER BY district_code, id LIMIT least(p_limit, 50000))
  SELECT 0, a.id, concat_ws(E'\x1f', a.id, a.payer_code, a.district_code, a.street_id,
    a.house, a.building, a.flat,
    to_char(a.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
  FROM a
  UNION ALL
  SELECT 1, r.id, concat_ws(E'\x1f', r.id, r.account_id, r.surname, r.given_name,
    r.patronymic, to_char(r.birth_date, 'YYYY-MM-DD'), r.relation,
    coalesce(to_char(r.registered_from, 'YYYY-MM-DD'), ''),
    coalesce(to_char(r.registered_to, 'YYYY-MM-DD'), ''),
    to_char(r.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
  FROM resident r WHERE r.account_id IN (SELECT a.id FROM a)
  ORDER BY 1, 2;
END $$;

-- The current images of the credentials a workstation holds and of their conflicts, for its
-- initial load (sync/initial-credentials.ts): credentials first, then conflicts in the order
-- the centre wrote them, the order the feed would have brought them in. Only accounts in
-- the caller's districts.
CREATE OR REPLACE FUNCTION sync_credential_state(p_ids text[])
RETURNS TABLE (entity text, data jsonb)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH scope AS (SELECT ad_districts() AS d)
  SELECT s.entity, s.data FROM (
    SELECT 0 AS t, NULL::bigint AS n, 'credential' AS entity, credential_image(c) AS data
    FROM credential c JOIN account a ON a.id = c.account_id, scope
    WHERE c.id = ANY (p_ids) AND a.district_code = ANY (scope.d)
    UNION ALL
    SELECT 1, k.id, 'conflict', conflict_image(k)
    FROM credential_conflict k JOIN account a ON a.id = k.account_id, scope
    WHERE (k.loser_id = ANY (p_ids) OR k.winner_id = ANY (p_ids)) AND a.district_code = ANY (scope.d)
  ) s ORDER BY s.t, s.n
$$;

-- For the office's supervisors: what is held, and the latest security events.
CREATE OR REPLACE FUNCTION sync_office_review(p_limit integer DEFAULT 100) RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH c AS (SELECT * FROM ad_caller()),
  lim AS (SELECT least(greatest(coalesce(p_limit, 100), 1), 500) AS n)
  SELECT jsonb_build_object(
    'held', coalesce((SELECT jsonb_agg(x ORDER BY x->>'heldAt') FROM (
      SELECT jsonb_build_object('opId', h.op_id, 'kind', h.kind, 'reason', h.reason,
        'heldAt', h.held_at, 'status', h.status, 'clerkId', h.clerk_id,
        'clerkName', s.full_name, 'workstationId', h.workstation_id,
        'workstationName', w.name, 'payerCode', a.payer_code,
        'credentialKind', h.payload->>'kind') AS x
      FROM held_op h CROSS JOIN c
      LEFT JOIN LATERAL (SELECT full_name FROM staff WHERE id = h.clerk_id) s ON true
      LEFT JOIN LATERAL (SELECT name FROM workstation WHERE login = h.login) w ON true
      LEFT JOIN LATERAL (SELECT payer_code FROM account WHERE id = h.account_id) a ON true
      WHERE h.status = 'held' AND (c.mode = 'centre' OR (c.mode = 'workstation' AND h.office_id = c.office_id))
      LIMIT (SELECT n FROM lim)) q), '[]'::jsonb),
    'events', coalesce((SELECT jsonb_agg(x ORDER BY (x->>'id')::bigint DESC) FROM (
      SELECT jsonb_build_object('id', e.id, 'at', e.at, 'kind', e.kind, 'code', e.code,
        'login', e.login, 'workstationId', e.workstation_id, 'opKind', e.op_kind,
        'payerCode', a.payer_code, 'clerkId', e.clerk_id, 'detail', e.detail) AS x
      FROM security_event e CROSS JOIN c
      LEFT JOIN LATERAL (SELECT payer_code FROM account WHERE id = e.account_id) a ON true
      WHERE c.mode = 'centre' OR (c.mode = 'workstation' AND e.office_id = c.office_id)
      ORDER BY e.id DESC LIMIT (SELECT n FROM lim)) q), '[]'::jsonb))
$$;

-- What a workstation has waiting, said at the end of a sync cycle whenever it changed: its
-- outbox operations not yet sent and the newest entry of its audit chain.
CREATE OR REPLACE FUNCTION sync_report_state(p_pending integer, p_audit_seq bigint) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE workstation SET reported_pending = greatest(p_pending, 0),
    reported_audit_seq = greatest(p_audit_seq, 0), reported_at = now()
  WHERE login = session_user AND enabled AND workstation_id IS NOT NULL
$$;

-- For a counter whose local key is lost: what it last said it had waiting, and how much of
-- its audit chain the centre holds. Nothing is waiting when it said so at its last report and
-- the centre holds its chain up to the entry it named.
CREATE OR REPLACE FUNCTION sync_workstation_state() RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT jsonb_build_object('workstationId', w.workstation_id, 'officeId', w.office_id,
    'reportedPending', w.reported_pending, 'reportedAuditSeq', w.reported_audit_seq,
    'reportedAt', w.reported_at, 'lastSeenAt', w.last_seen_at,
    'auditSeqAtCentre', coalesce((SELECT seq FROM audit_head h
      WHERE h.workstation_id = w.workstation_id), 0))
  FROM workstation w WHERE w.login = session_user AND w.enabled
$$;
