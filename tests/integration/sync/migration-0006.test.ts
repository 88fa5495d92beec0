// Central migration 0006 and the upgrade path (issue 11): a centre whose workstations share
// one login keeps working after the migration, its counters send the staff they kept to the
// office's new directory, IT enrols each workstation, and once IT retires the shared login
// it sees nothing and applies nothing. The migration also reverts to 0005's rules.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { fixedClock } from '../../../electron/core/clock';
import { createWorkstationLogin } from '../../../electron/core/sync/central/admin';
import { applyOps } from '../../../electron/core/sync/central/apply';
import { centralDataSource } from '../../../electron/core/sync/central/datasource';
import {
  enrolWorkstation,
  retireSharedLogin,
  sharedLoginTrusted,
} from '../../../electron/core/sync/central/enrol';
import { migrateCentral } from '../../../electron/core/sync/central/migrate';
import { centralMigrations } from '../../../electron/core/sync/central/migrations';
import { loadCentralRegistry } from '../../../electron/core/sync/central/registry-load';
import { type CentralConfig, parseCentralUrl } from '../../../electron/core/sync/config';
import { setState, STATE } from '../../../electron/core/sync/state';
import { SyncService } from '../../../electron/core/sync/service';
import { generateRegistry } from '../../../electron/core/registry/generator';
import { startPostgres, type TestPostgres } from '../../support/postgres';
import { argonHash, issueLocally, openWorkstation, type Workstation } from './harness';

const M6 = 'CentralTrust1795700000006';
const at6 = centralMigrations.findIndex((m) => new m().name === M6);
const before6 = centralMigrations.slice(0, at6);
/** 0006 and every migration after it: what a centre at 0005 runs. */
const from6 = centralMigrations.slice(at6).map((m) => new m().name);

let pg: TestPostgres;
let cfg: CentralConfig;
let admin: DataSource;
let sharedCfg: CentralConfig;
let ws: Workstation;
let accounts: { id: number; payer_code: string; district_code: string }[];
let hash: string;

const count = async (ds: DataSource, sql: string, p: unknown[] = []): Promise<number> =>
  Number((await ds.query<{ n: number }[]>(sql, p))[0]?.n ?? 0);

function service(central: CentralConfig): SyncService {
  return new SyncService(ws.store, fixedClock('2025-06-02T09:00:00Z'), ws.log, {
    central,
    workstationId: ws.id,
    officeId: ws.officeId,
    districts: [],
  });
}

beforeAll(async () => {
  pg = await startPostgres({ prefix: 'access-desk-m6-' });
  await pg.createDatabase('m6');
  cfg = parseCentralUrl(`${pg.url('m6')}?sslmode=disable`);
  await migrateCentral(cfg, before6);
  admin = centralDataSource(cfg, { poolSize: 2 });
  await admin.initialize();
  await loadCentralRegistry(admin, generateRegistry({ accounts: 120, batchSize: 200 }), {
    feed: false,
  });
  accounts = (
    await admin.query<{ id: string; payer_code: string; district_code: string }[]>(
      `SELECT id, payer_code, district_code FROM account ORDER BY id`,
    )
  ).map((a) => ({ ...a, id: Number(a.id) }));
  // The old way: every counter signs in with one shared login.
  const password = randomBytes(12).toString('hex');
  await createWorkstationLogin(admin, 'ws_shared', password);
  sharedCfg = parseCentralUrl(`${pg.url('m6', 'ws_shared', password)}?sslmode=disable`);
  hash = await argonHash('k7m4q-x9t2w');
  ws = await openWorkstation('12', 'upgrade');
  // A counter that kept its own staff list before the directory moved to the centre (the
  // local migration marks such a store; this one was opened at the latest version).
  await ws.store.tx((m) => setState(m, STATE.staffImportPending, true, new Date()));
  // Before the upgrade it pushed an issue visit with the shared login.
  await issueLocally(ws, {
    accountId: accounts[0]!.id,
    payerCode: accounts[0]!.payer_code,
    passwordHash: hash,
    at: new Date('2025-06-01T09:00:00Z'),
  });
  const old = centralDataSource(sharedCfg);
  await old.initialize();
  const rows = await ws.store.run((m) =>
    m.query<{ op_id: string; kind: string; payload: string }[]>(
      `SELECT op_id, kind, payload FROM outbox ORDER BY seq`,
    ),
  );
  const out = await applyOps(
    old,
    rows.map((r) => ({ opId: r.op_id, kind: r.kind, payload: JSON.parse(r.payload) as unknown })),
  );
  expect(out.map((o) => o.status)).toEqual(['applied', 'applied']);
  await old.destroy();
  await ws.store.tx((m) => m.query(`UPDATE outbox SET status = 'done'`));
});

afterAll(async () => {
  await ws?.close();
  if (admin?.isInitialized) await admin.destroy();
  pg?.destroy();
});

