// Connection settings for the initial load, and their restoration. The store normally runs
// in WAL with synchronous=FULL (a printed password must never outlive a rolled-back commit);
// the load changes them only while it holds the store, and puts them back even on failure.
import type { RawDb } from '../db/store';
import { all, exec } from './sql';

export interface LoadTuning {
  /**
   * DELETE (a rollback journal) by default: an append-only load journals almost nothing,
   * since pages past the original end of the file need no undo copy, whereas WAL would
   * write every page twice (to the log, then to the file at the checkpoint).
   */
  journalMode: 'DELETE' | 'TRUNCATE' | 'WAL' | 'MEMORY' | 'OFF';
  synchronous: 'OFF' | 'NORMAL' | 'FULL';
  /** Page cache in KiB during the load; also bounds each in-memory sort run of CREATE INDEX. */
  cacheKiB: number;
  /**
   * Helper threads for CREATE INDEX's sorter (`PRAGMA threads`). SQLite ignores it while
   * temporary storage is in memory (vdbesort.c), which it must be here: see below.
   */
  threads: number;
}

export const DEFAULT_TUNING: LoadTuning = {
  journalMode: 'DELETE',
  synchronous: 'FULL',
  cacheKiB: 65_536,
  threads: 0,
};

export interface SavedPragmas {
  journalMode: string;
  synchronous: number;
  cacheSize: number;
  threads: number;
  tempStore: number;
}

async function pragma(db: RawDb, name: string): Promise<string | number> {
  const [row] = await all<Record<string, string | number>>(db, `PRAGMA ${name}`);
  const value = row ? Object.values(row)[0] : undefined;
  if (value === undefined) throw new Error(`PRAGMA ${name} returned nothing.`);
  return value;
}

export async function loadPragmas(db: RawDb): Promise<SavedPragmas> {
  return {
    journalMode: String(await pragma(db, 'journal_mode')),
    synchronous: Number(await pragma(db, 'synchronous')),
    cacheSize: Number(await pragma(db, 'cache_size')),
    threads: Number(await pragma(db, 'threads')),
    tempStore: Number(await pragma(db, 'temp_store')),
  };
}

/**
 * Temporary storage stays in memory, always. CREATE INDEX sorts through temp files when it
 * may, and SQLCipher does not encrypt them: with temp_store = FILE, an strace of an index
 * build showed every spilled page holding the indexed surnames in clear UTF-8. This build
 * defaults to memory (SQLITE_TEMP_STORE=2); the load says so explicitly.
 */
export async function tuneForLoad(db: RawDb, tuning: Partial<LoadTuning> = {}): Promise<void> {
  const t = { ...DEFAULT_TUNING, ...tuning };
  await exec(
    db,
    `PRAGMA journal_mode = ${t.journalMode}; PRAGMA synchronous = ${t.synchronous};
     PRAGMA cache_size = -${Math.floor(t.cacheKiB)}; PRAGMA threads = ${Math.floor(t.threads)};
     PRAGMA temp_store = MEMORY;`,
  );
}

export async function restorePragmas(db: RawDb, saved: SavedPragmas): Promise<void> {
  const mode = /^[a-z]+$/i.test(saved.journalMode) ? saved.journalMode : 'WAL';
  await exec(
    db,
    `PRAGMA journal_mode = ${mode}; PRAGMA synchronous = ${saved.synchronous};
     PRAGMA cache_size = ${saved.cacheSize}; PRAGMA threads = ${saved.threads};
     PRAGMA temp_store = ${saved.tempStore};`,
  );
  // A silent failure here would leave the store less durable than it promises.
  if (Number(await pragma(db, 'synchronous')) !== saved.synchronous) {
    throw new Error('Could not restore PRAGMA synchronous after the registry load.');
  }
}
