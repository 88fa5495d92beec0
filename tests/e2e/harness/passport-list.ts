// A small MVD invalid-passport list, imported the way `npm run passports:import` does it, into
// the file the core loads at start (see tests/integration/core/harness.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PASSPORT_LIST_FILE } from '../../../electron/core';
import { importPassportList } from '../../../electron/core/passport-list';
import { addDays, formatIsoDate, parseIsoDate } from '../../../shared/domain/dates';
import { officeDate } from '../../../shared/domain/office-time';

/** A list dated a few days ago: fresh under the default 14-day limit. */
export function recentListDate(daysAgo = 3): string {
  const today = parseIsoDate(officeDate(new Date()));
  if (!today) throw new Error('no today');
  return formatIsoDate(addDays(today, -daysAgo));
}

/** Builds an index file holding `passports` (10 digits each) at `out`. */
export async function buildInvalidPassportIndex(
  out: string,
  passports: string[],
  listDate = recentListDate(),
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'access-desk-list-'));
  try {
    const csv = join(dir, 'list.csv');
    const rows = passports.map((k) => `${k.slice(0, 4)},${k.slice(4)}`);
    writeFileSync(csv, `PASSP_SERIES,PASSP_NUMBER\n${rows.join('\n')}\n`);
    await importPassportList(csv, out, { listDate });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function installInvalidPassports(dataDir: string, passports: string[]): Promise<void> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  await buildInvalidPassportIndex(join(dataDir, PASSPORT_LIST_FILE), passports);
}

/** The number the journeys use for a passport the MVD has declared invalid, in every series year. */
export const LISTED_NUMBER = '000777';

/** Every series (region 45, any year) with LISTED_NUMBER, so any issue year hits the list. */
export function listedPassports(): string[] {
  return Array.from({ length: 100 }, (_, y) => `45${String(y).padStart(2, '0')}${LISTED_NUMBER}`);
}
