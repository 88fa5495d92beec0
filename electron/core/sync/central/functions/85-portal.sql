-- What the portal writes back (for the account card). The tests call it to play the
-- portal; the portal's own role may call nothing else.
CREATE OR REPLACE FUNCTION portal_record_event(p_credential_id text, p_event text, p_at timestamptz DEFAULT now())
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
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
END $$;
