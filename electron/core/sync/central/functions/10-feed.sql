-- The change feed's writers: one statement-level trigger per registry table, and the
-- credential, conflict and staff images the feed carries. Why a table filled by triggers
-- and a transaction-id watermark rather than logical decoding: migrations/0002-feed.ts and
-- sync/feed.ts. Every writer notifies access_desk_feed, which wakes listening workstations.
--
-- Scope: a row's district_code (or office_id, for staff) decides which workstations may
-- read it (functions/20-scope.sql). NULL district and office: every enrolled workstation
-- (streets; a delete whose district is no longer known, which carries only an id).

CREATE OR REPLACE FUNCTION feed_district() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO change_feed (entity, entity_key, district_code, op)
    SELECT 'district', o.code, o.code, 'delete' FROM old_rows o;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO change_feed (entity, entity_key, district_code, op)
    SELECT 'district', o.code, o.code, 'delete' FROM old_rows o
    WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.code = o.code);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO change_feed (entity, entity_key, district_code, op, data)
    SELECT 'district', n.code, n.code, 'upsert', to_jsonb(n) FROM new_rows n;
  END IF;
  PERFORM pg_notify('access_desk_feed', '');
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION feed_street() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO change_feed (entity, entity_key, district_code, op)
    SELECT 'street', o.id::text, NULL, 'delete' FROM old_rows o;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO change_feed (entity, entity_key, district_code, op)
    SELECT 'street', o.id::text, NULL, 'delete' FROM old_rows o
    WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO change_feed (entity, entity_key, district_code, op, data)
    SELECT 'street', n.id::text, NULL, 'upsert', to_jsonb(n) FROM new_rows n;
  END IF;
  PERFORM pg_notify('access_desk_feed', '');
  RETURN NULL;
END $$;

-- An account that moves to another district leaves the old district's replicas (with its
-- residents) and enters the new one's. Deletes are written first, so a workstation that
-- holds both districts ends with the upsert.
CREATE OR REPLACE FUNCTION feed_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO change_feed (entity, entity_key, district_code, op)
    SELECT 'account', o.id::text, o.district_code, 'delete' FROM old_rows o;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO change_feed (entity, entity_key, district_code, op)
    SELECT 'account', o.id::text, o.district_code, 'delete'
    FROM old_rows o LEFT JOIN new_rows n ON n.id = o.id
    WHERE n.id IS NULL OR n.district_code <> o.district_code;
    INSERT INTO change_feed (entity, entity_key, district_code, op)
    SELECT 'resident', r.id::text, o.district_code, 'delete'
    FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN resident r ON r.account_id = n.id
    WHERE n.district_code <> o.district_code;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO change_feed (entity, entity_key, district_code, op, data)
    SELECT 'account', n.id::text, n.district_code, 'upsert', to_jsonb(n) FROM new_rows n;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO change_feed (entity, entity_key, district_code, op, data)
    SELECT 'resident', r.id::text, n.district_code, 'upsert', to_jsonb(r)
    FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN resident r ON r.account_id = n.id
    WHERE n.district_code <> o.district_code;
  END IF;
  PERFORM pg_notify('access_desk_feed', '');
  RETURN NULL;
END $$;

-- A resident deleted with its account (ON DELETE CASCADE) has no account left to name its
-- district: that delete goes to every workstation (a no-op where it is unknown).
CREATE OR REPLACE FUNCTION feed_resident() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO change_feed (entity, entity_key, district_code, op)
    SELECT 'resident', o.id::text, a.district_code, 'delete'
    FROM old_rows o LEFT JOIN account a ON a.id = o.account_id;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO change_feed (entity, entity_key, district_code, op)
    SELECT 'resident', o.id::text, oa.district_code, 'delete'
    FROM old_rows o
    JOIN account oa ON oa.id = o.account_id
    LEFT JOIN new_rows n ON n.id = o.id
    LEFT JOIN account na ON na.id = n.account_id
    WHERE n.id IS NULL OR na.district_code IS DISTINCT FROM oa.district_code;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO change_feed (entity, entity_key, district_code, op, data)
    SELECT 'resident', n.id::text, a.district_code, 'upsert', to_jsonb(n)
    FROM new_rows n JOIN account a ON a.id = n.account_id;
  END IF;
  PERFORM pg_notify('access_desk_feed', '');
  RETURN NULL;
END $$;

-- Credential state for the account card. The hash stays at the centre: no workstation
-- needs another's hash.
CREATE OR REPLACE FUNCTION credential_image(c credential) RETURNS jsonb
  LANGUAGE sql STABLE AS $$ SELECT to_jsonb(c) - 'password_hash' $$;

-- A conflict with both sides spelled out, so each workstation can tell its clerk what
-- happened without holding the other office's rows. The sides never change after the
-- conflict is written, so the current image is the one the feed carried.
CREATE OR REPLACE FUNCTION conflict_side_image(c credential) RETURNS jsonb
  LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('credentialId', c.id, 'issuedAt', c.issued_at,
    'officeId', c.office_id, 'workstationId', c.workstation_id, 'kind', c.kind,
    'issuedBy', c.issued_by, 'version', c.version, 'opId', c.op_id) $$;

CREATE OR REPLACE FUNCTION conflict_image(n credential_conflict) RETURNS jsonb
  LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT jsonb_build_object('id', n.id, 'accountId', n.account_id, 'rule', n.rule,
    'detectedAt', n.detected_at, 'winner', conflict_side_image(w),
    'loser', conflict_side_image(l))
  FROM credential w, credential l WHERE w.id = n.winner_id AND l.id = n.loser_id $$;

-- Transition-table rows are records of the table's columns, hence the casts.
CREATE OR REPLACE FUNCTION feed_credential() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO change_feed (entity, entity_key, district_code, op, data)
  SELECT 'credential', n.id, a.district_code, 'upsert', credential_image(n::credential)
  FROM new_rows n JOIN account a ON a.id = n.account_id;
  PERFORM pg_notify('access_desk_feed', '');
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION feed_conflict() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO change_feed (entity, entity_key, district_code, op, data)
  SELECT 'conflict', n.loser_id, a.district_code, 'upsert',
    conflict_image(n::credential_conflict)
  FROM new_rows n JOIN account a ON a.id = n.account_id;
  PERFORM pg_notify('access_desk_feed', '');
  RETURN NULL;
END $$;

-- A staff member as the office's workstations hold them, verifier included. The feed
-- carries the image without the verifier (the feed is a history, and a verifier in it would
-- outlive a password change); a workstation reads the current verifier with
-- sync_staff_state() in the pull's own snapshot.
CREATE OR REPLACE FUNCTION staff_image(s staff) RETURNS jsonb
  LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('id', s.id, 'officeId', s.office_id, 'login', s.login,
    'fullName', s.full_name, 'role', s.role, 'passwordHash', s.password_hash,
    'mustChangePassword', s.must_change_password, 'disabledAt', s.disabled_at,
    'lockedUntil', s.locked_until, 'unlockedAt', s.unlocked_at, 'createdAt', s.created_at,
    'version', s.version) $$;

CREATE OR REPLACE FUNCTION feed_staff() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO change_feed (entity, entity_key, office_id, op, data)
  SELECT 'staff', n.id, n.office_id, 'upsert', staff_image(n::staff) - 'passwordHash'
  FROM new_rows n;
  PERFORM pg_notify('access_desk_feed', '');
  RETURN NULL;
END $$;
