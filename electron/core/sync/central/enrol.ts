// IT's side of the trust model (docs/security.md): the registry of enrolled workstations, the
// shared legacy login's retirement, the ceilings, and decisions on held operations, through
// an owner connection (`npm run central -- workstation …`). Each change is a security event.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { WORKSTATION_ROLE } from './migrations/0004-roles';

export type WorkstationAuth = 'password' | 'certificate';

export interface EnrolInput {
  office: string;
  districts: string[];
  name?: string;
  auth?: WorkstationAuth;
  officeName?: string;
}

export interface Enrolment {
  login: string;
  /** The login's password, shown once (null for a certificate login). */
  password: string | null;
  office: string;
  districts: string[];
  name: string;
  auth: WorkstationAuth;
}

export interface WorkstationRow {
  login: string;
  workstationId: string | null;
  office: string;
  districts: string[];
  name: string;
  auth: WorkstationAuth;
  enabled: boolean;
  createdAt: string;
  lastSeenAt: string | null;
}

export class EnrolError extends Error {}

const OFFICE = /^[\p{L}\p{N}._-]{1,20}$/u;
const DISTRICT = /^[\p{L}\p{N}_-]{1,20}$/u;

/** `ws_msk_001_3fa9c0`: the office in the name helps IT; the random part makes it unique. */
function loginFor(office: string): string {
  const slug = office
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 30);
  return `ws_${slug ? `${slug}_` : ''}${randomBytes(4).toString('hex')}`;
}

async function event(
  m: EntityManager | DataSource,
  kind: string,
  login: string,
  office: string | null,
  detail: string,
): Promise<void> {
  await m.query(
    `INSERT INTO security_event (kind, login, office_id, detail, workstation_id)
     VALUES ($1, $2, $3, $4, (SELECT workstation_id FROM workstation WHERE login = $2))`,
    [kind, login, office, `${detail} (by ${await whoAmI(m)})`],
  );
}

async function whoAmI(m: EntityManager | DataSource): Promise<string> {
  const [r] = await m.query<{ u: string }[]>(`SELECT session_user AS u`);
  return r?.u ?? '?';
}

/** Role names and passwords cannot be bind parameters: the server quotes them. */
async function ddl(m: EntityManager, template: string, ...args: string[]): Promise<void> {
  const params = args.map((_, i) => `$${i + 1}::text`).join(', ');
  const [row] = await m.query<{ sql: string }[]>(
    `SELECT format('${template}', ${params}) AS sql`,
    args,
  );
  await m.query(row!.sql);
}

/** One login for one workstation, confined to one office's districts. */
export async function enrolWorkstation(ds: DataSource, input: EnrolInput): Promise<Enrolment> {
  const office = input.office.trim();
  const districts = [...new Set(input.districts.map((d) => d.trim()).filter(Boolean))];
  const auth = input.auth ?? 'password';
  const name = (input.name ?? '').trim().slice(0, 200);
  if (!OFFICE.test(office))
    throw new EnrolError(
      `The office code "${office}" is not 1–20 letters, digits, '.', '_' or '-'.`,
    );
  if (districts.length === 0) throw new EnrolError('Name at least one district (--districts).');
  const bad = districts.filter((d) => !DISTRICT.test(d));
  if (bad.length) throw new EnrolError(`Not district codes: ${bad.join(', ')}.`);
  return ds.transaction(async (m) => {
    const known = await m.query<{ code: string }[]>(
      `SELECT code FROM district WHERE code = ANY ($1::text[])`,
      [districts],
    );
    const unknown = districts.filter((d) => !known.some((k) => k.code === d));
    if (unknown.length) throw new EnrolError(`The registry has no district ${unknown.join(', ')}.`);
    const login = loginFor(office);
    const password = auth === 'password' ? randomBytes(24).toString('base64url') : null;
    if (password) await ddl(m, 'CREATE ROLE %I LOGIN PASSWORD %L', login, password);
    else await ddl(m, 'CREATE ROLE %I LOGIN PASSWORD NULL', login);
    await ddl(m, `GRANT ${WORKSTATION_ROLE} TO %I`, login);
    await m.query(
      `INSERT INTO office (id, name) VALUES ($1, $2)
       ON CONFLICT (id) DO UPDATE SET name = CASE WHEN $2 <> '' THEN $2 ELSE office.name END`,
      [office, input.officeName?.trim() ?? ''],
    );
    await m.query(
      `INSERT INTO workstation (login, office_id, districts, name, auth) VALUES ($1, $2, $3, $4, $5)`,
      [login, office, districts, name, auth],
    );
    await event(
      m,
      'enrolled',
      login,
      office,
      `enrolled for office ${office}, districts ${districts.join(', ')}, ${auth}`,
    );
    return { login, password, office, districts, name, auth };
  });
}

