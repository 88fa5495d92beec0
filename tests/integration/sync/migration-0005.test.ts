// Central migration 0005: the feed triggers build their credential and conflict images with
// credential_image() and conflict_image(), which the initial load reads too. The feed must
// write the same images as 0002's inline expressions did, the load must read exactly what
// the feed carried, and the workstation role gains one function and nothing else.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createWorkstationLogin } from '../../../electron/core/sync/central/admin';
import { applyOps } from '../../../electron/core/sync/central/apply';
import { centralDataSource } from '../../../electron/core/sync/central/datasource';
import { migrateCentral } from '../../../electron/core/sync/central/migrate';
import { centralMigrations } from '../../../electron/core/sync/central/migrations';
import { parseCentralUrl, type CentralConfig } from '../../../electron/core/sync/config';
import { startPostgres, type TestPostgres } from '../../support/postgres';

const M5 = 'CentralCredentialImages1795700000005';
const at5 = centralMigrations.findIndex((m) => new m().name === M5);
const before5 = centralMigrations.slice(0, at5);
// Up to and with 0005, and no further: this is 0005's own test (the later migrations and the
// repeatable function files have tests of their own).
const through5 = centralMigrations.slice(0, at5 + 1);

let pg: TestPostgres;
let cfg: CentralConfig;
let admin: DataSource;
let ws: DataSource;

beforeAll(async () => {
  pg = await startPostgres({ prefix: 'access-desk-m5-' });
  await pg.createDatabase('m5');
  cfg = parseCentralUrl(`${pg.url('m5')}?sslmode=disable`);
  expect(await migrateCentral(cfg, before5)).not.toContain(M5);
  admin = centralDataSource(cfg, { poolSize: 2 });
  await admin.initialize();
  await admin.query(`INSERT INTO district (code, name, okrug) VALUES ('0101', 'd', 'o')`);
  await admin.query(`INSERT INTO street (id, name, kind) VALUES (1, 's', 'улица')`);
  await admin.query(
    `INSERT INTO account (id, payer_code, district_code, street_id, house)
     SELECT n, lpad(n::text, 10, '0'), '0101', 1, '1' FROM generate_series(1, 8) n`,
  );
  const password = randomBytes(12).toString('hex');
  await createWorkstationLogin(admin, 'ws_m5', password);
  ws = centralDataSource(parseCentralUrl(`${pg.url('m5', 'ws_m5', password)}?sslmode=disable`));
  await ws.initialize();
});

afterAll(async () => {
  if (ws?.isInitialized) await ws.destroy();
  if (admin?.isInitialized) await admin.destroy();
  pg?.destroy();
});

const at = (min: number): string => new Date(Date.UTC(2025, 5, 3, 8, min)).toISOString();

/**
 * Every path that writes a credential or conflict image, on two accounts, one operation per
 * central transaction as workstations send them: the loser arriving first and then the
 * winner, the winner first, a reset, a revoke, and the portal's events.
 */
async function scenario(tag: string, first: number, second: number): Promise<void> {
  let n = 0;
  const op = async (kind: string, payload: Record<string, unknown>): Promise<void> => {
    const out = await applyOps(admin, [{ opId: `${tag}-op${++n}`, kind, payload }]);
    expect(out.map((o) => o.status)).toEqual(['applied']);
  };
  const slot = (acc: number): string => (acc === first ? 'first' : 'second');
  const issue = (acc: number, id: string, min: number, office: string, replaces?: string) =>
    op('credential.issue', {
      credentialId: `${tag}-${id}`,
      accountId: acc,
      login: `login-${slot(acc)}`,
      passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
      mustChange: true,
      issuedAt: at(min),
      expiresAt: at(min + 60),
      version: replaces ? 2 : 1,
      replacesCredentialId: replaces ? `${tag}-${replaces}` : null,
      consentId: `${tag}-consent-${slot(acc)}`,
      kind: replaces ? 'reset' : 'issue',
      issuedBy: `clerk-${office}`,
      officeId: office,
      workstationId: `ws-${office}`,
    });
  await issue(first, 'a1', 2, '12');
  await issue(first, 'b1', 3, '7');
  await issue(second, 'b2', 3, '7');
  await issue(second, 'a2', 2, '12');
  await issue(first, 'b1r', 10, '7', 'b1');
  await op('credential.revoke', {
    credentialId: `${tag}-b1r`,
    accountId: first,
    revokedAt: at(20),
    reason: 'asked',
    revokedBy: 'clerk-7',
    officeId: '7',
    workstationId: 'ws-7',
  });
  for (const [event, min] of [
    ['first-login', 30],
    ['password-changed', 31],
    ['locked', 32],
  ] as const)
    await admin.query(`SELECT portal_record_event($1, $2, $3)`, [`${tag}-b2`, event, at(min)]);
}

