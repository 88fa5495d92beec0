-- Each workstation's audit chain, appended in order. Entries already here are skipped if
-- identical (a replay) and refused if not (a rewritten local chain); the first new entry
-- must continue the stored head, and each next one the entry before it. An enrolled login
-- appends only to its own workstation's chain; an attempt at another's is a security event.

CREATE OR REPLACE FUNCTION sync_append_audit(p_ws text, p_events jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  c record;
  v_seq bigint;
  v_hash text;
  e record;
BEGIN
  SELECT * INTO c FROM ad_require_caller();
  IF c.mode = 'workstation' AND p_ws IS DISTINCT FROM c.workstation_id THEN
    PERFORM ad_security_event('refused', 'WORKSTATION_MISMATCH', c.login, c.workstation_id,
      c.office_id, NULL, 'audit', NULL, NULL,
      format('audit entries for workstation %s were refused', p_ws));
    RETURN jsonb_build_object('refused', 'WORKSTATION_MISMATCH');
  END IF;
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
END $$;

-- The stored head of the caller's own chain (an enrolled login cannot ask about another's).
CREATE OR REPLACE FUNCTION sync_audit_head(p_ws text) RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce((SELECT jsonb_build_object('seq', h.seq, 'hash', h.hash) FROM audit_head h,
      ad_caller() c
    WHERE h.workstation_id = CASE WHEN c.mode = 'workstation' THEN c.workstation_id
      WHEN c.mode IN ('legacy', 'centre') THEN p_ws END),
    jsonb_build_object('seq', 0, 'hash', NULL));
$$;
