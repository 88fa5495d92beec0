// Promise wrappers over the raw node-sqlite3 handle. The registry's hot paths (bulk load,
// search) bypass TypeORM: its query runner adds a few hundred microseconds per statement,
// which is most of a search's budget. Callers must hold the store (inside `run`/`tx`).
import type { RawDb, RawStatement } from '../db/store';

export function exec(db: RawDb, sql: string): Promise<void> {
  return new Promise((resolve, reject) => db.exec(sql, (e) => (e ? reject(e) : resolve())));
}

export function run(db: RawDb, sql: string, params: unknown[] = []): Promise<void> {
  return new Promise((resolve, reject) => db.run(sql, params, (e) => (e ? reject(e) : resolve())));
}

export function all<T>(db: RawDb, sql: string, params: unknown[] = []): Promise<T[]> {
  return new Promise((resolve, reject) =>
    db.all(sql, params, (e, rows) => (e ? reject(e) : resolve(rows as T[]))),
  );
}

export function prepare(db: RawDb, sql: string): Promise<RawStatement> {
  return new Promise((resolve, reject) => {
    const stmt: RawStatement = db.prepare(sql, (e) => (e ? reject(e) : resolve(stmt)));
  });
}

export function stmtRun(stmt: RawStatement, params: unknown[]): Promise<void> {
  return new Promise((resolve, reject) => stmt.run(params, (e) => (e ? reject(e) : resolve())));
}

export function stmtAll<T>(stmt: RawStatement, params: unknown[]): Promise<T[]> {
  return new Promise((resolve, reject) =>
    stmt.all(params, (e, rows) => (e ? reject(e) : resolve(rows as T[]))),
  );
}

export function finalize(stmt: RawStatement): Promise<void> {
  return new Promise((resolve) => stmt.finalize(() => resolve()));
}

/** `(?, ?, ?), (?, ?, ?)…`: the VALUES list of a multi-row insert. */
export function valuesList(columns: number, rows: number): string {
  const one = `(${new Array<string>(columns).fill('?').join(', ')})`;
  return new Array<string>(rows).fill(one).join(', ');
}
