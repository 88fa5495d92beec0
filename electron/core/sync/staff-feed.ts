// The office's staff directory coming back from the centre: every clerk and supervisor of
// the office, with the argon2id verifier they sign in with (offline too: the last one
// synced), disabled or not, and locked out or not. Applied here so that a person created,
// disabled, reset or locked out at one counter is the same at every counter of the office.
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import type { Store } from '../db/store';
import { MAX_FAILED_SIGN_INS } from '../staff/service';
import { getState, setState, STATE } from './state';

const Instant = z
  .string()
  .nullable()
  .transform((v) => (v === null ? null : new Date(v).toISOString()));

export const StaffImage = z.object({
  id: z.string(),
  officeId: z.string(),
  login: z.string(),
  fullName: z.string(),
  role: z.enum(['clerk', 'supervisor']),
  passwordHash: z.string().startsWith('$argon2id$'),
  mustChangePassword: z.boolean(),
  disabledAt: Instant,
  lockedUntil: Instant,
  unlockedAt: Instant,
  createdAt: Instant,
  version: z.coerce.number().int(),
});
export type StaffImage = z.infer<typeof StaffImage>;

/** Anything that can run a query against the centre (a DataSource, a query runner, a client). */
export interface CentralReader {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** Reads the current images of the caller's office's staff (all, or those named). */
export async function readStaffState(
  central: CentralReader,
  ids: string[] | null,
): Promise<StaffImage[]> {
  const res = (await central.query(`SELECT sync_staff_state($1::text[]) AS s`, [ids])) as
    { s: unknown }[] | { rows: { s: unknown }[] };
  const rows = Array.isArray(res) ? res : res.rows;
  return rows.map((r) => StaffImage.parse(r.s));
}

/**
 * Applies images in one local transaction; returns the ids of staff that changed here. An
 * image older than what was applied is skipped, and so is one for a person whose change
 * made here has not reached the centre yet (its own image will follow). A local person with
 * the same login but another id (two counters that each created "ivanova" before they
 * shared a directory) keeps their history under a renamed, disabled login.
 */
export async function applyStaffImages(
  m: EntityManager,
  images: StaffImage[],
  now: Date,
): Promise<string[]> {
  const at = now.toISOString();
  const changed: string[] = [];
  for (const img of images) {
    const [local] = await m.query<{ centre_version: number }[]>(
      `SELECT centre_version FROM clerk WHERE id = ?`,
      [img.id],
    );
    if (local && Number(local.centre_version) >= img.version) continue;
    const waiting = await m.query<unknown[]>(
      `SELECT 1 FROM outbox WHERE status = 'pending' AND kind LIKE 'staff.%'
         AND json_extract(payload, '$.clerkId') = ? LIMIT 1`,
      [img.id],
    );
    if (waiting.length > 0) continue;
    await m.query(
      `INSERT INTO office (id, name, address, created_at) VALUES (?, ?, '', ?)
       ON CONFLICT (id) DO NOTHING`,
      [img.officeId, img.officeId, at],
    );
    await m.query(
      `UPDATE clerk SET login = login || '~' || substr(id, 1, 8), disabled_at = coalesce(disabled_at, ?),
         updated_at = ?
       WHERE login = ? COLLATE NOCASE AND id <> ?`,
      [at, at, img.login, img.id],
    );
    await m.query(
      `INSERT INTO clerk (id, office_id, login, full_name, role, password_hash, must_change_password,
         disabled_at, created_at, updated_at, centre_version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET office_id = excluded.office_id, login = excluded.login,
         full_name = excluded.full_name, role = excluded.role, password_hash = excluded.password_hash,
         must_change_password = excluded.must_change_password, disabled_at = excluded.disabled_at,
         updated_at = excluded.updated_at, centre_version = excluded.centre_version`,
      [
        img.id,
        img.officeId,
        img.login,
        img.fullName,
        img.role,
        img.passwordHash,
        img.mustChangePassword ? 1 : 0,
        img.disabledAt,
        img.createdAt ?? at,
        at,
        img.version,
      ],
    );
    await applyLock(m, img, at);
    changed.push(img.id);
  }
  return changed;
}

/** The lock-out another counter reported, or a supervisor's unlock, for this login here. */
async function applyLock(m: EntityManager, img: StaffImage, at: string): Promise<void> {
  const key = img.login.toLowerCase();
  if (img.lockedUntil && img.lockedUntil > at) {
    await m.query(
      `INSERT INTO sign_in_throttle (login, failures, locked_until, last_failure_at)
       VALUES (?, ?, ?, ?)
       ON CONFLICT (login) DO UPDATE SET locked_until = max(coalesce(locked_until, ''), excluded.locked_until)`,
      [key, MAX_FAILED_SIGN_INS, img.lockedUntil, at],
    );
  } else if (img.unlockedAt) {
    await m.query(`DELETE FROM sign_in_throttle WHERE login = ? AND last_failure_at <= ?`, [
      key,
      img.unlockedAt,
    ]);
  }
}

/** The whole directory of the enrolled office, when this store does not hold it yet. */
export async function loadStaffDirectory(
  store: Store,
  central: CentralReader,
  officeId: string,
  now: Date,
): Promise<string[]> {
  const held = await store.run((m) => getState<string>(m, STATE.staffOffice));
  if (held === officeId) return [];
  const images = await readStaffState(central, null);
  return store.tx(async (m) => {
    const changed = await applyStaffImages(m, images, now);
    await setState(m, STATE.staffOffice, officeId, now);
    return changed;
  });
}

interface ClerkExport {
  id: string;
  officeId: string;
  login: string;
  fullName: string;
  role: string;
  passwordHash: string;
  mustChangePassword: boolean;
  disabledAt: string | null;
  createdAt: string;
}

/**
 * Staff this store had before the directory moved to the centre, sent once (the local
 * migration marks them). Returns what the centre said, or null when there was nothing to do.
 */
export async function exportLegacyStaff(store: Store, central: CentralReader): Promise<unknown> {
  const pending = await store.run((m) => getState<boolean>(m, STATE.staffImportPending));
  if (!pending) return null;
  const clerks = await store.run((m) =>
    m.query<
      {
        id: string;
        office_id: string;
        login: string;
        full_name: string;
        role: string;
        password_hash: string;
        must_change_password: number;
        disabled_at: string | null;
        created_at: string;
      }[]
    >(
      `SELECT id, office_id, login, full_name, role, password_hash, must_change_password, disabled_at,
         created_at FROM clerk ORDER BY created_at`,
    ),
  );
  const list: ClerkExport[] = clerks.map((c) => ({
    id: c.id,
    officeId: c.office_id,
    login: c.login,
    fullName: c.full_name,
    role: c.role,
    passwordHash: c.password_hash,
    mustChangePassword: c.must_change_password === 1,
    disabledAt: c.disabled_at,
    createdAt: c.created_at,
  }));
  const res = (await central.query(`SELECT sync_staff_import($1::jsonb) AS r`, [
    JSON.stringify(list),
  ])) as { r: unknown }[];
  await store.tx((m) =>
    m.query(`DELETE FROM sync_state WHERE key = ?`, [STATE.staffImportPending]),
  );
  return res[0]?.r ?? null;
}
