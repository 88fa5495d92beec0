import type { MigrationInterface, QueryRunner } from 'typeorm';

// The change feed: every committed change to the registry, and to credential state that
// workstations show on the account card, as one row carrying the new row image.
//
// Why a transaction-id watermark and not logical decoding: logical decoding needs
// wal_level=logical, a replication slot per workstation (a slot that is not consumed keeps
// WAL forever, and an office can be offline for days) and a replication-capable role;
// a table filled by triggers needs none of that, works through any pooler, and is read
// with a plain SELECT under the least-privilege role. Each row records the writing
// transaction's id (`xid8`, pg_current_xact_id(); the top-level id, so it is the same for
// rows written inside savepoints). A reader remembers the snapshot it last read with and
// next time takes exactly the rows its old snapshot could not see but its new one can:
//   xid >= pg_snapshot_xmin(old) AND NOT pg_visible_in_snapshot(xid, old)
// A transaction that was still open at the old snapshot is in its xip list, so its rows
// are picked up whenever it commits, however much later than transactions with larger
// feed ids; a plain `id > last` would skip them. See sync/feed.ts.
//
// Row-level locks order the feed for any one key: two transactions changing the same row
// serialise on its lock, so the later commit also wrote the later feed id, and applying a
// batch in id order leaves every key at its last committed image.
//
// Statement-level triggers with transition tables: one INSERT ... SELECT per statement, so
// a bulk registry update costs one extra statement, not one per row.
const CHANNEL = 'access_desk_feed';

function triggers(table: string): string[] {
  return [
    `CREATE TRIGGER ${table}_feed_ins AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION feed_${table}()`,
    `CREATE TRIGGER ${table}_feed_upd AFTER UPDATE ON ${table}
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION feed_${table}()`,
    `CREATE TRIGGER ${table}_feed_del AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION feed_${table}()`,
  ];
}

export class CentralFeed1795700000002 implements MigrationInterface {
  name = 'CentralFeed1795700000002';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE change_feed (
        id bigserial PRIMARY KEY,
        xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        entity text NOT NULL CHECK (entity IN ('district', 'street', 'account', 'resident',
          'credential', 'conflict')),
        entity_key text NOT NULL,
        -- NULL: for every workstation (streets; deletes whose district is no longer known)
        district_code text,
        op text NOT NULL CHECK (op IN ('upsert', 'delete')),
        data jsonb,
        at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX change_feed_xid ON change_feed (xid)`,

      `CREATE FUNCTION feed_district() RETURNS trigger LANGUAGE plpgsql AS $$
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
        PERFORM pg_notify('${CHANNEL}', '');
        RETURN NULL;
      END $$`,

      `CREATE FUNCTION feed_street() RETURNS trigger LANGUAGE plpgsql AS $$
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
        PERFORM pg_notify('${CHANNEL}', '');
        RETURN NULL;
      END $$`,

      // An account that moves to another district leaves the old district's replicas (with
      // its residents) and enters the new one's. Deletes are written first, so a
      // workstation that holds both districts ends with the upsert.
      `CREATE FUNCTION feed_account() RETURNS trigger LANGUAGE plpgsql AS $$
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
        PERFORM pg_notify('${CHANNEL}', '');
        RETURN NULL;
      END $$`,

      // A resident deleted with its account (ON DELETE CASCADE) has no account left to name
      // its district: that delete goes to every workstation (a no-op where it is unknown).
      `CREATE FUNCTION feed_resident() RETURNS trigger LANGUAGE plpgsql AS $$
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
        PERFORM pg_notify('${CHANNEL}', '');
        RETURN NULL;
      END $$`,

      // Credential state for the account card (status, conflicts, portal-side state).
      // The hash stays at the centre: no workstation needs another's hash.
      `CREATE FUNCTION feed_credential() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO change_feed (entity, entity_key, district_code, op, data)
        SELECT 'credential', n.id, a.district_code, 'upsert', to_jsonb(n) - 'password_hash'
        FROM new_rows n JOIN account a ON a.id = n.account_id;
        PERFORM pg_notify('${CHANNEL}', '');
        RETURN NULL;
      END $$`,
      `CREATE TRIGGER credential_feed_ins AFTER INSERT ON credential REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION feed_credential()`,
      `CREATE TRIGGER credential_feed_upd AFTER UPDATE ON credential
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION feed_credential()`,

      // A conflict, with both sides spelled out, so each workstation can tell its clerk
      // what happened without holding the other office's rows.
      `CREATE FUNCTION feed_conflict() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO change_feed (entity, entity_key, district_code, op, data)
        SELECT 'conflict', n.loser_id, a.district_code, 'upsert', jsonb_build_object(
          'id', n.id, 'accountId', n.account_id, 'rule', n.rule, 'detectedAt', n.detected_at,
          'winner', jsonb_build_object('credentialId', w.id, 'issuedAt', w.issued_at,
            'officeId', w.office_id, 'workstationId', w.workstation_id, 'kind', w.kind,
            'issuedBy', w.issued_by, 'version', w.version, 'opId', w.op_id),
          'loser', jsonb_build_object('credentialId', l.id, 'issuedAt', l.issued_at,
            'officeId', l.office_id, 'workstationId', l.workstation_id, 'kind', l.kind,
            'issuedBy', l.issued_by, 'version', l.version, 'opId', l.op_id))
        FROM new_rows n
        JOIN account a ON a.id = n.account_id
        JOIN credential w ON w.id = n.winner_id
        JOIN credential l ON l.id = n.loser_id;
        PERFORM pg_notify('${CHANNEL}', '');
        RETURN NULL;
      END $$`,
      `CREATE TRIGGER credential_conflict_feed_ins AFTER INSERT ON credential_conflict
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION feed_conflict()`,

      ...triggers('district'),
      ...triggers('street'),
      ...triggers('account'),
      ...triggers('resident'),
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS change_feed`);
    for (const t of ['district', 'street', 'account', 'resident', 'credential', 'conflict']) {
      await q.query(`DROP FUNCTION IF EXISTS feed_${t}() CASCADE`);
    }
  }
}

export const FEED_CHANNEL = CHANNEL;
