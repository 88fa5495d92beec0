// Shared set-up for the sync tests: a real PostgreSQL with the central schema and a small
// demo registry, and workstations with real encrypted SQLite stores, each connecting with
// its own enrolled login (as IT's `npm run central -- workstation add` makes them) and its
// clerk in the office's staff directory at the centre.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash, type Options } from '@node-rs/argon2';
import type { DataSource } from 'typeorm';
import { appendAudit } from '../../../electron/core/audit/chain';
import { openLocalStore, type Store } from '../../../electron/core/db/store';
import { createLogger, memorySink, type Logger } from '../../../electron/core/log/logger';
import { enqueue } from '../../../electron/core/outbox/enqueue';
import type { OpPayload } from '../../../electron/core/outbox/ops';
import { generateRegistry } from '../../../electron/core/registry/generator';
import {
  type Ceilings,
  type Enrolment,
  enrolWorkstation,
  setCeilings,
} from '../../../electron/core/sync/central/enrol';
import { centralDataSource } from '../../../electron/core/sync/central/datasource';
import { migrateCentral } from '../../../electron/core/sync/central/migrate';
import { loadCentralRegistry } from '../../../electron/core/sync/central/registry-load';
import {
  type CentralConfig,
  centralUrl,
  parseCentralUrl,
} from '../../../electron/core/sync/config';
import { startPostgres, type TestPostgres } from '../../support/postgres';

import type { Platform } from '../../../electron/core/platform';

import { call, signInAs, type TestCore } from '../core/harness';

// argon2id (the const enum's 2), m=19456 KiB, t=2, p=1: DOMAIN.md's minimum.
export const ARGON: Options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export interface Centre {
  pg: TestPostgres;
  admin: DataSource;
  adminCfg: CentralConfig;
  accounts: { id: number; payerCode: string; districtCode: string }[];
  /** Every district of the registry. */
  districts: string[];
  /**
   * Enrols a login for `office` (every district unless named) and returns how a workstation
   * connects with it.
   */
  enrol(
    office: string,
    opts?: { districts?: string[]; name?: string },
  ): Promise<Enrolment & { cfg: CentralConfig; url: string }>;
  /**
   * Enrols a login for the workstation's office and puts its clerk into the office's
   * directory (once per workstation): the connection the workstation syncs with.
   */
  connect(ws: Workstation, opts?: { districts?: string[] }): Promise<CentralConfig>;
  close(): Promise<void>;
}

/**
 * The tests send hundreds of issues an hour from one clerk: the ceilings are lifted unless a
 * test asks for them (the ceiling test does).
 */
export async function startCentre(
  opts: { accounts?: number; ceilings?: Ceilings } = {},
): Promise<Centre> {
  const pg = await startPostgres({ prefix: 'access-desk-sync-' });
  try {
    await pg.createDatabase('access_desk');
    const adminCfg = parseCentralUrl(`${pg.url('access_desk')}?sslmode=disable`);
    await migrateCentral(adminCfg);
    const admin = centralDataSource(adminCfg, { poolSize: 4 });
    await admin.initialize();
    await setCeilings(
      admin,
      opts.ceilings ?? { clerkPerHour: 100_000, workstationPerHour: 100_000 },
    );
    await loadCentralRegistry(
      admin,
      generateRegistry({ accounts: opts.accounts ?? 300, batchSize: 1000 }),
      { feed: false },
    );
    const rows = await admin.query<{ id: string; payer_code: string; district_code: string }[]>(
      `SELECT id, payer_code, district_code FROM account ORDER BY id`,
    );
    const enrol: Centre['enrol'] = async (office, opts = {}) => {
      const e = await enrolWorkstation(admin, {
        office,
        districts: opts.districts ?? districts,
        ...(opts.name !== undefined && { name: opts.name }),
      });
      const cfg: CentralConfig = { ...adminCfg, user: e.login, password: e.password ?? '' };
      return { ...e, cfg, url: centralUrl(cfg) };
    };
    const connected = new Map<string, CentralConfig>();
    const districts = [...new Set(rows.map((r) => r.district_code))].sort();
    return {
      pg,
      admin,
      adminCfg,
      districts,
      enrol,
      async connect(ws, opts = {}) {
        const known = connected.get(ws.id);
        if (known) return known;
        const { cfg } = await enrol(ws.officeId, opts);
        await addStaff(admin, ws.officeId, {
          id: ws.clerkId,
          login: `clerk${ws.officeId}`,
          role: 'clerk',
        });
        connected.set(ws.id, cfg);
        return cfg;
      },
      accounts: rows.map((r) => ({
        id: Number(r.id),
        payerCode: r.payer_code,
        districtCode: r.district_code,
      })),
      async close() {
        if (admin.isInitialized) await admin.destroy().catch(() => undefined);
        pg.destroy();
      },
    };
  } catch (e) {
    pg.destroy();
    throw e;
  }
}

