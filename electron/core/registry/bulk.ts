// The registry's write paths. The initial load (replication of a whole district, or the
// demo registry) writes millions of rows: it bypasses TypeORM and follows the usual SQLite
// recipe — secondary indexes dropped, multi-row INSERTs from reused prepared statements in
// rowid order, indexes rebuilt by sorting once at the end, statistics refreshed. Incremental
// changes from the centre go through `applyRegistryChanges`, one transaction per call.
import type { Store, RawDb, RawStatement } from '../db/store';
import { foldName } from '../../../shared/domain/names';
import { generateRegistry, type GenerateOptions } from './generator';
import { flatKey, houseKey, joinNameKey, memo, surnameKey } from './keys';
import { loadPragmas, restorePragmas, tuneForLoad, type LoadTuning } from './pragmas';
import { all, exec, finalize, prepare, stmtRun } from './sql';
import { forgetRegistryCache } from './cache';
import type { AccountIn, RegistryBatch, ResidentIn } from './types';

export type {
  AccountIn,
  DistrictIn,
  RegistryBatch,
  RegistryChange,
  ResidentIn,
  StreetIn,
} from './types';
export { applyRegistryChanges } from './changes';

export interface LoadOptions {
  onProgress?: (rows: number) => void;
  /** Time spent per phase (insert, index, analyze), for the benchmark report. */
  onPhase?: (phase: 'insert' | 'index' | 'analyze', seconds: number) => void;
  /** For benchmarks comparing load settings; the defaults are the measured best. */
  tuning?: Partial<LoadTuning>;
}

export interface LoadResult {
  districts: number;
  streets: number;
  accounts: number;
  residents: number;
  seconds: number;
}

const REGISTRY_TABLES = ['district', 'street', 'account', 'resident'];
/**
 * Indexes kept while loading. Residents arrive account by account, so resident_account
 * grows at its right edge like the table itself: maintaining it costs less than one more
 * scan, sort and write of 2.5 million entries after the load. (Were the feed out of order,
 * this 30 MB index still fits the load's page cache.)
 */
const KEPT_DURING_LOAD = new Set(['resident_account']);
/**
 * Rows per statement. Rows cross to SQLite as one JSON text per statement, unpacked by
 * `jsonb_each` (see `insertFromJson`); bigger chunks save calls, smaller ones bound the
 * memory held by statements in flight.
 */
const ROWS_PER_STATEMENT = 2000;
// Statements queued to SQLite's thread while JavaScript prepares the next ones: enough to
// keep both cores busy, few enough to bound the memory held in bound parameters.
const MAX_IN_FLIGHT = 4;

export const ACCOUNT_COLUMNS = [
  'id',
  'payer_code',
  'district_code',
  'street_id',
  'house',
  'building',
  'flat',
  'house_key',
  'flat_key',
  'updated_at',
];
export const RESIDENT_COLUMNS = [
  'id',
  'account_id',
  'street_id',
  'surname',
  'given_name',
  'patronymic',
  'birth_date',
  'relation',
  'registered_from',
  'registered_to',
  'surname_key',
  'name_key',
  'updated_at',
];

/**
 * Rows as the store holds them, in the column orders above, with the search keys derived
 * (memoised for one load: house numbers, flats and surnames repeat a lot). The benchmark's raw
 * reference insert uses the same makers, so it writes exactly these rows.
 */
export function rowMakers(): {
  account(a: AccountIn): unknown[];
  resident(r: ResidentIn, streetId: number): unknown[];
} {
  const house = memo((s) => {
    const [h = '', b = ''] = s.split('\u0000');
    return houseKey(h, b);
  });
  const flat = memo(flatKey);
  const surname = memo(surnameKey);
  // Given names and patronymics repeat even more than surnames: each part folded once.
  const part = memo(foldName);
  return {
    account: (a) => [
      a.id,
      a.payerCode,
      a.districtCode,
      a.streetId,
      a.house,
      a.building,
      a.flat,
      house(`${a.house}\u0000${a.building}`),
      flat(a.flat),
      a.updatedAt,
    ],
    resident: (r, streetId) => [
      r.id,
      r.accountId,
      streetId,
      r.surname,
      r.givenName,
      r.patronymic,
      r.birthDate,
      r.relation,
      r.registeredFrom,
      r.registeredTo,
      surname(r.surname),
      joinNameKey(part(r.givenName), part(r.patronymic)),
      r.updatedAt,
    ],
  };
}

