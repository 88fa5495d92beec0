// Centre-side chores that need an owner or superuser connection: login users for
// workstations, and the portal's write-back (which the tests use to play the portal).
import type { DataSource } from 'typeorm';
import { WORKSTATION_ROLE } from './migrations/0004-roles';

/**
 * Makes `user` a login role that has the workstation role's rights (and nothing else). The
 * settings' default user is the role itself; then the role is simply allowed to log in.
 */
export async function createWorkstationLogin(
  ds: DataSource,
  user: string,
  password: string,
): Promise<void> {
  // Role names and passwords cannot be bind parameters: let the server quote them.
  const exists = await ds.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM pg_roles WHERE rolname = $1`,
    [user],
  );
  const verb = (exists[0]?.n ?? 0) > 0 ? 'ALTER' : 'CREATE';
  const [row] = await ds.query<{ sql: string }[]>(
    `SELECT format('${verb} ROLE %I LOGIN PASSWORD %L', $1::text, $2::text) AS sql`,
    [user, password],
  );
  await ds.query(row!.sql);
  if (user !== WORKSTATION_ROLE) {
    const [grant] = await ds.query<{ sql: string }[]>(
      `SELECT format('GRANT ${WORKSTATION_ROLE} TO %I', $1::text) AS sql`,
      [user],
    );
    await ds.query(grant!.sql);
  }
}

export type PortalEvent = 'first-login' | 'password-changed' | 'locked' | 'unlocked';

/** What the residents' portal reports back for a credential (first login, change, lock). */
export async function portalRecordEvent(
  ds: DataSource,
  credentialId: string,
  event: PortalEvent,
  at: Date,
): Promise<void> {
  await ds.query(`SELECT portal_record_event($1, $2, $3)`, [credentialId, event, at.toISOString()]);
}
