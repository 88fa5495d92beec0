// Client-certificate logins (issue 11): a workstation enrolled with `--auth certificate`
// signs in with a certificate (CN = its login) signed by the CA the centre trusts, over
// verify-full TLS, and has no password at all. In the app the private key is installed from
// a file and kept only sealed, like the central password. A CA the test makes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { fixedClock } from '../../../electron/core/clock';
import type { Platform } from '../../../electron/core/platform';
import { generateRegistry } from '../../../electron/core/registry/generator';
import { centralDataSource } from '../../../electron/core/sync/central/datasource';
import {
  type Enrolment,
  enrolWorkstation,
  issueClientCertificate,
  unbindWorkstation,
} from '../../../electron/core/sync/central/enrol';
import { migrateCentral } from '../../../electron/core/sync/central/migrate';
import { loadCentralRegistry } from '../../../electron/core/sync/central/registry-load';
import {
  type CentralConfig,
  centralUrl,
  parseCentralUrl,
} from '../../../electron/core/sync/config';
import { SyncService } from '../../../electron/core/sync/service';
import { startPostgres, type TestPostgres, type TestTls } from '../../support/postgres';
import { call, openTestCore, signInAs } from '../core/harness';
import { openWorkstation } from './harness';

let pg: TestPostgres & { tls: TestTls | null };
let tls: TestTls;
let admin: Awaited<ReturnType<typeof centralDataSource>>;
let dir: string;
let enrolled: Enrolment;
let certs: { certFile: string; keyFile: string };

function certConfig(extra: Partial<CentralConfig['ssl']> = {}): CentralConfig {
  return {
    host: '127.0.0.1',
    port: pg.port,
    database: 'access_desk',
    user: enrolled.login,
    password: '',
    ssl: { mode: 'verify-full', caFile: tls.caFile, ...certs, ...extra },
  };
}

beforeAll(async () => {
  pg = await startPostgres({ prefix: 'access-desk-cert-', tls: true, clientCerts: true });
  tls = pg.tls!;
  dir = mkdtempSync(join(tmpdir(), 'access-desk-certs-'));
  await pg.createDatabase('access_desk');
  const adminCfg = parseCentralUrl(`${pg.url('access_desk')}?sslmode=disable`);
  await migrateCentral(adminCfg);
  admin = centralDataSource(adminCfg);
  await admin.initialize();
  await loadCentralRegistry(admin, generateRegistry({ accounts: 100, batchSize: 100 }), {
    feed: false,
  });
  const [d] = await admin.query<{ code: string }[]>(`SELECT code FROM district LIMIT 1`);
  enrolled = await enrolWorkstation(admin, {
    office: 'MSK-001',
    districts: [d!.code],
    auth: 'certificate',
  });
  certs = issueClientCertificate(
    enrolled.login,
    { certFile: tls.caFile, keyFile: tls.caKeyFile },
    dir,
  );
  // What IT adds to the centre's pg_hba.conf for certificate logins.
  await pg.hba([`hostssl access_desk ${enrolled.login} 127.0.0.1/32 cert`]);
});