/**
 * A multi-row INSERT whose rows arrive as one JSON array of arrays. node-sqlite3 converts
 * every bound value through N-API on the JavaScript thread (about 0.3 µs each, 3.4 µs per
 * resident row measured), which made binding, not SQLite, the bottleneck of a VALUES
 * (?, ?, …) × 500 statement. One JSON string per 2,000 rows costs ~1 µs per row to build
 * and bind; `jsonb_each` parses it once in SQLite's thread, and `->>` reads the binary
 * form without re-parsing, close to the cost of the insert itself. Types survive: JSON
 * integers become INTEGER, strings TEXT, null NULL.
 */
function insertFromJson(
  db: RawDb,
  table: string,
  columns: readonly string[],
): Promise<RawStatement> {
  const values = columns.map((_, i) => `value ->> ${i}`).join(', ');
  return prepare(
    db,
    `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${values} FROM jsonb_each(?)`,
  );
}

/** account id → street id, for the residents' denormalised street. Dense ids use an array. */
class StreetOfAccount {
  private dense = new Int32Array(1 << 16);
  private readonly sparse = new Map<number, number>();

  set(accountId: number, streetId: number): void {
    if (accountId > 0 && accountId < 1 << 28 && streetId > 0 && streetId < 2 ** 31) {
      if (accountId >= this.dense.length) {
        let size = this.dense.length;
        while (size <= accountId) size *= 2;
        const grown = new Int32Array(size);
        grown.set(this.dense);
        this.dense = grown;
      }
      this.dense[accountId] = streetId;
    } else {
      this.sparse.set(accountId, streetId);
    }
  }

  get(accountId: number): number | undefined {
    const v = accountId > 0 && accountId < this.dense.length ? this.dense[accountId] : 0;
    return v ? v : this.sparse.get(accountId);
  }
}

/**
 * Buffers rows of one table and sends them `ROWS_PER_STATEMENT` at a time through one
 * reused statement. `add` returns a promise only when the caller must wait for SQLite.
 */
class TableWriter {
  private rows: unknown[][] = [];
  private readonly inFlight: Promise<void>[] = [];
  written = 0;

  constructor(private readonly stmt: RawStatement) {}

  add(row: unknown[]): Promise<void> | undefined {
    this.rows.push(row);
    if (this.rows.length < ROWS_PER_STATEMENT) return undefined;
    this.send();
    return this.inFlight.length >= MAX_IN_FLIGHT ? this.inFlight.shift() : undefined;
  }

  async flush(): Promise<void> {
    if (this.rows.length > 0) this.send();
    await Promise.all(this.inFlight.splice(0));
  }

  private send(): void {
    // node-sqlite3 copies the string during the call; the rows can go at once.
    this.inFlight.push(stmtRun(this.stmt, [JSON.stringify(this.rows)]));
    this.written += this.rows.length;
    this.rows = [];
  }
}

/**
 * Initial load into EMPTY registry tables, as one transaction: a crash or an error leaves
 * the tables empty again (the rollback journal of an append-only load is a few pages).
 * A batch's residents must come after, or with, their accounts.
 */
