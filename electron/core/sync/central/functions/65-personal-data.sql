-- The personal-data lifecycle at the centre (docs/personal-data.md; 152-FZ art. 21 part 5).
--
-- What a consent covered goes from the consent's record: the subject's passport and the
-- representative's documents, and the same from any copy of its consent.record operation the
-- centre kept as a dead letter. The fact of the consent stays. Two ways in:
--   consent.destroy  a workstation destroyed its copy and says so; ad_check_op has checked
--                    scope, and ad_destroy_not_due that the reason holds at the centre (the
--                    consent is withdrawn here, or its storage period is over by the centre's
--                    clock and no shorter than the centre's minimum);
--   pd_destroy_due   the centre's own daily run (`npm run central -- destroy-due`), for
--                    consents no workstation will destroy (a counter retired, another
--                    office's consent). Owner only.
-- The centre's backups follow the centre's own retention policy: this cannot reach them.

-- The centre never destroys sooner than this, whatever a workstation's setting says.
CREATE OR REPLACE FUNCTION ad_retention_min_days() RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce((SELECT (value #>> '{}')::integer FROM centre_setting
                   WHERE key = 'consent_retention_min_days'), 365)
$$;

-- Days after a withdrawal when its data are due: the same 29 as WITHDRAWAL_DESTROY_DAYS.
CREATE OR REPLACE FUNCTION ad_withdrawal_destroy_days() RETURNS integer
LANGUAGE sql IMMUTABLE AS $$ SELECT 29 $$;

CREATE OR REPLACE FUNCTION ad_destroy_consent_data(p_id text, p_reason text, p_by text,
  p_ws text, p_op text, p_serial text) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_done text;
BEGIN
  UPDATE consent SET
    subject = CASE WHEN jsonb_typeof(subject) = 'object'
      THEN subject || '{"document": null}'::jsonb END,
    representative = CASE WHEN jsonb_typeof(representative) = 'object'
      THEN jsonb_build_object('fullName', representative->'fullName', 'document', NULL) END,
    destroyed_at = now(), destroy_reason = p_reason, destroyed_by = p_by,
    destroyed_workstation_id = p_ws, destroyed_op = p_op, destroy_act_serial = p_serial
  WHERE id = p_id AND destroyed_at IS NULL
  RETURNING id INTO v_done;
  UPDATE rejected_op SET payload = payload
    || jsonb_build_object('subject', CASE WHEN jsonb_typeof(payload->'subject') = 'object'
         THEN (payload->'subject') || '{"document": null}'::jsonb END)
    || jsonb_build_object('representative',
         CASE WHEN jsonb_typeof(payload->'representative') = 'object'
           THEN jsonb_build_object('fullName', payload->'representative'->'fullName',
                                   'document', NULL) END)
  WHERE kind = 'consent.record' AND payload->>'consentId' = p_id;
  RETURN v_done IS NOT NULL;
END $$;

-- Why a workstation's consent.destroy may not apply yet; NULL when it may.
CREATE OR REPLACE FUNCTION ad_destroy_not_due(p jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  c consent;
  v_days integer;
BEGIN
  SELECT * INTO c FROM consent WHERE id = p->>'consentId';
  IF NOT FOUND OR c.destroyed_at IS NOT NULL THEN
    RETURN NULL; -- nothing here to destroy, or done already: applied as a no-op
  END IF;
  IF p->>'reason' = 'withdrawn' THEN
    IF c.withdrawn_at IS NULL THEN
      RETURN ad_refusal('NOT_DUE', format('consent %s is not withdrawn at the centre', c.id));
    END IF;
    RETURN NULL;
  END IF;
  IF p->>'reason' = 'retention' THEN
    v_days := greatest(coalesce((p->>'retentionDays')::integer, 0), ad_retention_min_days());
    IF c.signed_at IS NULL OR c.signed_at + make_interval(days => v_days) > now() THEN
      RETURN ad_refusal('NOT_DUE', format(
        'consent %s is within its storage period of %s days at the centre', c.id, v_days));
    END IF;
    RETURN NULL;
  END IF;
  RETURN ad_refusal('NOT_DUE', format('unknown reason %s', coalesce(p->>'reason', 'none')));
END $$;

CREATE OR REPLACE FUNCTION sync_consent_destroy(p_op text, p jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF p->>'consentId' IS NULL OR p->>'accountId' IS NULL OR p->>'reason' IS NULL THEN
    RAISE EXCEPTION 'consent.destroy lacks a required field' USING ERRCODE = 'AD004';
  END IF;
  RETURN jsonb_build_object('consentId', p->>'consentId', 'destroyed',
    ad_destroy_consent_data(p->>'consentId', p->>'reason', p->>'destroyedBy',
      p->>'workstationId', p_op, p->>'actSerial'));
END $$;

-- The centre's own run: everything due by the centre's clock. Returns what it destroyed.
CREATE OR REPLACE FUNCTION pd_destroy_due(p_retention_days integer DEFAULT 1826)
RETURNS TABLE (consent_id text, account_id bigint, reason text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_days integer := greatest(p_retention_days, ad_retention_min_days());
  r record;
BEGIN
  FOR r IN
    SELECT c.id, c.account_id,
           CASE WHEN c.withdrawn_at IS NOT NULL
                 AND c.withdrawn_at + make_interval(days => ad_withdrawal_destroy_days()) <= now()
                THEN 'withdrawn' ELSE 'retention' END AS why
    FROM consent c
    WHERE c.destroyed_at IS NULL
      AND ((c.withdrawn_at IS NOT NULL
            AND c.withdrawn_at + make_interval(days => ad_withdrawal_destroy_days()) <= now())
           OR c.signed_at + make_interval(days => v_days) <= now())
    ORDER BY c.id
  LOOP
    PERFORM ad_destroy_consent_data(r.id, r.why, 'centre', NULL, NULL, NULL);
    consent_id := r.id;
    account_id := r.account_id;
    reason := r.why;
    RETURN NEXT;
  END LOOP;
END $$;
