// TLS to the centre: verify-full checks the server's certificate against the configured CA
// (and the host name); a server signed by another CA is refused.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centralDataSource } from '../../../electron/core/sync/central/datasource';
import type { CentralConfig } from '../../../electron/core/sync/config';
import { startPostgres, type TestPostgres, type TestTls } from '../../support/postgres';

let pg: TestPostgres & { tls: TestTls | null };
let otherCa: string;
let dir: string;

beforeAll(async () => {
  pg = await startPostgres({ prefix: 'access-desk-tls-', tls: true });
  dir = mkdtempSync(join(tmpdir(), 'access-desk-other-ca-'));
  otherCa = join(dir, 'ca.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=Someone else',
      '-keyout',
      join(dir, 'ca.key'),
      '-out',
      otherCa,
    ],
    { stdio: 'ignore' },
  );
});

afterAll(() => {
  pg?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function encrypted(ssl: CentralConfig['ssl']): Promise<boolean> {
  const ds = centralDataSource({
    host: '127.0.0.1',
    port: pg.port,
    database: 'postgres',
    user: pg.user,
    password: pg.password,
    ssl,
  });
  await ds.initialize();
  try {
    const rows = await ds.query<{ ssl: boolean }[]>(
      `SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`,
    );
    return rows[0]?.ssl ?? false;
  } finally {
    await ds.destroy();
  }
}

describe('TLS to the centre', () => {
  it('verifies the server against the configured CA', async () => {
    expect(await encrypted({ mode: 'verify-full', caFile: pg.tls!.caFile })).toBe(true);
  });

  it('refuses a server whose certificate another CA signed', async () => {
    await expect(encrypted({ mode: 'verify-full', caFile: otherCa })).rejects.toThrow(
      /certificate/i,
    );
  });

  it('encrypts without verifying in require mode, and not at all in disable mode', async () => {
    expect(await encrypted({ mode: 'require' })).toBe(true);
    expect(await encrypted({ mode: 'disable' })).toBe(false);
  });
});
