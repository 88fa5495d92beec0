// `npm run central` as IT runs it (issue 11): the demo centre enrols its demo workstation
// like any other and prints the URL the README exports; `workstation add` prints one
// postgres:// URL on its own line, with a password nobody else has; list, disable (the
// login can no longer connect) and enable; the ceilings. A real process, a real cluster.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../support/postgres';

const TSX = resolve('node_modules/tsx/dist/cli.mjs');
const CLI = resolve('electron/cli/central.ts');
let data: string;
let port: number;

function central(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(
    process.execPath,
    [TSX, CLI, '--data', data, '--port', String(port), ...args],
    { encoding: 'utf8', timeout: 120_000 },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function session(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

beforeAll(async () => {
  data = mkdtempSync(join(tmpdir(), 'access-desk-central-cli-'));
  port = await freePort();
});

afterAll(() => {
  central('--stop');
  rmSync(data, { recursive: true, force: true });
});

describe('npm run central', () => {
  let demoUrl: string;

  it('starts a demo centre whose workstation is enrolled for the two busiest districts', async () => {
    const r = central('--accounts', '300');
    expect(r.status, r.stderr).toBe(0);
    const m = /export ACCESS_DESK_CENTRAL_URL='(postgres:\/\/[^']+)'/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    demoUrl = m![1]!;
    expect(demoUrl).toMatch(
      /^postgres:\/\/ws_msk_001_[0-9a-f]{8}:[^@]{20,}@127\.0\.0\.1:\d+\/access_desk\?sslmode=disable$/,
    );
    const c = await session(demoUrl);
    try {
      const hello = await c.query<{ h: { mode: string; officeId: string; districts: string[] } }>(
        `SELECT sync_hello('demo-ws', 'test') AS h`,
      );
      expect(hello.rows[0]!.h).toMatchObject({ mode: 'workstation', officeId: 'MSK-001' });
      const districts = hello.rows[0]!.h.districts;
      expect(districts).toHaveLength(2);
      const seen = await c.query<{ d: string }>(
        `SELECT DISTINCT district_code AS d FROM account ORDER BY 1`,
      );
      expect(seen.rows.map((x) => x.d)).toEqual([...districts].sort());
    } finally {
      await c.end();
    }
    // Run again (after a reboot, say): nothing reloaded, the same URL printed.
    const again = central();
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain(demoUrl);
    expect(again.stdout).not.toContain('Loading the demo registry');
  });

  it('adds a workstation: one postgres:// URL on its own line, for its office and districts', async () => {
    const r = central(
      'workstation',
      'add',
      '--office',
      'MSK-002',
      '--districts',
      '0302',
      '--name',
      'окно 3',
    );
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^postgres:\/\/ws_msk_002_[0-9a-f]{8}:[A-Za-z0-9_-]{32}@127\.0\.0\.1:\d+\/access_desk\?sslmode=disable$/,
    );
    const login = /^postgres:\/\/([^:]+):/.exec(lines[0]!)![1]!;
    const c = await session(lines[0]!);
    const hello = await c.query<{ h: unknown }>(`SELECT sync_hello('window-3', 'test') AS h`);
    expect(hello.rows[0]!.h).toMatchObject({
      mode: 'workstation',
      officeId: 'MSK-002',
      districts: ['0302'],
      name: 'окно 3',
    });

    const list = central('workstation', 'list');
    expect(list.status, list.stderr).toBe(0);
    const row = list.stdout.split('\n').find((l) => l.startsWith(`${login}\t`));
    expect(row?.split('\t').slice(0, 6)).toEqual([
      login,
      'enabled',
      'office MSK-002',
      'districts 0302',
      'password',
      'bound window-3',
    ]);

    // Disabled: its open session ends, and it cannot connect again.
    const lost = new Promise<Error>((ok) => c.on('error', ok));
    const off = central('workstation', 'disable', login);
    expect(off.status, off.stderr).toBe(0);
    expect(off.stdout).toContain(`${login} can no longer connect; 1 open session(s) ended.`);
    expect(await lost).toBeInstanceOf(Error);
    await expect(session(lines[0]!)).rejects.toMatchObject({ code: '28000' });
    expect(central('workstation', 'list').stdout).toContain(`${login}\tdisabled`);
    const on = central('workstation', 'enable', login);
    expect(on.status, on.stderr).toBe(0);
    const back = await session(lines[0]!);
    await back.end();
  });

  it('refuses an unknown district and an unknown login, plainly', () => {
    const bad = central('workstation', 'add', '--office', 'MSK-002', '--districts', '9999');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('The registry has no district 9999.');
    expect(bad.stdout).toBe('');
    const none = central('workstation', 'disable', 'ws_nobody');
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('No enrolled workstation has the login ws_nobody.');
  });

  it('sets the ceilings', () => {
    const r = central('limits', '--clerk-per-hour', '12');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('issues and resets per hour: 12 per clerk, 60 per workstation');
  });
});
