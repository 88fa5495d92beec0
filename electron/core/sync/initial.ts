// Centre → workstation, first time (or when the office's districts change): the whole
// replica of the office's districts, read in one REPEATABLE READ transaction so that it is
// one consistent snapshot, and that snapshot becomes the change feed's cursor (feed.ts).
//
// Reads are large keyset pages per district on (district_code, id), each with its
// accounts' residents, in one round trip (see PAGE_SQL); the next page is fetched while
// the store writes the current one. The local side is the registry's
// bulk loader, which is one local transaction by design (an interrupted load leaves empty
// tables): this is the one place where the store is held while the centre is read. It is
// bounded by the query timeout, and an empty replica serves nothing meanwhile anyway.
//
// The same snapshot also brings the centre's current state of the credentials held here
// and of their conflicts (initial-credentials.ts): the feed after the load starts at this
// snapshot, so nothing decided before it would ever arrive otherwise.
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import type { AuditActor } from '../audit/chain';
import type { Clock } from '../clock';
import type { Store } from '../db/store';
import type { Logger } from '../log/logger';
import { bulkLoadRegistry, type LoadResult } from '../registry/bulk';
import type { AccountIn, RegistryBatch, ResidentIn } from '../registry/types';
import type { ConflictRecord } from './credential-feed';
import { loadCredentialState } from './initial-credentials';
import { applyStaffImages, readStaffState } from './staff-feed';
import { getState, setState, STATE } from './state';

export interface InitialContext {
  store: Store;
  central: DataSource;
  clock: Clock;
  log: Logger;
  districts: string[];
  /** Accounts per page. */
  pageSize: number;
  onProgress?(rows: number): void;
  /** Who audits a conflict the load brings. Required once the store holds credentials. */
  actor?: AuditActor;
  /** For the conflict texts ("printed at 10:02"). Required with the actor. */
  timeZone?: string;
  /** The enrolled office: its staff directory is read in the same snapshot. */
  officeId?: string;
  /** Told which staff changed here. */
  onStaffChanged?(ids: string[]): void;
}

export interface InitialReport extends LoadResult {
  snapshot: string;
  registryAt: string;
  /** Conflicts of credentials held here that this load recorded (none already known). */
  conflicts: ConflictRecord[];
}

/** True when the replica is missing or holds another set of districts. */
export async function needsInitialLoad(store: Store, districts: string[]): Promise<boolean> {
  const [snap, held] = await store.run(async (m) => [
    await getState<string>(m, STATE.feedSnapshot),
    await getState<string[]>(m, STATE.feedDistricts),
  ]);
  return !snap || JSON.stringify(held ?? []) !== JSON.stringify(normalise(districts));
}

const normalise = (ds: string[]): string[] => [...new Set(ds)].sort();

export async function initialLoad(ctx: InitialContext): Promise<InitialReport> {
  const districts = normalise(ctx.districts);
  // A replica of other districts, a half-finished one, or the demo registry the app seeds
  // before sync is set up: the centre's copy replaces it, and the cursor goes first so a
  // crash in between cannot leave a stale cursor over a fresh load.
  await ctx.store.tx(async (m) => {
    await m.query(`DELETE FROM sync_state WHERE key IN (?, ?)`, [
      STATE.feedSnapshot,
      STATE.feedDistricts,
    ]);
    for (const t of ['resident', 'account', 'street', 'district'])
      await m.query(`DELETE FROM ${t}`);
  });

  const qr = ctx.central.createQueryRunner();
  try {
    const client = (await qr.connect()) as PoolClient;
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapRes = await client.query<{ snap: string; at: Date }>(
      `SELECT pg_current_snapshot()::text AS snap, now() AS at`,
    );
    const snap = snapRes.rows[0];
    if (!snap) throw new Error('no snapshot');
    // The office's staff first, in this snapshot (the feed after the load starts at it), and
    // applied at once: a counter joining its office can sign people in while the rest loads.
    if (ctx.officeId) {
      const images = await readStaffState(client, null);
      const officeId = ctx.officeId;
      const changed = await ctx.store.tx(async (m) => {
        const ids = await applyStaffImages(m, images, ctx.clock.now());
        await setState(m, STATE.staffOffice, officeId, ctx.clock.now());
        return ids;
      });
      if (changed.length > 0) ctx.onStaffChanged?.(changed);
    }
    const result = await bulkLoadRegistry(
      ctx.store,
      readAhead(pages(client, districts, ctx.pageSize)),
      { onProgress: (rows) => ctx.onProgress?.(rows) },
    );
    // After the registry, so a conflict's audit entry names the account's payer code.
    const conflicts = await loadCredentialState(client, {
      store: ctx.store,
      clock: ctx.clock,
      actor: ctx.actor,
      timeZone: ctx.timeZone,
    });
    await client.query('COMMIT');
    const registryAt = new Date(snap.at).toISOString();
    await ctx.store.tx(async (m) => {
      const at = ctx.clock.now();
      await setState(m, STATE.feedSnapshot, snap.snap, at);
      await setState(m, STATE.feedDistricts, districts, at);
      await setState(m, STATE.registryAt, registryAt, at);
    });
    ctx.log.info('registry replica loaded', {
      accounts: result.accounts,
      residents: result.residents,
      conflicts: conflicts.length,
      seconds: result.seconds,
    });
    return { ...result, snapshot: snap.snap, registryAt, conflicts };
  } catch (e) {
    await qr.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await qr.release().catch(() => undefined);
  }
}