interface FeedRow {
  id: string;
  entity: string;
  entity_key: string;
  district_code: string;
  op: string;
  data: Record<string, unknown>;
}

const feedSince = (after: string): Promise<FeedRow[]> =>
  admin.query<FeedRow[]>(
    `SELECT id, entity, entity_key, district_code, op, data FROM change_feed
     WHERE entity IN ('credential', 'conflict') AND id > $1 ORDER BY id`,
    [after],
  );

const lastId = async (): Promise<string> =>
  (
    await admin.query<{ id: string }[]>(`SELECT coalesce(max(id), 0)::text AS id FROM change_feed`)
  )[0]!.id;

// Written at the moment of writing (now()), so they differ between runs of one scenario.
const VOLATILE = new Set(['received_at', 'superseded_at', 'detectedAt']);

/** One scenario's feed with its tag, account ids and clock-dependent values taken out. */
function normalise(rows: FeedRow[], tag: string, accounts: number[]): unknown[] {
  const walk = (v: unknown, key: string, inConflict: boolean): unknown => {
    if (v === null) return null;
    if (VOLATILE.has(key) || (inConflict && key === 'id')) return typeof v;
    if ((key === 'account_id' || key === 'accountId') && typeof v === 'number')
      return `account#${accounts.indexOf(v)}`;
    if (typeof v === 'string') return v.replaceAll(`${tag}-`, 'T-');
    if (typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) => [k, walk(x, k, inConflict && key === '')]),
      );
    return v;
  };
  return rows.map((r) => ({
    entity: r.entity,
    key: walk(r.entity_key, 'entity_key', false),
    district: r.district_code,
    op: r.op,
    data: walk(r.data, '', r.entity === 'conflict'),
  }));
}