export async function listWorkstations(ds: DataSource): Promise<WorkstationRow[]> {
  const rows = await ds.query<
    {
      login: string;
      workstation_id: string | null;
      office_id: string;
      districts: string[];
      name: string;
      auth: WorkstationAuth;
      enabled: boolean;
      created_at: Date;
      last_seen_at: Date | null;
    }[]
  >(
    `SELECT login, workstation_id, office_id, districts, name, auth, enabled, created_at, last_seen_at
     FROM workstation ORDER BY office_id, created_at`,
  );
  return rows.map((r) => ({
    login: r.login,
    workstationId: r.workstation_id,
    office: r.office_id,
    districts: r.districts,
    name: r.name,
    auth: r.auth,
    enabled: r.enabled,
    createdAt: new Date(r.created_at).toISOString(),
    lastSeenAt: r.last_seen_at ? new Date(r.last_seen_at).toISOString() : null,
  }));
}

/** Ends every open session of the logins that match (after the change is committed). */
async function terminate(ds: DataSource, where: string, args: unknown[]): Promise<number> {
  const rows = await ds.query<{ ok: boolean }[]>(
    `SELECT pg_terminate_backend(a.pid) AS ok FROM pg_stat_activity a
     WHERE a.pid <> pg_backend_pid() AND ${where}`,
    args,
  );
  return rows.filter((r) => r.ok).length;
}

/**
 * Disable: the login can no longer connect, and its open sessions end at once. Enable: it
 * can again. Returns how many sessions were ended.
 */
export async function setWorkstationEnabled(
  ds: DataSource,
  login: string,
  enabled: boolean,
): Promise<{ terminated: number }> {
  await ds.transaction(async (m) => {
    // (An UPDATE through TypeORM answers [rows, count]: read the row first.)
    const [w] = await m.query<{ office_id: string }[]>(
      `SELECT office_id FROM workstation WHERE login = $1 FOR UPDATE`,
      [login],
    );
    if (!w) throw new EnrolError(`No enrolled workstation has the login ${login}.`);
    await m.query(
      `UPDATE workstation SET enabled = $2, disabled_at = CASE WHEN $2 THEN NULL ELSE now() END
       WHERE login = $1`,
      [login, enabled],
    );
    await ddl(m, enabled ? 'ALTER ROLE %I LOGIN' : 'ALTER ROLE %I NOLOGIN', login);
    await event(
      m,
      enabled ? 'enabled' : 'disabled',
      login,
      w.office_id,
      enabled ? 'enabled' : 'disabled',
    );
  });
  return { terminated: enabled ? 0 : await terminate(ds, `a.usename = $1`, [login]) };
}

/** A reinstalled counter (a new local store) may say hello with this login again. */
export async function unbindWorkstation(ds: DataSource, login: string): Promise<void> {
  await ds.transaction(async (m) => {
    const [w] = await m.query<{ office_id: string; workstation_id: string | null }[]>(
      `SELECT office_id, workstation_id FROM workstation WHERE login = $1`,
      [login],
    );
    if (!w) throw new EnrolError(`No enrolled workstation has the login ${login}.`);
    await event(
      m,
      'unbound',
      login,
      w.office_id,
      `released from workstation ${w.workstation_id ?? 'none'}`,
    );
    await m.query(
      `UPDATE workstation SET workstation_id = NULL, bound_at = NULL WHERE login = $1`,
      [login],
    );
  });
}

/**
 * The end of the upgrade window: the shared workstation role loses every right it had by
 * being shared (it sees nothing and applies nothing), cannot log in itself, and the open
 * sessions of logins that are not enrolled end.
 */
