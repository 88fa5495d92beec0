// The import command as an operator runs it: real process, real files, exit codes.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, PASSPORT_LIST_FILE } from '../../../electron/core';
import { loadPassportList } from '../../../electron/core/passport-list/index';
import { syntheticList, writeSyntheticCsv } from '../../support/passport-list-gen';

const TSX = resolve('node_modules/tsx/dist/cli.mjs');
const CLI = resolve('electron/cli/passports-import.ts');

/** The command as an operator runs it, from `cwd` (the repository by default). */
const runIn = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [TSX, CLI, ...args], { cwd, encoding: 'utf8' });
const run = (...args: string[]) => runIn(process.cwd(), ...args);

describe('passports-import CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'passport-cli-'));
    writeSyntheticCsv(join(dir, 'list.csv'), syntheticList(5, 10_000), { malformedEvery: 1000 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a list and reports what it read', async () => {
    const out = join(dir, 'list.idx');
    const r = run(join(dir, 'list.csv'), '--out', out, '--list-date', '2024-05-01', '--json');
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as {
      entries: number;
      malformedRows: number;
      listDate: string;
    };
    expect(report).toMatchObject({ entries: 10_000, malformedRows: 10, listDate: '2024-05-01' });
    expect((await loadPassportList(out)).meta.entries).toBe(10_000);
  });

  it('writes by default the file the app loads at start-up', async () => {
    // Run from the app's data folder without --out, as the README's operator would.
    const dataDir = mkdtempSync(join(dir, 'data-'));
    const r = runIn(dataDir, join(dir, 'list.csv'), '--list-date', '2024-05-01');
    expect(r.status, r.stderr).toBe(0);
    expect(PASSPORT_LIST_FILE).toBe('invalid-passports.idx');
    expect(readdirSync(dataDir)).toEqual([PASSPORT_LIST_FILE]);
    expect(r.stdout).toContain(`wrote ${join(dataDir, PASSPORT_LIST_FILE)}`);

    // The core opened on that folder finds the list and uses it.
    const core = await openCore({
      dataDir,
      dbKey: randomBytes(32),
      logSinks: [],
      sync: { env: {} },
    });
    try {
      expect(core.passportListPath).toBe(join(dataDir, PASSPORT_LIST_FILE));
      expect(core.passportList.current()?.meta).toMatchObject({
        entries: 10_000,
        listDate: '2024-05-01',
      });
    } finally {
      await core.close();
    }
  });

  it('fails with a typed message on a missing file and with usage on bad arguments', () => {
    const missing = run(
      join(dir, 'nope.csv'),
      '--out',
      join(dir, 'x.idx'),
      '--list-date',
      '2024-05-01',
    );
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/PASSPORT_LIST_NOT_FOUND/);
    const usage = run('--list-date');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/usage: passports-import FILE/);
    expect(usage.stderr).toContain(`default: ${PASSPORT_LIST_FILE}`);
  });
});