describe('central migration 0005 (credential and conflict images)', () => {
  let reference: unknown[];

  it('leaves the feed writing the images 0002 wrote', async () => {
    const from = await lastId();
    await scenario('old', 1, 2);
    const old = await feedSince(from);
    expect(old.filter((r) => r.entity === 'conflict')).toHaveLength(2);
    expect(old.filter((r) => r.entity === 'credential').length).toBeGreaterThan(6);
    reference = normalise(old, 'old', [1, 2]);

    expect(await migrateCentral(cfg, through5)).toEqual([M5]);
    const mark = await lastId();
    await scenario('new', 3, 4);
    expect(normalise(await feedSince(mark), 'new', [3, 4])).toEqual(reference);
  });

  it('gives the workstation, by its credential ids, exactly the images the feed last carried', async () => {
    const ids = (
      await admin.query<{ id: string }[]>(`SELECT id FROM credential WHERE id LIKE ANY ($1)`, [
        ['old-%', 'new-%'],
      ])
    ).map((r) => r.id);
    // What an initial load reads: credentials first, then their conflicts in order, once each.
    const state = await ws.query<{ entity: string; data: Record<string, unknown> }[]>(
      `SELECT entity, data FROM sync_credential_state($1::text[])`,
      [ids],
    );
    expect(state.map((r) => r.entity)).toEqual([
      ...ids.map(() => 'credential'),
      ...Array<string>(4).fill('conflict'),
    ]);
    const feed = await feedSince('0');
    const latest = new Map<string, unknown>();
    for (const r of feed) latest.set(`${r.entity}:${r.entity_key}`, r.data);
    for (const r of state) {
      // A conflict's feed key is its loser.
      const key = String(
        r.entity === 'credential'
          ? r.data.id
          : (r.data.loser as { credentialId: string }).credentialId,
      );
      expect(r.data, key).toEqual(latest.get(`${r.entity}:${key}`));
    }
    expect(JSON.stringify(state)).not.toContain('$argon2id$');
    const conflictIds = state.filter((r) => r.entity === 'conflict').map((r) => Number(r.data.id));
    expect(conflictIds).toEqual([...conflictIds].sort((x, y) => x - y));

    // One side held here is enough to get the conflict; nothing for ids the centre lacks.
    const winnerOnly = await ws.query<{ entity: string; data: { loser: unknown } }[]>(
      `SELECT entity, data FROM sync_credential_state($1::text[])`,
      [['new-b2', 'no-such-credential']],
    );
    expect(winnerOnly.map((r) => r.entity)).toEqual(['credential', 'conflict']);
    expect(winnerOnly[1]!.data.loser).toMatchObject({ credentialId: 'new-a2', officeId: '12' });
  });

  it('lets the workstation role call that one function, still read no credential, and not write the audit', async () => {
    const priv = async (sql: string): Promise<boolean> =>
      (await admin.query<{ ok: boolean }[]>(`SELECT ${sql} AS ok`))[0]!.ok;
    expect(
      await priv(`has_function_privilege('ws_m5', 'sync_credential_state(text[])', 'EXECUTE')`),
    ).toBe(true);
    for (const f of [
      'credential_image(credential)',
      'conflict_side_image(credential)',
      'conflict_image(credential_conflict)',
    ]) {
      expect(await priv(`has_function_privilege('ws_m5', '${f}', 'EXECUTE')`), f).toBe(false);
      expect(await priv(`has_function_privilege('access_desk_portal', '${f}', 'EXECUTE')`)).toBe(
        false,
      );
    }
    for (const t of ['credential', 'credential_conflict', 'audit_event', 'audit_head'])
      for (const p of ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'])
        expect(await priv(`has_table_privilege('ws_m5', '${t}', '${p}')`), `${p} ${t}`).toBe(false);
    for (const sql of [
      `SELECT id FROM credential LIMIT 1`,
      `SELECT id FROM credential_conflict LIMIT 1`,
      `SELECT credential_image(c) FROM credential c`,
      `UPDATE audit_event SET text = 'edited'`,
      `INSERT INTO audit_event (workstation_id, seq, id, at, office_id, action, text, data, prev_hash, hash) VALUES ('x', 1, 'x', 'x', 'x', 'x', 'x', '{}', 'x', 'x')`,
    ])
      await expect(ws.query(sql), sql).rejects.toMatchObject({ code: '42501' });
  });

  it('reverts to a feed that still writes the same images, and migrates again', async () => {
    const ds = centralDataSource(cfg, { poolSize: 1, migrations: through5 });
    await ds.initialize();
    try {
      await ds.undoLastMigration({ transaction: 'each' });
    } finally {
      await ds.destroy();
    }
    const fn = await admin.query<{ f: string | null }[]>(
      `SELECT to_regprocedure('sync_credential_state(text[])')::text AS f`,
    );
    expect(fn).toEqual([{ f: null }]);
    let mark = await lastId();
    await scenario('down', 5, 6);
    expect(normalise(await feedSince(mark), 'down', [5, 6])).toEqual(reference);

    expect(await migrateCentral(cfg, through5)).toEqual([M5]);
    mark = await lastId();
    await scenario('again', 7, 8);
    expect(normalise(await feedSince(mark), 'again', [7, 8])).toEqual(reference);
    const state = await ws.query<unknown[]>(`SELECT * FROM sync_credential_state($1::text[])`, [
      ['again-a1'],
    ]);
    expect(state).toHaveLength(2);
  });
});
