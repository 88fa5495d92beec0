// The supervisor installs the MVD's CSV (or .csv.bz2) from the app: built into an index on a
// worker thread (real worker, real files), with its progress asked for while it runs, swapped
// in only when sound, and refused plainly when the file, the date or the moment is wrong.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../../electron/core/db/entities';
import {
  importInWorker,
  SOURCE_WORKER,
  type ImportPhase,
} from '../../../electron/core/passport-list/import-in-worker';
import type { Platform } from '../../../electron/core/platform';
import type { PassportListProgress } from '../../../shared/schemas/supervisor';
import { call, callFails, openTestCore, signInAs, type TestCore } from '../core/harness';

let t: TestCore;
afterEach(async () => t?.close());

function picking(pick: () => string | null): Platform {
  return {
    sealSecret: (p) => p,
    openSecret: (s) => s,
    pickFile: () => Promise.resolve(pick()),
  };
}

/** `n` distinct rows from series 4500 on, plus `bad` malformed ones. */
function csv(path: string, n: number, bad = 0): string {
  const rows = ['PASSP_SERIES,PASSP_NUMBER'];
  for (let i = 0; i < n; i++) {
    rows.push(`${4500 + Math.floor(i / 1_000_000)},${String(i % 1_000_000).padStart(6, '0')}`);
  }
  for (let i = 0; i < bad; i++) rows.push('45ХХ,12');
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

describe('installing the list from the MVD CSV', () => {
  it('builds the index from a CSV and from a .csv.bz2, swaps it in and says so in the audit', async () => {
    let picked: string | null = null;
    t = await openTestCore({ platform: picking(() => picked) });
    signInAs(t, t.supervisor);

    picked = csv(join(t.dir, 'list_of_expired_passports.csv'), 2_000, 3);
    const after = await call(t, 'passportList.install', {
      listDate: '2026-11-24',
    });
    expect(after).toMatchObject({ loaded: true, listDate: '2026-11-24', entries: 2_000 });
    expect(t.core.passportList.current()?.has('4500', '001999')).toBe(true);
    expect(t.core.passportList.current()?.has('4500', '002000')).toBe(false);
    expect(existsSync(`${t.core.passportListPath}.new`)).toBe(false);
    const entries = await t.core.ctx.store.run((m) =>
      m.find(AuditEvent, { where: { action: 'passportList.replace' } }),
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]!.text).toBe(
      'Invalid-passport list of 2026-11-24 installed (2000 entries) from a CSV of 2003 rows (3 malformed, 0 repeated).',
    );
    expect(JSON.parse(entries[0]!.data ?? '{}')).toMatchObject({
      source: 'csv',
      sourceRows: 2_003,
      malformedRows: 3,
      duplicateRows: 0,
    });

    const plain = csv(join(t.dir, 'newer.csv'), 50);
    expect(spawnSync('bzip2', ['-k', plain]).status).toBe(0);
    picked = `${plain}.bz2`;
    expect(await call(t, 'passportList.install', { listDate: '2026-11-25' })).toMatchObject({
      listDate: '2026-11-25',
      entries: 50,
    });
    // Not running any more.
    expect(await call(t, 'passportList.progress', {})).toEqual({
      running: false,
      phase: null,
      rows: 0,
      file: null,
    });
  });

  it('a file with no passport rows, a date in the future or another file type leaves the old list', async () => {
    let picked: string | null = null;
    t = await openTestCore({ platform: picking(() => picked) });
    signInAs(t, t.supervisor);
    const before = await call(t, 'passportList.status', {});

    picked = join(t.dir, 'readings.csv');
    writeFileSync(picked, 'account,reading\n1731542973,00451\n');
    expect(await callFails(t, 'passportList.install', { listDate: '2026-11-24' })).toBe(
      'PASSPORT_LIST_EMPTY',
    );
    picked = csv(join(t.dir, 'ok.csv'), 10);
    expect(await callFails(t, 'passportList.install', { listDate: '2026-11-26' })).toBe(
      'PASSPORT_LIST_DATE_FUTURE',
    );
    picked = join(t.dir, 'list.xlsx');
    writeFileSync(picked, 'PK');
    expect(await callFails(t, 'passportList.install', { listDate: '2026-11-24' })).toBe(
      'PASSPORT_LIST_INVALID',
    );
    expect(await call(t, 'passportList.status', {})).toEqual(before);
    expect(existsSync(`${t.core.passportListPath}.new`)).toBe(false);
    expect(
      await t.core.ctx.store.run((m) => m.countBy(AuditEvent, { action: 'passportList.replace' })),
    ).toBe(0);
  });

  it('says how far it has got while it runs, and refuses a second install meanwhile', async () => {
    let picked: string | null = null;
    t = await openTestCore({ platform: picking(() => picked) });
    signInAs(t, t.supervisor);
    picked = csv(join(t.dir, 'big.csv'), 600_000);
    const first = call(t, 'passportList.install', { listDate: '2026-11-24' });
    let seen: PassportListProgress | null = null;
    for (let i = 0; i < 400 && !seen; i++) {
      const p = await call(t, 'passportList.progress', {});
      if (p.running) seen = p;
      else await new Promise((r) => setTimeout(r, 5));
    }
    expect(seen).toMatchObject({ running: true, file: 'big.csv' });
    expect(await callFails(t, 'passportList.install', { listDate: '2026-11-24' })).toBe(
      'PASSPORT_LIST_BUSY',
    );
    expect(await first).toMatchObject({ listDate: '2026-11-24', entries: 600_000 });
  });
});

describe('the import worker', () => {
  it('reports reading with growing row counts, then sorting, then writing', async () => {
    t = await openTestCore();
    // Progress is looked at between the stream's chunks (1 MiB, some 85,000 rows each).
    const input = csv(join(t.dir, 'rows.csv'), 500_000);
    const seen: [ImportPhase, number][] = [];
    const summary = await importInWorker(
      SOURCE_WORKER,
      { input, out: join(t.dir, 'out.idx'), listDate: '2026-11-24', progressEvery: 50_000 },
      (phase, rows) => seen.push([phase, rows]),
    );
    expect(summary).toEqual({
      entries: 500_000,
      sourceRows: 500_000,
      malformedRows: 0,
      duplicateRows: 0,
    });
    const phases = seen.map(([p]) => p);
    expect(phases.slice(-2)).toEqual(['sorting', 'writing']);
    const reading = seen.filter(([p]) => p === 'reading').map(([, r]) => r);
    expect(reading.length).toBeGreaterThanOrEqual(4);
    expect(reading).toEqual([...reading].sort((a, b) => a - b));
    expect(reading.at(-1)).toBe(500_000);
  });
});