// Each page is one call and one round trip: sync_initial_page (central functions/80-reads.sql)
// checks once that the district is this login's and returns the accounts, then their
// residents, each row formatted by the server as one text value, fields joined by US (the
// ASCII unit separator, which no name or address contains). The server formats on its own
// core and the client decodes one string per row instead of one per field: ~1.5× faster
// than plain rows. (One string per page is faster still, but the fields sliced from it keep
// the whole page alive in the registry loader's key caches.)
const US = '\u001f';
const PAGE_SQL = `SELECT t, id, line FROM sync_initial_page($1, $2, $3)`;

function fields(text: string, width: number): string[] {
  const f = text.split(US);
  if (f.length !== width)
    throw new Error('A registry row holds a separator character; cannot replicate it.');
  return f;
}

async function* pages(
  client: PoolClient,
  districts: string[],
  pageSize: number,
): AsyncGenerator<RegistryBatch> {
  const d = await client.query<[string, string, string]>({
    text: `SELECT code, name, okrug FROM district WHERE code = ANY ($1::text[]) ORDER BY code`,
    values: [districts],
    rowMode: 'array',
  });
  const s = await client.query<[string, string, string]>({
    text: `SELECT id, name, kind FROM street ORDER BY id`,
    rowMode: 'array',
  });
  yield {
    districts: d.rows.map(([code, name, okrug]) => ({ code, name, okrug })),
    streets: s.rows.map(([id, name, kind]) => ({ id: Number(id), name, kind })),
  };
  for (const district of districts) {
    let after = -1;
    for (;;) {
      const res = await client.query<[number, string, string]>({
        text: PAGE_SQL,
        values: [district, after, pageSize],
        rowMode: 'array',
      });
      const accounts: AccountIn[] = [];
      const residents: ResidentIn[] = [];
      for (const [t, , text] of res.rows) {
        if (t === 0) {
          const [id, payerCode, districtCode, streetId, house, building, flat, updatedAt] = fields(
            text,
            8,
          );
          accounts.push({
            id: Number(id),
            payerCode: payerCode!,
            districtCode: districtCode!,
            streetId: Number(streetId),
            house: house!,
            building: building!,
            flat: flat!,
            updatedAt: updatedAt!,
          });
        } else {
          const [
            id,
            accountId,
            surname,
            givenName,
            patronymic,
            birthDate,
            relation,
            from,
            to,
            updatedAt,
          ] = fields(text, 10);
          residents.push({
            id: Number(id),
            accountId: Number(accountId),
            surname: surname!,
            givenName: givenName!,
            patronymic: patronymic!,
            birthDate: birthDate!,
            relation: relation === 'owner' ? 'owner' : 'registered',
            registeredFrom: from || null,
            registeredTo: to || null,
            updatedAt: updatedAt!,
          });
        }
      }
      const last = accounts.at(-1);
      if (!last) break;
      after = last.id;
      yield { accounts, residents };
      if (accounts.length < pageSize) break;
    }
  }
}

/** Keeps the next item in flight while the consumer works on the current one. */
async function* readAhead<T>(src: AsyncIterator<T>): AsyncGenerator<T> {
  let next = src.next();
  try {
    for (;;) {
      const r = await next;
      if (r.done) return;
      next = src.next();
      next.catch(() => undefined); // surfaced on the next await, or moot if we stop early
      yield r.value;
    }
  } finally {
    await src.return?.(undefined);
  }
}
