// Centre → workstation, after the initial load: the change feed (central migration 0002
// explains the table and why a transaction-id watermark rather than logical decoding).
//
// The cursor is the pg_snapshot the replica is current to. A pull opens a REPEATABLE READ
// transaction (so pg_current_snapshot() is the snapshot its reads see) and takes exactly
// the rows its cursor could not see and this snapshot can:
//   xid >= pg_snapshot_xmin(cursor) AND NOT pg_visible_in_snapshot(xid, cursor)
// A transaction still open at the cursor is in the cursor's xip list, so its rows come in
// whenever it commits, even after later transactions with higher feed ids did (a plain
// `id > last` would skip them for good). The rows come sorted by feed id, which for any one
// key is commit order (row locks), and are applied idempotently; the cursor moves only after
// they are all applied, so a crash in between just re-applies them.
//
// Ids first, rows by id after: the window is found with the xid index once and then read
// by primary key, so a large backlog is not rescanned for every page.
import type { DataSource } from 'typeorm';
import type { AuditActor } from '../audit/chain';
import type { Clock } from '../clock';
import type { Store } from '../db/store';
import type { Logger } from '../log/logger';
import { applyRegistryChanges } from '../registry/bulk';
import type { RegistryChange } from '../registry/types';
import {
  applyConflictImage,
  applyCredentialImage,
  type ConflictImage,
  type ConflictRecord,
  type CredentialImage,
} from './credential-feed';
import { accountFromImage, residentFromImage } from './images';
import { applyStaffImages, readStaffState, type StaffImage } from './staff-feed';
import { getState, setState, STATE } from './state';

export interface FeedContext {
  store: Store;
  central: DataSource;
  clock: Clock;
  log: Logger;
  actor: AuditActor;
  districts: string[];
  pageSize: number;
  timeZone: string;
  /** The enrolled office, whose staff changes this workstation takes (none without one). */
  officeId?: string;
  /** Told which staff changed here. */
  onStaffChanged?(ids: string[]): void;
}

export interface FeedReport {
  changes: number;
  conflicts: ConflictRecord[];
  /** The centre's clock at the pulled snapshot. */
  registryAt: string;
}

interface FeedRow {
  id: string;
  entity: 'district' | 'street' | 'account' | 'resident' | 'credential' | 'conflict' | 'staff';
  entity_key: string;
  op: 'upsert' | 'delete';
  data: Record<string, unknown> | null;
}

export async function pullFeed(ctx: FeedContext): Promise<FeedReport> {
  const cursor = await ctx.store.run((m) => getState<string>(m, STATE.feedSnapshot));
  if (!cursor) throw new Error('The registry replica has not been loaded yet.');
  const qr = ctx.central.createQueryRunner();
  const report: FeedReport = { changes: 0, conflicts: [], registryAt: '' };
  let next = cursor;
  try {
    await qr.connect();
    await qr.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const [snap] = (await qr.query(`SELECT pg_current_snapshot()::text AS snap, now() AS at`)) as {
      snap: string;
      at: Date;
    }[];
    if (!snap) throw new Error('no snapshot');
    report.registryAt = new Date(snap.at).toISOString();
    next = snap.snap;
    const ids = (await qr.query(
      `SELECT id FROM change_feed
       WHERE xid >= pg_snapshot_xmin($1::pg_snapshot) AND NOT pg_visible_in_snapshot(xid, $1::pg_snapshot)
         AND (district_code = ANY ($2::text[]) OR district_code IS NULL)
         AND (office_id IS NULL OR office_id = $3)
       ORDER BY id`,
      [cursor, ctx.districts, ctx.officeId ?? null],
    )) as { id: string }[];
    for (let i = 0; i < ids.length; i += ctx.pageSize) {
      const page = ids.slice(i, i + ctx.pageSize).map((r) => r.id);
      const rows = (await qr.query(
        `SELECT id, entity, entity_key, op, data FROM change_feed WHERE id = ANY ($1::bigint[]) ORDER BY id`,
        [page],
      )) as FeedRow[];
      // A staff row names who changed; the verifier is read now, in this snapshot.
      const staffIds = [
        ...new Set(rows.filter((r) => r.entity === 'staff').map((r) => r.entity_key)),
      ];
      const staff = staffIds.length > 0 ? await readStaffState(qr, staffIds) : [];
      report.conflicts.push(...(await applyFeedRows(ctx, rows, staff)));
      report.changes += rows.length;
    }
    await qr.query('COMMIT');
  } catch (e) {
    await qr.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await qr.release().catch(() => undefined);
  }
  await ctx.store.tx(async (m) => {
    const at = ctx.clock.now();
    await setState(m, STATE.feedSnapshot, next, at);
    await setState(m, STATE.registryAt, report.registryAt, at);
  });
  return report;
}

/**
 * Applies one page of feed rows: registry changes, then credential state in feed order, then
 * the current images of the staff the page names.
 */
export async function applyFeedRows(
  ctx: FeedContext,
  rows: FeedRow[],
  staff: StaffImage[] = [],
): Promise<ConflictRecord[]> {
  const registry: RegistryChange[] = [];
  const credentials: FeedRow[] = [];
  for (const r of rows) {
    const change = toRegistryChange(r);
    if (change) registry.push(change);
    else if (r.entity === 'credential' || r.entity === 'conflict') credentials.push(r);
    // A district or street is never deleted from a replica: accounts may still name it.
  }
  const now = ctx.clock.now();
  // One local transaction per page: applyRegistryChanges joins it.
  let staffChanged: string[] = [];
  const conflicts = await ctx.store.tx(async (m) => {
    if (registry.length > 0) await applyRegistryChanges(ctx.store, registry);
    if (staff.length > 0) staffChanged = await applyStaffImages(m, staff, now);
    const out: ConflictRecord[] = [];
    for (const r of credentials) {
      if (!r.data) continue;
      if (r.entity === 'credential')
        await applyCredentialImage(m, r.data as unknown as CredentialImage, now);
      else {
        const rec = await applyConflictImage(
          m,
          r.data as unknown as ConflictImage,
          ctx.actor,
          now,
          ctx.timeZone,
        );
        if (rec) out.push(rec);
      }
    }
    return out;
  });
  if (staffChanged.length > 0) ctx.onStaffChanged?.(staffChanged);
  return conflicts;
}

function toRegistryChange(r: FeedRow): RegistryChange | null {
  const d = r.data ?? {};
  switch (r.entity) {
    case 'district':
      return r.op === 'upsert'
        ? {
            table: 'district',
            op: 'upsert',
            row: { code: String(d.code), name: String(d.name), okrug: String(d.okrug) },
          }
        : null;
    case 'street':
      return r.op === 'upsert'
        ? {
            table: 'street',
            op: 'upsert',
            row: { id: Number(d.id), name: String(d.name), kind: String(d.kind) },
          }
        : null;
    case 'account':
      return r.op === 'upsert'
        ? { table: 'account', op: 'upsert', row: accountFromImage(d) }
        : { table: 'account', op: 'delete', id: Number(r.entity_key) };
    case 'resident':
      return r.op === 'upsert'
        ? { table: 'resident', op: 'upsert', row: residentFromImage(d) }
        : { table: 'resident', op: 'delete', id: Number(r.entity_key) };
    default:
      return null;
  }
}