describe('central migration 0006 on a centre in use', () => {
  it('keeps trusting the shared login until IT retires it', async () => {
    expect(await migrateCentral(cfg)).toEqual(from6);
    expect(await sharedLoginTrusted(admin)).toBe(true);
    expect(await count(admin, `SELECT count(*)::int AS n FROM applied_op`)).toBe(2);

    // The counter on the shared login syncs as before (all districts, the payload's office),
    // and sends its staff list to the office's new directory once.
    await issueLocally(ws, {
      accountId: accounts[1]!.id,
      payerCode: accounts[1]!.payer_code,
      passwordHash: hash,
      at: new Date('2025-06-02T09:00:00Z'),
    });
    const svc = service(sharedCfg);
    const st = await svc.syncNow();
    expect(st).toMatchObject({
      state: 'online',
      pending: 0,
      dead: 0,
      lastError: null,
      enrolment: { mode: 'shared', login: 'ws_shared' },
    });
    await svc.stop();
    const staff = await admin.query<{ id: string; office_id: string }[]>(
      `SELECT id, office_id FROM staff`,
    );
    expect(staff).toEqual([{ id: ws.clerkId, office_id: '12' }]);
    const shared = centralDataSource(sharedCfg);
    await shared.initialize();
    try {
      expect(await count(shared, `SELECT count(*)::int AS n FROM account`)).toBe(accounts.length);
    } finally {
      await shared.destroy();
    }
  });

  it('lets an enrolled login take over the same counter, with the staff it sent', async () => {
    const e = await enrolWorkstation(admin, {
      office: '12',
      districts: [...new Set(accounts.map((a) => a.district_code))],
    });
    await issueLocally(ws, {
      accountId: accounts[2]!.id,
      payerCode: accounts[2]!.payer_code,
      passwordHash: hash,
      at: new Date('2025-06-02T10:00:00Z'),
    });
    const svc = service({ ...cfg, user: e.login, password: e.password! });
    const st = await svc.syncNow();
    expect(st).toMatchObject({
      state: 'online',
      pending: 0,
      dead: 0,
      lastError: null,
      enrolment: { mode: 'enrolled', officeId: '12' },
    });
    await svc.stop();
    const [w] = await admin.query<{ workstation_id: string }[]>(
      `SELECT workstation_id FROM workstation WHERE login = $1`,
      [e.login],
    );
    expect(w).toEqual({ workstation_id: ws.id });
  });

  it('gives the shared login nothing once retired, and the shared role itself cannot log in', async () => {
    const shared = centralDataSource(sharedCfg);
    await shared.initialize();
    try {
      const r = await retireSharedLogin(admin);
      expect(r.terminated).toBe(1);
    } finally {
      await shared.destroy().catch(() => undefined);
    }
    expect(await sharedLoginTrusted(admin)).toBe(false);
    const after = centralDataSource(sharedCfg);
    await after.initialize();
    try {
      for (const t of ['account', 'resident', 'street', 'change_feed'])
        expect(await count(after, `SELECT count(*)::int AS n FROM ${t}`), t).toBe(0);
      await expect(
        applyOps(after, [
          {
            opId: randomUUID(),
            kind: 'consent.withdraw',
            payload: {
              consentId: 'x',
              accountId: accounts[3]!.id,
              withdrawnAt: '2025-06-02T09:00:00.000Z',
              withdrawnBy: ws.clerkId,
              reason: 'x',
              officeId: '12',
              workstationId: ws.id,
            },
          },
        ]),
      ).rejects.toMatchObject({ driverError: { code: '42501' } });
    } finally {
      await after.destroy();
    }
    const [role] = await admin.query<{ rolcanlogin: boolean }[]>(
      `SELECT rolcanlogin FROM pg_roles WHERE rolname = 'access_desk_workstation'`,
    );
    expect(role).toEqual({ rolcanlogin: false });
  });

  it('reverts to 0005’s rules, and migrates again', async () => {
    const ds = centralDataSource(cfg, { poolSize: 1 });
    await ds.initialize();
    try {
      // The later migrations first, then 0006 itself.
      for (let i = 0; i < from6.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    } finally {
      await ds.destroy();
    }
    const gone = await admin.query<{ t: string | null; f: string | null }[]>(
      `SELECT to_regclass('workstation')::text AS t, to_regprocedure('sync_hello(text, text)')::text AS f`,
    );
    expect(gone).toEqual([{ t: null, f: null }]);
    // The shared login applies with 0005's functions (the payload's identity, as before).
    const shared = centralDataSource(sharedCfg);
    await shared.initialize();
    try {
      const out = await applyOps(shared, [
        {
          opId: randomUUID(),
          kind: 'consent.withdraw',
          payload: {
            consentId: randomUUID(),
            accountId: accounts[4]!.id,
            withdrawnAt: '2025-06-02T09:00:00.000Z',
            withdrawnBy: 'anyone',
            reason: 'x',
            officeId: 'any',
            workstationId: 'any',
          },
        },
      ]);
      expect(out.map((o) => o.status)).toEqual(['applied']);
    } finally {
      await shared.destroy();
    }
    expect(await migrateCentral(cfg)).toEqual(from6);
    expect(await count(admin, `SELECT count(*)::int AS n FROM pg_policies`)).toBe(5);
  });
});
