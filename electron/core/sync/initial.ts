// Centre → workstation, first time (or when the office's districts change): the whole
// replica of the office's districts, read in one REPEATABLE READ transaction so that it is
// one consistent snapshot, and that snapshot becomes the change feed's cursor (feed.ts).
//
// Reads are large keyset pages per district on (district_code, id), each with its
// accounts' residents, fetched as arrays (no per-row objects from the driver); the next
// page is fetched while the store writes the current one. The local side is the registry's
// bulk loader, which is one local transaction by design (an interrupted load leaves empty
// tables): this is the one place where the store is held while the centre is read. It is
// bounded by the query timeout, and an empty replica serves nothing meanwhile anyway.
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import type { Clock } from '../clock';
import type { Store } from '../db/store';
import type { Logger } from '../log/logger';
import { bulkLoadRegistry, type LoadResult } from '../registry/bulk';
import type { AccountIn, RegistryBatch, ResidentIn } from '../registry/types';
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
}

export interface InitialReport extends LoadResult {
  snapshot: string;
  registryAt: string;
}

const UTC_ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

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
    const result = await bulkLoadRegistry(
      ctx.store,
      readAhead(pages(client, districts, ctx.pageSize)),
      { onProgress: (rows) => ctx.onProgress?.(rows) },
    );
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
      seconds: result.seconds,
    });
    return { ...result, snapshot: snap.snap, registryAt };
  } catch (e) {
    await qr.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await qr.release().catch(() => undefined);
  }
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
      const a = await client.query<
        [string, string, string, string, string, string, string, string]
      >({
        text: `SELECT id, payer_code, district_code, street_id, house, building, flat,
                 to_char(updated_at AT TIME ZONE 'UTC', ${UTC_ISO})
               FROM account WHERE district_code = $1 AND id > $2 ORDER BY district_code, id LIMIT $3`,
        values: [district, after, pageSize],
        rowMode: 'array',
      });
      if (a.rows.length === 0) break;
      const accounts: AccountIn[] = a.rows.map(
        ([id, payerCode, districtCode, streetId, house, building, flat, updatedAt]) => ({
          id: Number(id),
          payerCode,
          districtCode,
          streetId: Number(streetId),
          house,
          building,
          flat,
          updatedAt,
        }),
      );
      const first = accounts[0]!.id;
      after = accounts[accounts.length - 1]!.id;
      // Residents by their account's id range within this district (one index range scan).
      const r = await client.query<
        [
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string | null,
          string | null,
          string,
        ]
      >({
        text: `SELECT r.id, r.account_id, r.surname, r.given_name, r.patronymic, r.birth_date::text, r.relation,
                 r.registered_from::text, r.registered_to::text, to_char(r.updated_at AT TIME ZONE 'UTC', ${UTC_ISO})
               FROM resident r JOIN account a ON a.id = r.account_id
               WHERE r.account_id BETWEEN $1 AND $2 AND a.district_code = $3
               ORDER BY r.id`,
        values: [first, after, district],
        rowMode: 'array',
      });
      const residents: ResidentIn[] = r.rows.map(
        ([
          id,
          accountId,
          surname,
          givenName,
          patronymic,
          birthDate,
          relation,
          registeredFrom,
          registeredTo,
          updatedAt,
        ]) => ({
          id: Number(id),
          accountId: Number(accountId),
          surname,
          givenName,
          patronymic,
          birthDate,
          relation: relation === 'owner' ? 'owner' : 'registered',
          registeredFrom,
          registeredTo,
          updatedAt,
        }),
      );
      yield { accounts, residents };
      if (a.rows.length < pageSize) break;
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