/** A staff member of `office` in the centre's directory, as the office's workstations sent it. */
export async function addStaff(
  admin: DataSource,
  office: string,
  s: { id: string; login: string; role: 'clerk' | 'supervisor'; fullName?: string; hash?: string },
): Promise<void> {
  await admin.query(`INSERT INTO office (id) VALUES ($1) ON CONFLICT DO NOTHING`, [office]);
  await admin.query(
    `INSERT INTO staff (id, office_id, login, full_name, role, password_hash, must_change_password, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, false, now()) ON CONFLICT (id) DO NOTHING`,
    [s.id, office, s.login, s.fullName ?? s.login, s.role, s.hash ?? FAKE_VERIFIER],
  );
}

/** Shaped like an argon2id verifier; nobody can sign in with it. */
export const FAKE_VERIFIER = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo';

/** The centre's district codes, most accounts first: offices serve the big ones. */
export function districtsBySize(c: Centre): string[] {
  const counts = new Map<string, number>();
  for (const acc of c.accounts)
    counts.set(acc.districtCode, (counts.get(acc.districtCode) ?? 0) + 1);
  return [...counts.entries()].sort((x, y) => y[1] - x[1]).map(([d]) => d);
}

export interface Workstation {
  id: string;
  officeId: string;
  clerkId: string;
  store: Store;
  path: string;
  key: Buffer;
  log: Logger;
  logs: ReturnType<typeof memorySink>;
  close(): Promise<void>;
}

