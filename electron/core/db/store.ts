// The local store: one SQLCipher-encrypted SQLite file opened through TypeORM's `sqlite`
// driver. TypeORM's sqlite driver shares a single connection and query runner between all
// callers and does not serialise them, so two overlapping `transaction()` calls would nest
// as savepoints and a reader could see another caller's uncommitted rows. Every access
// therefore goes through `Store`, which runs one unit of work at a time.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import { DataSource, type EntityManager, type MigrationInterface } from 'typeorm';
import { AppError } from '../../../shared/errors';
import { entities } from './entities';
import { migrations as allMigrations } from './migrations';

// Not named `require`: the bundler's ESM shim declares that name in the same module scope of
// out/main/index.js, and a second declaration stops the main process before it starts.
const requireCjs = createRequire(import.meta.url);

/** The raw node-sqlite3 handle, for bulk paths that bypass TypeORM. */
export interface RawDb {
  run(sql: string, params: unknown[], cb: (err: Error | null) => void): void;
  all(sql: string, params: unknown[], cb: (err: Error | null, rows: unknown[]) => void): void;
  prepare(sql: string, cb?: (err: Error | null) => void): RawStatement;
  exec(sql: string, cb: (err: Error | null) => void): void;
}
export interface RawStatement {
  run(params: unknown[], cb: (err: Error | null) => void): void;
  all(params: unknown[], cb: (err: Error | null, rows: unknown[]) => void): void;
  finalize(cb?: (err: Error | null) => void): void;
}

export interface OpenOptions {
  /** 32 random bytes. Used as a raw SQLCipher key, so opening costs no key derivation. */
  key: Buffer;
  /** Only migration tests pass a prefix of the list. */
  migrations?: (new () => MigrationInterface)[];
}

export class Store {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly inside = new AsyncLocalStorage<EntityManager>();

  constructor(readonly dataSource: DataSource) {}

  /** Runs `fn` alone, without a transaction: for reads and single statements. */
  run<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    const current = this.inside.getStore();
    if (current) return fn(current);
    return this.exclusive(() =>
      this.inside.run(this.dataSource.manager, () => fn(this.dataSource.manager)),
    );
  }

  /** Runs `fn` alone, inside one transaction: all of it commits or none of it does. */
  tx<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    const current = this.inside.getStore();
    if (current) {
      if (current.queryRunner?.isTransactionActive) return fn(current);
      // Inside run(): the lock is already ours, so open the transaction directly.
      return this.dataSource.transaction((m) => this.inside.run(m, () => fn(m)));
    }
    return this.exclusive(() =>
      this.dataSource.transaction((m) => this.inside.run(m, () => fn(m))),
    );
  }

  /** The raw connection, for bulk statements; only valid inside `run`/`tx`. */
  raw(): RawDb {
    const driver = this.dataSource.driver as unknown as { databaseConnection: RawDb };
    return driver.databaseConnection;
  }

  async close(): Promise<void> {
    await this.exclusive(async () => {
      if (this.dataSource.isInitialized) await this.dataSource.destroy();
    });
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

export function rawKey(key: Buffer): string {
  if (key.length !== 32) throw new Error('The database key must be 32 bytes.');
  return `x'${key.toString('hex')}'`;
}

/**
 * The driver as TypeORM gets it. TypeORM calls the driver's `verbose()`, which wraps every
 * Database and Statement method, for the whole process, to capture a stack trace and
 * `util.inspect` every argument on every call, only to lengthen the stack of an error. That
 * cost ~20 µs a call here (a bare `SELECT ?` 88 → 68 µs), a quarter of a payer-code search,
 * and it copies each bulk statement's 300 KB parameter once more; and the inspected
 * arguments (SQL parameters: names, passport numbers) would ride along in an error's stack
 * into the log. So `verbose()` here hands back the plain driver.
 */
const sqlcipher = requireCjs('@journeyapps/sqlcipher') as object;
const quietDriver: unknown = Object.assign(Object.create(sqlcipher) as object, {
  verbose: () => sqlcipher,
});

/**
 * Opens (creating if needed) the encrypted store at `path`, runs pending migrations and
 * checks the file. A wrong key and a damaged file both end in a typed error, never in a
 * half-open store.
 */
export async function openLocalStore(path: string, options: OpenOptions): Promise<Store> {
  const ds = new DataSource({
    type: 'sqlite',
    database: path,
    driver: quietDriver,
    key: rawKey(options.key),
    enableWAL: true,
    busyTimeout: 5000,
    synchronize: false,
    migrationsRun: false,
    entities,
    migrations: options.migrations ?? allMigrations,
    logging: false,
  });
  try {
    await ds.initialize();
    // A printed password must never outlive a commit that the disk did not keep.
    await ds.query('PRAGMA synchronous = FULL');
    // What is deleted or overwritten is zeroed in the file, not left in free pages: destroyed
    // personal data must not be recoverable from the store (personal-data/destroy.ts).
    await ds.query('PRAGMA secure_delete = ON');
    const damaged = (what: string) =>
      new AppError('INTERNAL', `The local database failed its integrity check: ${what}`, {
        reason: 'DB_CORRUPT',
      });
    let check: { quick_check: string }[];
    try {
      check = await ds.query<{ quick_check: string }[]>('PRAGMA quick_check');
    } catch (e) {
      // SQLCipher reports a page whose HMAC fails as an error of the query ("SQL logic
      // error"), not as a row of quick_check's answer.
      const message = e instanceof Error ? e.message : String(e);
      if (/file is not a database|SQLITE_NOTADB/.test(message)) throw e;
      throw damaged(message);
    }
    if (check[0]?.quick_check !== 'ok') {
      throw damaged(check.map((r) => r.quick_check).join('; ') || '?');
    }
    await ds.runMigrations({ transaction: 'each' });
  } catch (e) {
    if (ds.isInitialized) await ds.destroy();
    if (e instanceof Error && /file is not a database|SQLITE_NOTADB/.test(e.message)) {
      throw new AppError(
        'INTERNAL',
        'The local database cannot be opened with this key, or it is damaged.',
        {
          reason: 'DB_KEY_OR_CORRUPT',
        },
      );
    }
    throw e;
  }
  return new Store(ds);
}