export async function retireSharedLogin(ds: DataSource): Promise<{ terminated: number }> {
  await ds.transaction(async (m) => {
    await m.query(
      `INSERT INTO centre_setting (key, value) VALUES ('legacy_shared_login', 'false')
       ON CONFLICT (key) DO UPDATE SET value = 'false', updated_at = now()`,
    );
    await m.query(`ALTER ROLE ${WORKSTATION_ROLE} NOLOGIN`);
    await event(m, 'shared-retired', WORKSTATION_ROLE, null, 'shared workstation login retired');
  });
  return {
    terminated: await terminate(
      ds,
      `pg_has_role(a.usename, '${WORKSTATION_ROLE}', 'MEMBER')
       AND NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = a.usename AND r.rolsuper)
       AND NOT EXISTS (SELECT 1 FROM workstation w WHERE w.login = a.usename)`,
      [],
    ),
  };
}

export async function sharedLoginTrusted(ds: DataSource): Promise<boolean> {
  const [r] = await ds.query<{ v: boolean }[]>(
    `SELECT coalesce((SELECT value = 'true'::jsonb FROM centre_setting WHERE key = 'legacy_shared_login'), false) AS v`,
  );
  return r?.v ?? false;
}

export interface Ceilings {
  clerkPerHour: number;
  workstationPerHour: number;
}

const CEILING_KEYS = {
  clerkPerHour: 'ceiling.clerk_per_hour',
  workstationPerHour: 'ceiling.workstation_per_hour',
} as const;

export async function getCeilings(ds: DataSource): Promise<Ceilings> {
  const [r] = await ds.query<{ c: number; w: number }[]>(
    `SELECT ad_setting_int('ceiling.clerk_per_hour', 30) AS c, ad_setting_int('ceiling.workstation_per_hour', 60) AS w`,
  );
  return { clerkPerHour: Number(r!.c), workstationPerHour: Number(r!.w) };
}

/** Issues and resets per clerk and per workstation per hour before they are held. */
export async function setCeilings(ds: DataSource, c: Partial<Ceilings>): Promise<Ceilings> {
  for (const [k, v] of Object.entries(c) as [keyof Ceilings, number | undefined][]) {
    if (v === undefined) continue;
    if (!Number.isInteger(v) || v < 1 || v > 100_000)
      throw new EnrolError(`A ceiling is a whole number from 1 to 100000, not ${v}.`);
    await ds.query(
      `INSERT INTO centre_setting (key, value) VALUES ($1, to_jsonb($2::integer))
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [CEILING_KEYS[k], v],
    );
    await event(ds, 'ceiling', await whoAmI(ds), null, `${CEILING_KEYS[k]} set to ${v}`);
  }
  return getCeilings(ds);
}

export interface HeldDecision {
  opId: string;
  status: 'released' | 'refused';
  code: string | null;
}

/** IT's decision on held operations (a supervisor decides at a counter of the office). */
export async function decideHeld(
  ds: DataSource,
  opIds: string[],
  by: string,
  release: boolean,
): Promise<HeldDecision[]> {
  const [r] = await ds.query<{ r: { decided: HeldDecision[] } }[]>(
    `SELECT sync_decide_held($1::text[], $2, $3) AS r`,
    [opIds, by, release],
  );
  return r?.r.decided ?? [];
}

/**
 * A client certificate for a certificate login, signed by the CA the centre's server trusts
 * for client certificates (its ssl_ca_file): CN is the login, as PostgreSQL's `cert` method
 * requires. Writes LOGIN.key (0600) and LOGIN.crt into `outDir`.
 */
export function issueClientCertificate(
  login: string,
  ca: { certFile: string; keyFile: string },
  outDir: string,
  days = 825,
): { certFile: string; keyFile: string } {
  mkdirSync(outDir, { recursive: true, mode: 0o700 });
  const keyFile = join(outDir, `${login}.key`);
  const csr = join(outDir, `${login}.csr`);
  const certFile = join(outDir, `${login}.crt`);
  const ssl = (args: string[]): void => {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  };
  ssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    `/CN=${login}`,
    '-keyout',
    keyFile,
    '-out',
    csr,
  ]);
  chmodSync(keyFile, 0o600);
  ssl([
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    ca.certFile,
    '-CAkey',
    ca.keyFile,
    '-CAcreateserial',
    '-days',
    String(days),
    '-out',
    certFile,
  ]);
  return { certFile, keyFile };
}
