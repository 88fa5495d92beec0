// Who the centre says this workstation is. Every connection starts with sync_hello (central
// functions/80-reads.sql): an enrolled login is bound to this installation's workstation id
// and told its office and districts; the shared legacy login is told nothing and keeps the
// old behaviour until IT retires it. The answer is kept in sync_state, so the app can say
// what it is enrolled for while the centre is away.
import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import type { SyncStatus } from '../../../shared/schemas/supervisor';
import { getState, setState, STATE } from './state';

export const CentreIdentity = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('workstation'),
    login: z.string(),
    workstationId: z.string(),
    officeId: z.string(),
    officeName: z.string().nullable(),
    name: z.string(),
    districts: z.array(z.string()).min(1),
    officeHasStaff: z.boolean(),
  }),
  z.object({ mode: z.enum(['legacy', 'centre']), login: z.string() }),
  z.object({ mode: z.enum(['unknown', 'disabled', 'conflict']), login: z.string() }),
]);
export type CentreIdentity = z.infer<typeof CentreIdentity>;
export type Enrolled = Extract<CentreIdentity, { mode: 'workstation' }>;

/** Why the centre would not take this login, as the code the status and the dead letters use. */
export const REFUSED_LOGIN = {
  unknown: 'NOT_ENROLLED',
  disabled: 'LOGIN_DISABLED',
  conflict: 'LOGIN_IN_USE',
} as const;

/** A centre that refused the login, or an office that does not match: nothing is sent. */
export class CentreRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CentreRefusal';
  }
}

export async function sayHello(
  ds: DataSource,
  workstationId: string,
  appVersion: string | null,
): Promise<CentreIdentity> {
  const rows = await ds.query<{ h: unknown }[]>(`SELECT sync_hello($1, $2) AS h`, [
    workstationId,
    appVersion,
  ]);
  const id = CentreIdentity.parse(rows[0]?.h);
  if (id.mode === 'unknown' || id.mode === 'disabled' || id.mode === 'conflict') {
    const why = {
      unknown: `login ${id.login} is not enrolled at the centre`,
      disabled: `login ${id.login} is disabled at the centre`,
      conflict: `login ${id.login} is enrolled for another workstation`,
    }[id.mode];
    throw new CentreRefusal(REFUSED_LOGIN[id.mode], why);
  }
  return id;
}

/**
 * The districts to replicate: the enrolled set, narrowed by the workstation's own setting
 * when it names any (it can never widen it). Without enrolment, the setting as before.
 */
export function effectiveDistricts(identity: CentreIdentity | null, local: string[]): string[] {
  if (identity?.mode !== 'workstation') return local;
  if (local.length === 0) return [...identity.districts];
  return local.filter((d) => identity.districts.includes(d));
}

export function loadIdentity(m: EntityManager): Promise<CentreIdentity | null> {
  return getState<CentreIdentity>(m, STATE.identity);
}

export function saveIdentity(m: EntityManager, id: CentreIdentity, at: Date): Promise<void> {
  return setState(m, STATE.identity, id, at);
}

/** What the status line says about enrolment (shared/schemas/supervisor.ts SyncStatus). */
export function enrolmentOf(id: CentreIdentity | null): SyncStatus['enrolment'] {
  if (!id) return null;
  if (id.mode === 'workstation')
    return { mode: 'enrolled', login: id.login, officeId: id.officeId, districts: id.districts };
  if (id.mode === 'legacy' || id.mode === 'centre')
    return { mode: 'shared', login: id.login, officeId: null, districts: [] };
  return null;
}