export async function openWorkstation(officeId: string, name = 'ws'): Promise<Workstation> {
  const dir = mkdtempSync(join(tmpdir(), `access-desk-${name}-`));
  const key = randomBytes(32);
  const path = join(dir, 'local.db');
  const store = await openLocalStore(path, { key });
  const clerkId = `clerk-${officeId}`;
  const now = '2025-06-01T07:00:00.000Z';
  await store.tx(async (m) => {
    await m.query(`INSERT INTO office (id, name, created_at) VALUES (?, ?, ?)`, [
      officeId,
      `Office ${officeId}`,
      now,
    ]);
    await m.query(
      `INSERT INTO clerk (id, office_id, login, full_name, role, password_hash, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'clerk', ?, ?, ?)`,
      [clerkId, officeId, `clerk${officeId}`, `Clerk ${officeId}`, FAKE_VERIFIER, now, now],
    );
  });
  const logs = memorySink();
  return {
    id: `ws-${name}-${randomUUID().slice(0, 8)}`,
    officeId,
    clerkId,
    store,
    path,
    key,
    log: createLogger('sync', [logs]),
    logs,
    async close() {
      await store.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function argonHash(password: string): Promise<string> {
  return hash(password, ARGON);
}

export interface IssueSpec {
  accountId: number;
  payerCode: string;
  passwordHash: string;
  at: Date;
  kind?: 'issue' | 'reset';
  version?: number;
  replaces?: string | null;
}

/**
 * What an issue or reset visit commits locally (consent, credential, and for a reset the
 * revoke of the old one), with its outbox operations, in one transaction.
 */
export async function issueLocally(
  ws: Workstation,
  spec: IssueSpec,
): Promise<{ credentialId: string; consentId: string; opIds: string[] }> {
  const credentialId = randomUUID();
  const consentId = randomUUID();
  const at = spec.at.toISOString();
  const expires = new Date(spec.at.getTime() + 30 * 86_400_000).toISOString();
  const common = { officeId: ws.officeId, workstationId: ws.id };
  const opIds: string[] = [];
  await ws.store.tx(async (m) => {
    await m.query(
      `INSERT INTO consent (id, account_id, text_version, language, subject, operator, signed_at, recorded_by, office_id)
       VALUES (?, ?, 'v1', 'ru', '{}', '{}', ?, ?, ?)`,
      [consentId, spec.accountId, at, ws.clerkId, ws.officeId],
    );
    opIds.push(
      await enqueue(
        m,
        'consent.record',
        {
          consentId,
          accountId: spec.accountId,
          residentId: null,
          textVersion: 'v1',
          language: 'ru',
          subject: { name: 'test' },
          representative: null,
          operator: { name: 'centre' },
          signedAt: at,
          recordedBy: ws.clerkId,
          ...common,
        },
        spec.at,
      ),
    );
    if (spec.replaces) {
      await m.query(
        `UPDATE credential SET status = 'revoked', revoked_at = ?, revoke_reason = 'reset' WHERE id = ?`,
        [at, spec.replaces],
      );
      opIds.push(
        await enqueue(
          m,
          'credential.revoke',
          {
            credentialId: spec.replaces,
            accountId: spec.accountId,
            revokedAt: at,
            reason: 'reset',
            revokedBy: ws.clerkId,
            ...common,
          },
          spec.at,
        ),
      );
    }
    await m.query(
      `INSERT INTO credential (id, account_id, login, password_hash, status, must_change, issued_at, expires_at,
         version, consent_id, issued_by, office_id)
       VALUES (?, ?, ?, ?, 'active', 1, ?, ?, ?, ?, ?, ?)`,
      [
        credentialId,
        spec.accountId,
        spec.payerCode,
        spec.passwordHash,
        at,
        expires,
        spec.version ?? 1,
        consentId,
        ws.clerkId,
        ws.officeId,
      ],
    );
    const op: OpPayload<'credential.issue'> = {
      credentialId,
      accountId: spec.accountId,
      login: spec.payerCode,
      passwordHash: spec.passwordHash,
      mustChange: true,
      issuedAt: at,
      expiresAt: expires,
      version: spec.version ?? 1,
      replacesCredentialId: spec.replaces ?? null,
      consentId,
      kind: spec.kind ?? (spec.replaces ? 'reset' : 'issue'),
      issuedBy: ws.clerkId,
      ...common,
    };
    opIds.push(await enqueue(m, 'credential.issue', op, spec.at));
    await appendAudit(
      m,
      { workstationId: ws.id, officeId: ws.officeId, clerkId: ws.clerkId },
      {
        action: spec.replaces ? 'credential.reset' : 'credential.issue',
        subject: spec.payerCode,
        text: 'Portal credentials issued.',
        data: { credentialId },
      },
      spec.at,
    );
  });
  return { credentialId, consentId, opIds };
}

export async function outboxCounts(store: Store): Promise<Record<string, number>> {
  const rows = await store.run((m) =>
    m.query<{ status: string; n: number }[]>(
      `SELECT status, count(*) AS n FROM outbox GROUP BY status`,
    ),
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export async function waitFor(
  what: string,
  cond: () => Promise<boolean> | boolean,
  timeoutMs = 30_000,
  stepMs = 50,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** safeStorage cannot run here: a reversible stand-in that marks what it sealed. */
export const sealedPlatform: Platform = {
  sealSecret: (p) => Buffer.from(`sealed:${p}`).toString('base64'),
  openSecret: (s) =>
    Buffer.from(s, 'base64')
      .toString()
      .replace(/^sealed:/, ''),
  pickFile: () => Promise.resolve(null),
};

/**
 * IT enrols a login for the test core's office; its supervisor enters it in the settings, as
 * the app's settings screen does; the clerk is signed in again after.
 */
export async function connectThroughSettings(t: TestCore, c: Centre): Promise<void> {
  signInAs(t, t.supervisor);
  const { cfg } = await c.enrol(t.core.ctx.officeId());
  const view = await call(t, 'settings.get', {});
  await call(t, 'settings.update', {
    central: {
      ...view.settings.central,
      host: cfg.host,
      port: cfg.port,
      database: cfg.database,
      user: cfg.user,
      sslMode: 'disable',
      districts: '',
    },
  });
  await call(t, 'settings.setCentralPassword', { password: cfg.password });
  signInAs(t, t.clerk);
}
