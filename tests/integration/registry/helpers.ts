// Real encrypted store files in a temp dir, real migrations, and a recorder of the SQL the
// registry sends, so tests can ask SQLite how it would run each statement.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLocalStore, type RawDb, type Store } from '../../../electron/core/db/store';

export interface TempStore {
  store: Store;
  dir: string;
  path: string;
  dispose(): Promise<void>;
}

export async function openTempStore(prefix = 'access-desk-registry-'): Promise<TempStore> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const path = join(dir, 'db.sqlite');
  const store = await openLocalStore(path, { key: randomBytes(32) });
  return {
    store,
    dir,
    path,
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function query<T>(store: Store, sql: string, params: unknown[] = []): Promise<T[]> {
  return store.run(
    () =>
      new Promise<T[]>((resolve, reject) =>
        store.raw().all(sql, params, (e, rows) => (e ? reject(e) : resolve(rows as T[]))),
      ),
  );
}

export interface Recorded {
  sql: string;
  params: unknown[];
}

/** Records every `all()` the registry sends through the raw handle until `stop()`. */
export async function recordSql(store: Store): Promise<{ statements: Recorded[]; stop(): void }> {
  const statements: Recorded[] = [];
  let db: RawDb | undefined;
  let original: RawDb['all'] | undefined;
  await store.run(() => {
    db = store.raw();
    original = db.all.bind(db);
    const wrapped: RawDb['all'] = (sql, params, cb) => {
      statements.push({ sql, params });
      original?.(sql, params, cb);
    };
    db.all = wrapped;
    return Promise.resolve();
  });
  return {
    statements,
    stop() {
      if (db && original) db.all = original;
    },
  };
}

/** EXPLAIN QUERY PLAN lines for a recorded statement. */
export async function plan(store: Store, r: Recorded): Promise<string[]> {
  const rows = await query<{ detail: string }>(store, `EXPLAIN QUERY PLAN ${r.sql}`, r.params);
  return rows.map((row) => row.detail);
}
