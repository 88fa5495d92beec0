// The import command as an operator runs it: real process, real files, exit codes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPassportList } from '../../../electron/core/passport-list/index';
import { syntheticList, writeSyntheticCsv } from '../../support/passport-list-gen';

const run = (...args: string[]) =>
  spawnSync(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'electron/cli/passports-import.ts', ...args],
    {
      encoding: 'utf8',
    },
  );

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
  });
});
