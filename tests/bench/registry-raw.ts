// The reference for the registry load benchmark: the same rows (same columns, same derived
// keys) put into the same kind of encrypted store with the textbook bulk insert — prepared
// INSERT … VALUES (…) × 500 statements, reused, one transaction, no indexes — and the load's
// own journal, sync and cache settings, so the ratio shows what the indexes and the load's
// own work cost on top of writing the rows.
import { randomBytes } from 'node:crypto';
import { openLocalStore, type RawDb, type RawStatement } from '../../electron/core/db/store';
import { generateRegistry } from '../../electron/core/registry/generator';
import { ACCOUNT_COLUMNS, RESIDENT_COLUMNS, rowMakers } from '../../electron/core/registry/bulk';
import { DEFAULT_TUNING, tuneForLoad } from '../../electron/core/registry/pragmas';

const ROWS = 500;
export interface RawRows {
  accounts: unknown[][];
  residents: unknown[][];
}

/** The generator's rows as the store holds them: keys derived, residents' street filled. */
export function* rowsOf(accounts: number, seed?: number): Generator<RawRows> {
  const row = rowMakers();
  const streetOf = new Int32Array(accounts + 2);
  for (const b of generateRegistry({ accounts, seed })) {
    const out: RawRows = { accounts: [], residents: [] };
    for (const a of b.accounts ?? []) {
      streetOf[a.id] = a.streetId;
      out.accounts.push(row.account(a));
    }
    for (const r of b.residents ?? []) out.residents.push(row.resident(r, streetOf[r.accountId]!));
    yield out;
  }
}

function call(fn: (cb: (e: Error | null) => void) => void): Promise<void> {
  return new Promise((res, rej) => fn((e) => (e ? rej(e) : res())));
}

class ValuesWriter {
  private params: unknown[] = [];
  private rows = 0;
  private readonly inFlight: Promise<void>[] = [];
  written = 0;

  constructor(
    private readonly db: RawDb,
    private readonly stmt: RawStatement,
    private readonly table: string,
    private readonly columns: string,
    private readonly width: number,
  ) {}

  async add(row: unknown[]): Promise<void> {
    for (const v of row) this.params.push(v);
    if (++this.rows < ROWS) return;
    const params = this.params;
    this.inFlight.push(call((cb) => this.stmt.run(params, cb)));
    this.written += this.rows;
    this.params = [];
    this.rows = 0;
    if (this.inFlight.length >= 4) await this.inFlight.shift();
  }

  async flush(): Promise<void> {
    await Promise.all(this.inFlight.splice(0));
    if (this.rows === 0) return;
    const one = `(${new Array<string>(this.width).fill('?').join(', ')})`;
    await call((cb) =>
      this.db.run(
        `INSERT INTO ${this.table} (${this.columns}) VALUES ${new Array<string>(this.rows).fill(one).join(', ')}`,
        this.params,
        cb,
      ),
    );
    this.written += this.rows;
  }
}

export async function rawInsert(
  path: string,
  batches: Iterable<RawRows>,
): Promise<{ rows: number; seconds: number; cpuSeconds: number }> {
  const store = await openLocalStore(path, { key: randomBytes(32) });
  try {
    return await store.run(async () => {
      const db = store.raw();
      const exec = (sql: string) => call((cb) => db.exec(sql, cb));
      const indexes = await new Promise<{ name: string }[]>((res, rej) =>
        db.all(
          `SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('account', 'resident')`,
          [],
          (e, rows) => (e ? rej(e) : res(rows as { name: string }[])),
        ),
      );
      for (const ix of indexes) await exec(`DROP INDEX ${ix.name}`);
      await tuneForLoad(db, DEFAULT_TUNING);
      const prepare = (sql: string) =>
        new Promise<RawStatement>((res, rej) => {
          const s: RawStatement = db.prepare(sql, (e) => (e ? rej(e) : res(s)));
        });
      const values = (w: number) =>
        new Array<string>(ROWS).fill(`(${new Array<string>(w).fill('?').join(', ')})`).join(', ');
      const accStmt = await prepare(
        `INSERT INTO account (${ACCOUNT_COLUMNS.join(', ')}) VALUES ${values(10)}`,
      );
      const resStmt = await prepare(
        `INSERT INTO resident (${RESIDENT_COLUMNS.join(', ')}) VALUES ${values(RESIDENT_COLUMNS.length)}`,
      );
      const started = performance.now();
      const cpu0 = process.cpuUsage();
      const accounts = new ValuesWriter(db, accStmt, 'account', ACCOUNT_COLUMNS.join(', '), 10);
      const residents = new ValuesWriter(
        db,
        resStmt,
        'resident',
        RESIDENT_COLUMNS.join(', '),
        RESIDENT_COLUMNS.length,
      );
      await exec('BEGIN IMMEDIATE');
      for (const b of batches) {
        for (const a of b.accounts) await accounts.add(a);
        for (const r of b.residents) await residents.add(r);
      }
      await accounts.flush();
      await residents.flush();
      await exec('COMMIT');
      const seconds = (performance.now() - started) / 1000;
      const c = process.cpuUsage(cpu0);
      await call((cb) => accStmt.finalize(cb));
      await call((cb) => resStmt.finalize(cb));
      return {
        rows: accounts.written + residents.written,
        seconds,
        cpuSeconds: (c.user + c.system) / 1e6,
      };
    });
  } finally {
    await store.close();
  }
}
