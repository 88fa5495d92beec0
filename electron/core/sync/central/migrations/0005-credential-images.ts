import type { MigrationInterface, QueryRunner } from 'typeorm';
import { FEED_CHANNEL } from './0002-feed';
import { WORKSTATION_ROLE } from './0004-roles';

// Credential state for a workstation's initial load. The feed carries a credential's image
// and a conflict's image as they change; a workstation that loads its replica takes the
// feed's cursor from the load's snapshot, so whatever the centre decided before that
// snapshot (a credential it pushed in the same cycle losing a conflict, portal-side state)
// never comes through the feed. The load therefore reads the current images of the
// credentials it holds and of their conflicts, in its own snapshot (sync/initial-credentials.ts).
//
// Both readers must see one shape, so the images are built in one place: credential_image()
// and conflict_image(), which the feed triggers now call too. They are the 0002 expressions
// unchanged; the migration's test compares the feed's images before and after.
//
// A workstation reads them only through sync_credential_state(), which takes the ids it
// holds: it still has no SELECT on credential (hashes) or credential_conflict, and the image
// functions are not executable by it. The lookup goes by the credential and conflict
// tables' keys (hence the winner index), never through change_feed, which is the whole
// history and has no index on entity_key.
//
// CREATE OR REPLACE throughout, so that up runs again after down.
const DEFINER_SQL = 'LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp';

export class CentralCredentialImages1795700000005 implements MigrationInterface {
  name = 'CentralCredentialImages1795700000005';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      // The hash stays at the centre: no workstation needs another's hash.
      `CREATE OR REPLACE FUNCTION credential_image(c credential) RETURNS jsonb
        LANGUAGE sql STABLE AS $$ SELECT to_jsonb(c) - 'password_hash' $$`,
      // A conflict with both sides spelled out, so each workstation can tell its clerk what
      // happened without holding the other office's rows. The sides never change after the
      // conflict is written, so the current image is the one the feed carried.
      `CREATE OR REPLACE FUNCTION conflict_side_image(c credential) RETURNS jsonb
        LANGUAGE sql STABLE AS $$
        SELECT jsonb_build_object('credentialId', c.id, 'issuedAt', c.issued_at,
          'officeId', c.office_id, 'workstationId', c.workstation_id, 'kind', c.kind,
          'issuedBy', c.issued_by, 'version', c.version, 'opId', c.op_id) $$`,
      `CREATE OR REPLACE FUNCTION conflict_image(n credential_conflict) RETURNS jsonb
        LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
        SELECT jsonb_build_object('id', n.id, 'accountId', n.account_id, 'rule', n.rule,
          'detectedAt', n.detected_at, 'winner', conflict_side_image(w),
          'loser', conflict_side_image(l))
        FROM credential w, credential l WHERE w.id = n.winner_id AND l.id = n.loser_id $$`,

      // The 0002 trigger functions, building their images with the functions above.
      // Transition-table rows are records of the table's columns, hence the casts.
      `CREATE OR REPLACE FUNCTION feed_credential() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO change_feed (entity, entity_key, district_code, op, data)
        SELECT 'credential', n.id, a.district_code, 'upsert', credential_image(n::credential)
        FROM new_rows n JOIN account a ON a.id = n.account_id;
        PERFORM pg_notify('${FEED_CHANNEL}', '');
        RETURN NULL;
      END $$`,
      `CREATE OR REPLACE FUNCTION feed_conflict() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO change_feed (entity, entity_key, district_code, op, data)
        SELECT 'conflict', n.loser_id, a.district_code, 'upsert',
          conflict_image(n::credential_conflict)
        FROM new_rows n JOIN account a ON a.id = n.account_id;
        PERFORM pg_notify('${FEED_CHANNEL}', '');
        RETURN NULL;
      END $$`,

      // Conflicts are found by either side; loser_id is unique (indexed) already.
      `CREATE INDEX IF NOT EXISTS credential_conflict_winner ON credential_conflict (winner_id)`,

      // Credentials first, then conflicts in the order the centre wrote them: the order the
      // feed would have brought them in, which the local apply relies on (credential-feed.ts).
      `CREATE OR REPLACE FUNCTION sync_credential_state(p_ids text[])
      RETURNS TABLE (entity text, data jsonb) ${DEFINER_SQL} AS $$
        SELECT s.entity, s.data FROM (
          SELECT 0 AS t, NULL::bigint AS n, 'credential' AS entity, credential_image(c) AS data
          FROM credential c WHERE c.id = ANY (p_ids)
          UNION ALL
          SELECT 1, k.id, 'conflict', conflict_image(k)
          FROM credential_conflict k WHERE k.loser_id = ANY (p_ids) OR k.winner_id = ANY (p_ids)
        ) s ORDER BY s.t, s.n
      $$`,

      // New functions are executable by PUBLIC unless told otherwise (0004 revoked that only
      // for the functions that existed then).
      `REVOKE EXECUTE ON FUNCTION credential_image(credential), conflict_side_image(credential),
        conflict_image(credential_conflict), sync_credential_state(text[]) FROM PUBLIC`,
      `GRANT EXECUTE ON FUNCTION sync_credential_state(text[]) TO ${WORKSTATION_ROLE}`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  // The feed triggers keep calling the image functions: those produce exactly the images
  // 0002's inline expressions did (the migration's test checks it), so restoring a second
  // copy of them would only be something to keep in step. What the workstation gained goes.
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS sync_credential_state(text[])`);
    await q.query(`DROP INDEX IF EXISTS credential_conflict_winner`);
  }
}