export async function bulkLoadRegistry(
  store: Store,
  batches: Iterable<RegistryBatch> | AsyncIterable<RegistryBatch>,
  opts: LoadOptions = {},
): Promise<LoadResult> {
  const started = performance.now();
  const result = await store.run(async () => {
    const db = store.raw();
    const [nonEmpty] = await all<{ n: number }>(
      db,
      `SELECT ${REGISTRY_TABLES.map((t) => `EXISTS (SELECT 1 FROM ${t})`).join(' + ')} AS n`,
    );
    if (nonEmpty?.n) throw new Error('bulkLoadRegistry needs empty registry tables.');
    const indexes = await all<{ name: string; sql: string }>(
      db,
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
         AND tbl_name IN (${REGISTRY_TABLES.map((t) => `'${t}'`).join(', ')}) ORDER BY name`,
    ).then((rows) => rows.filter((ix) => !KEPT_DURING_LOAD.has(ix.name)));
    const saved = await loadPragmas(db);
    await tuneForLoad(db, opts.tuning);
    const stmts: RawStatement[] = [];
    try {
      await exec(db, 'BEGIN IMMEDIATE');
      for (const ix of indexes) await exec(db, `DROP INDEX "${ix.name}"`);
      const district = await prepare(
        db,
        'INSERT INTO district (code, name, okrug) VALUES (?, ?, ?)',
      );
      const street = await prepare(
        db,
        'INSERT INTO street (id, name, kind, name_key) VALUES (?, ?, ?, ?)',
      );
      const accountStmt = await insertFromJson(db, 'account', ACCOUNT_COLUMNS);
      const residentStmt = await insertFromJson(db, 'resident', RESIDENT_COLUMNS);
      stmts.push(district, street, accountStmt, residentStmt);
      const accounts = new TableWriter(accountStmt);
      const residents = new TableWriter(residentStmt);
      const streetOf = new StreetOfAccount();
      const row = rowMakers();
      let districts = 0;
      let streets = 0;
      let reported = 0;

      for await (const batch of batches) {
        for (const d of batch.districts ?? []) {
          await stmtRun(district, [d.code, d.name, d.okrug]);
          districts++;
        }
        for (const s of batch.streets ?? []) {
          await stmtRun(street, [s.id, s.name, s.kind, foldName(s.name)]);
          streets++;
        }
        for (const a of batch.accounts ?? []) {
          streetOf.set(a.id, a.streetId);
          const wait = accounts.add(row.account(a));
          if (wait) await wait;
        }
        for (const r of batch.residents ?? []) {
          const streetId = streetOf.get(r.accountId);
          if (streetId === undefined) {
            throw new Error(`Resident ${r.id} arrived before its account ${r.accountId}.`);
          }
          const wait = residents.add(row.resident(r, streetId));
          if (wait) await wait;
        }
        const rows = accounts.written + residents.written;
        if (opts.onProgress && rows - reported >= 50_000) {
          reported = rows;
          opts.onProgress(rows);
        }
      }
      await accounts.flush();
      await residents.flush();
      for (const s of stmts.splice(0)) await finalize(s);
      const indexing = performance.now();
      opts.onPhase?.('insert', (indexing - started) / 1000);
      // One exec, so every index is sorted on the same pool thread: with glibc each thread
      // has its own malloc arena, and sorts spread over threads kept ~400 MB of freed
      // sorter memory at 1M accounts (peak RSS 888 MB against ~500 MB this way).
      await exec(db, indexes.map((ix) => `${ix.sql};`).join('\n'));
      await exec(db, 'COMMIT');
      opts.onPhase?.('index', (performance.now() - indexing) / 1000);
      opts.onProgress?.(accounts.written + residents.written);
      return { districts, streets, accounts: accounts.written, residents: residents.written };
    } catch (e) {
      for (const s of stmts) await finalize(s);
      await exec(db, 'ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      await restorePragmas(db, saved);
      forgetRegistryCache(store);
    }
  });
  // Statistics let the planner pick the right index when a query could use two; a sample
  // (analysis_limit) is enough and costs a fraction of a full ANALYZE.
  const analyzing = performance.now();
  await store.run(() =>
    exec(store.raw(), 'PRAGMA analysis_limit = 1000; ANALYZE; PRAGMA analysis_limit = 0;'),
  );
  opts.onPhase?.('analyze', (performance.now() - analyzing) / 1000);
  return { ...result, seconds: (performance.now() - started) / 1000 };
}

/** The demo registry, generated and bulk-loaded: first start, tests and benchmarks. */
export function seedDemoRegistry(
  store: Store,
  opts: Omit<GenerateOptions, 'batchSize'> & LoadOptions,
): Promise<LoadResult> {
  const { accounts, seed, ...load } = opts;
  return bulkLoadRegistry(store, generateRegistry({ accounts, seed }), load);
}