afterAll(async () => {
  if (admin?.isInitialized) await admin.destroy();
  pg?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function connects(cfg: CentralConfig): Promise<string> {
  const ds = centralDataSource(cfg, { connectTimeoutMs: 3_000 });
  try {
    await ds.initialize();
    const [r] = await ds.query<{ u: string; ssl: boolean }[]>(
      `SELECT session_user AS u, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`,
    );
    return `${r!.u} ssl=${r!.ssl}`;
  } finally {
    if (ds.isInitialized) await ds.destroy();
  }
}

describe('a certificate login', () => {
  it('has no password, and the URL IT is given names the certificate and key files', () => {
    expect(enrolled.password).toBeNull();
    const url = centralUrl(certConfig());
    expect(url).toMatch(/^postgres:\/\/ws_msk_001_[0-9a-f]{8}@127\.0\.0\.1:\d+\/access_desk\?/);
    expect(parseCentralUrl(url).ssl).toEqual({
      mode: 'verify-full',
      caFile: tls.caFile,
      certFile: certs.certFile,
      keyFile: certs.keyFile,
    });
    const subject = execFileSync('openssl', ['x509', '-in', certs.certFile, '-noout', '-subject'], {
      encoding: 'utf8',
    });
    expect(subject).toMatch(new RegExp(`CN ?= ?${enrolled.login}`));
  });

  it('connects with its certificate over verify-full, and not without it', async () => {
    expect(await connects(certConfig())).toBe(`${enrolled.login} ssl=true`);
    await expect(connects(certConfig({ certFile: undefined, keyFile: undefined }))).rejects.toThrow(
      /certificate|authentication/i,
    );
    // A certificate for another name, from the same CA, does not open this login.
    const other = issueClientCertificate(
      'someone_else',
      { certFile: tls.caFile, keyFile: tls.caKeyFile },
      dir,
    );
    await expect(connects(certConfig(other))).rejects.toThrow(/certificate|authentication/i);
  });

  it('syncs as its enrolled workstation', async () => {
    const ws = await openWorkstation('MSK-001', 'cert');
    try {
      const svc = new SyncService(ws.store, fixedClock('2025-06-02T09:00:00Z'), ws.log, {
        central: certConfig(),
        workstationId: ws.id,
        officeId: 'MSK-001',
        districts: [],
      });
      const st = await svc.syncNow();
      expect(st).toMatchObject({
        state: 'online',
        lastError: null,
        enrolment: { mode: 'enrolled', login: enrolled.login, officeId: 'MSK-001' },
      });
      expect(st.registryAt).not.toBeNull();
      await svc.stop();
    } finally {
      await ws.close();
    }
  });

  it('is set up in the app with the certificate’s file and the key kept sealed', async () => {
    const sealed: string[] = [];
    const platform: Platform = {
      sealSecret: (p) => {
        const s = Buffer.from(`sealed:${p}`).toString('base64');
        sealed.push(s);
        return s;
      },
      openSecret: (s) =>
        Buffer.from(s, 'base64')
          .toString()
          .replace(/^sealed:/, ''),
      pickFile: () => Promise.resolve(certs.keyFile),
    };
    const t = await openTestCore({ platform, sync: { tuning: { idleCheckMs: 50 } } });
    try {
      signInAs(t, t.supervisor);
      const view = await call(t, 'settings.get', {});
      expect(view.clientKeySet).toBe(false);
      await call(t, 'settings.update', {
        central: {
          ...view.settings.central,
          host: '127.0.0.1',
          port: pg.port,
          database: 'access_desk',
          user: enrolled.login,
          sslMode: 'verify-full',
          caFile: tls.caFile,
          certFile: certs.certFile,
        },
      });
      const after = await call(t, 'settings.installClientKey', {});
      expect(after.clientKeySet).toBe(true);
      // Only the sealed form is stored, in the settings; never the key itself.
      const key = readFileSync(certs.keyFile, 'utf8');
      const rows = await t.core.ctx.store.run((m) =>
        m.query<{ key: string; value: string }[]>(`SELECT key, value FROM setting`),
      );
      expect(JSON.stringify(rows)).not.toContain(key.split('\n')[1]!);
      expect(rows.find((r) => r.key === 'central.clientKey')?.value).toBe(
        JSON.stringify(sealed.at(-1)),
      );
      // The login is still bound to the workstation of the test before: refused, and said.
      const refused = await call(t, 'sync.now', {});
      expect(refused).toMatchObject({ state: 'offline', enrolment: null });
      expect(refused.lastError).toMatch(
        /^LOGIN_IN_USE: login ws_msk_001_\w+ is enrolled for another workstation/,
      );
      // IT releases it for this (reinstalled) counter.
      await unbindWorkstation(admin, enrolled.login);
      const st = await call(t, 'sync.now', {});
      expect(st).toMatchObject({
        state: 'online',
        lastError: null,
        enrolment: { mode: 'enrolled', login: enrolled.login },
      });
    } finally {
      await t.close();
    }
  });
});
