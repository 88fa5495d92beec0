// Brings a central database up to date, as an owner role (never as a workstation): the
// schema migrations first, then every repeatable function file (./functions/*.sql, in name
// order, in one transaction), so the rules are always the ones in those files and a reader
// finds each in one place instead of replaying migrations. A function file is written to be
// applied any number of times (CREATE OR REPLACE, DROP POLICY IF EXISTS).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataSource } from 'typeorm';
import type { CentralConfig } from '../config';
import { centralDataSource } from './datasource';
import { centralMigrations } from './migrations';

const FUNCTIONS_DIR = fileURLToPath(new URL('./functions/', import.meta.url));

/** The function files, in the order they are applied. */
export function centralFunctionFiles(dir = FUNCTIONS_DIR): { name: string; sql: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(dir, name), 'utf8') }));
}

export async function applyCentralFunctions(ds: DataSource): Promise<void> {
  const files = centralFunctionFiles();
  await ds.transaction(async (m) => {
    for (const f of files) {
      try {
        await m.query(f.sql);
      } catch (e) {
        throw new Error(`central function file ${f.name}: ${(e as Error).message}`, { cause: e });
      }
    }
  });
}

/**
 * Runs pending central migrations and re-applies the function files. With a subset of the
 * migrations (a migration's own test stops at the one before it) the function files, which
 * need the latest schema, are left alone.
 */
export async function migrateCentral(
  cfg: CentralConfig,
  migrations = centralMigrations,
): Promise<string[]> {
  const ds = centralDataSource(cfg, {
    applicationName: 'access-desk-migrate',
    poolSize: 1,
    migrations,
  });
  await ds.initialize();
  try {
    const done = await ds.runMigrations({ transaction: 'each' });
    if (migrations === centralMigrations) await applyCentralFunctions(ds);
    return done.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
