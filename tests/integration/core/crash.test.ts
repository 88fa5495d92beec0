// A power cut at any point of a visit (issue 12): a counter doing issues, resets, reprints
// and consent withdrawals on one real encrypted store, printing to a real CUPS queue, is
// killed with SIGKILL at random moments, 100 times. After every restart each visit is whole
// or absent (credential, consent, operations for the centre, audit entries, sheet serials),
// the audit chain verifies, the file passes integrity_check and no account has two active
// credentials. At the end the outbox reaches a real centre exactly once, and no password the
// counter was given is in any of its files.
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core';
import { verifyAuditChain } from '../../../electron/core/audit/chain';
import { fixedClock } from '../../../electron/core/clock';
import { openLocalStore, type Store } from '../../../electron/core/db/store';
import { createLogger } from '../../../electron/core/log/logger';
import { createClerk } from '../../../electron/core/staff/admin';
import { setupFirstSupervisor } from '../../../electron/core/staff/service';
import { SyncService } from '../../../electron/core/sync/service';
import { setupCupsQueue, type CupsQueue } from '../../support/cups';
import { bundleChild } from '../../support/child';
import { type Centre, startCentre } from '../sync/harness';
import { CLERK, SUP } from './harness';

const KILLS = Number(process.env.CRASH_KILLS ?? 100);
const CHILD = fileURLToPath(new URL('./fixtures/visit-child.ts', import.meta.url));
const QUEUE = 'AccessDeskItCrash';

let dir: string;
let key: Buffer;
let queue: CupsQueue;
let childArgs: string[];
const passwords = new Set<string>();

beforeAll(async () => {
  queue = setupCupsQueue(QUEUE);
  childArgs = await bundleChild(CHILD, 'visit-child.mjs');
  dir = mkdtempSync(join(tmpdir(), 'access-desk-crash-'));
  key = randomBytes(32);
  const core = await openCore({
    dataDir: dir,
    dbKey: key,
    clock: fixedClock('2026-11-25T09:00:00Z'),
    logSinks: [],
    demoAccounts: 300,
    sync: { env: {} },
  });
  const sup = await setupFirstSupervisor(core.ctx, { officeName: 'Офис', ...SUP });
  await createClerk(core.ctx, sup, { ...CLERK, role: 'clerk' });
  await core.ctx.store.tx((m) => core.ctx.settings.update(m, { printer: QUEUE }, new Date()));
  await core.close();
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  for (const f of readdirSync(queue?.outputDir ?? '/nonexistent', { withFileTypes: true }))
    if (f.isFile()) rmSync(join(queue.outputDir, f.name), { force: true });
});

type Child = ChildProcessByStdio<null, Readable, Readable>;

function spawnCounter(seed: number): { child: Child; ready: Promise<void> } {
  const child = spawn(process.execPath, childArgs, {
    env: {
      ...process.env,
      AD_TEST_DIR: dir,
      AD_TEST_KEY: key.toString('hex'),
      AD_TEST_SEED: String(seed),
      AD_TEST_SUP_PASSWORD: SUP.password,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      for (const m of out.matchAll(/^pw (\S+)$/gm)) passwords.add(m[1]!);
      if (out.includes('ready\n')) resolve();
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`counter exited ${code}: ${err.slice(-2000)}`));
    });
  });
  return { child, ready };
}

const exited = (c: Child) =>
  new Promise<void>((r) => (c.exitCode !== null ? r() : c.on('exit', () => r())));

async function q<T>(store: Store, sql: string): Promise<T[]> {
  return store.run((m) => m.query<T[]>(sql));
}

/** Everything that must hold of the store whenever the counter stopped. */
async function expectWhole(store: Store, round: number): Promise<void> {
  const where = `after kill ${round}`;
  expect(await q(store, 'PRAGMA integrity_check'), where).toEqual([{ integrity_check: 'ok' }]);
  expect(await verifyAuditChain(store), where).toMatchObject({ ok: true, firstBroken: null });
  expect(
    await q(
      store,
      `SELECT account_id FROM credential WHERE status = 'active' GROUP BY 1 HAVING count(*) > 1`,
    ),
    where,
  ).toEqual([]);
  // A credential came with its operation, its audit entry, its sheet serial and its visit.
  expect(
    await q(
      store,
      `SELECT c.id FROM credential c WHERE
         (SELECT count(*) FROM outbox o WHERE o.kind = 'credential.issue' AND json_extract(o.payload, '$.credentialId') = c.id) <> 1
         OR NOT EXISTS (SELECT 1 FROM audit_event e WHERE e.action IN ('credential.issue', 'credential.reset') AND json_extract(e.data, '$.credentialId') = c.id)
         OR c.sheet_serial IS NULL
         OR NOT EXISTS (SELECT 1 FROM visit v WHERE v.id = c.visit_id)`,
    ),
    where,
  ).toEqual([]);
  // A consent came with its operation and its audit entry; a revoked credential with its
  // revoke operation (a reset's or a withdrawal's).
  expect(
    await q(
      store,
      `SELECT k.id FROM consent k WHERE
         (SELECT count(*) FROM outbox o WHERE o.kind = 'consent.record' AND json_extract(o.payload, '$.consentId') = k.id) <> 1
         OR NOT EXISTS (SELECT 1 FROM audit_event e WHERE e.action = 'consent.record' AND json_extract(e.data, '$.consentId') = k.id)
       UNION ALL
       SELECT c.id FROM credential c WHERE c.status = 'revoked' AND
         (SELECT count(*) FROM outbox o WHERE o.kind = 'credential.revoke' AND json_extract(o.payload, '$.credentialId') = c.id) <> 1`,
    ),
    where,
  ).toEqual([]);
  // And nothing was sent for a credential, consent or withdrawal that is not there.
  expect(
    await q(
      store,
      `SELECT o.op_id FROM outbox o WHERE
         (o.kind = 'credential.issue' AND NOT EXISTS (SELECT 1 FROM credential c WHERE c.id = json_extract(o.payload, '$.credentialId')))
         OR (o.kind = 'consent.record' AND NOT EXISTS (SELECT 1 FROM consent k WHERE k.id = json_extract(o.payload, '$.consentId')))
         OR (o.kind = 'consent.withdraw' AND NOT EXISTS (SELECT 1 FROM consent k WHERE k.id = json_extract(o.payload, '$.consentId') AND k.withdrawn_at IS NOT NULL))
         OR (o.kind = 'credential.revoke' AND NOT EXISTS (SELECT 1 FROM credential c WHERE c.id = json_extract(o.payload, '$.credentialId') AND c.status <> 'active'))`,
    ),
    where,
  ).toEqual([]);
  // A withdrawal revoked what it covered, and was sent.
  expect(
    await q(
      store,
      `SELECT k.id FROM consent k WHERE k.withdrawn_at IS NOT NULL AND (
         EXISTS (SELECT 1 FROM credential c WHERE c.consent_id = k.id AND c.status = 'active')
         OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o.kind = 'consent.withdraw' AND json_extract(o.payload, '$.consentId') = k.id))`,
    ),
    where,
  ).toEqual([]);
  // Serials: every number the counter handed out is on a credential, none twice.
  const serials = await q<{ s: string }>(store, `SELECT sheet_serial AS s FROM credential`);
  const numbers = serials.map((r) => Number(/I(\d+)$/.exec(r.s)?.[1]));
  expect(new Set(numbers).size, where).toBe(numbers.length);
  const [counter] = await q<{ value: number }>(
    store,
    `SELECT coalesce(max(value), 0) AS value FROM counter WHERE name LIKE 'serial.I.%'`,
  );
  expect(Math.max(0, ...numbers), where).toBe(Number(counter!.value));
}

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => join(f.parentPath, f.name));
}

describe('a counter killed at random moments of its visits', () => {
  it(`keeps every visit whole or absent through ${KILLS} kills, and sends everything once`, async () => {
    let seed = 11;
    const rnd = (k: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % k;
    };
    let midVisit = 0;
    for (let i = 0; i < KILLS; i++) {
      const { child, ready } = spawnCounter(1000 + i);
      if (i % 10 !== 0) await ready; // now and then while it is still opening the store
      const before = passwords.size;
      await new Promise((r) => setTimeout(r, rnd(i % 10 === 0 ? 1500 : 900)));
      child.kill('SIGKILL');
      await exited(child);
      if (passwords.size > before) midVisit += 1;
      const store = await openLocalStore(join(dir, 'access-desk.db'), { key });
      try {
        await expectWhole(store, i);
      } finally {
        await store.close();
      }
    }
    // The kills fell in the middle of work, not only between visits.
    process.stdout.write(
      `crash test: ${KILLS} kills, ${midVisit} during a visit, ${passwords.size} passwords issued\n`,
    );
    expect(midVisit).toBeGreaterThan(KILLS / 3);
    expect(passwords.size).toBeGreaterThan(KILLS / 2);

    const store = await openLocalStore(join(dir, 'access-desk.db'), { key });
    let centre: Centre | undefined;
    try {
      const counts = await q<{ kind: string; n: number }>(
        store,
        `SELECT kind, count(*) AS n FROM outbox GROUP BY kind`,
      );
      expect(counts.map((c) => c.kind)).toEqual(
        expect.arrayContaining(['credential.issue', 'credential.revoke', 'consent.withdraw']),
      );
      // Exactly once at a real centre.
      centre = await startCentre({ accounts: 300 });
      const [{ office }] = (await q<{ office: string }>(
        store,
        `SELECT json_extract(value, '$.office.code') AS office FROM setting WHERE key = 'app'`,
      )) as [{ office: string }];
      const { cfg } = await centre.enrol(office ?? 'MSK-001');
      const [ws] = await q<{ value: string }>(
        store,
        `SELECT value FROM setting WHERE key = 'workstationId'`,
      );
      const svc = new SyncService(
        store,
        fixedClock('2026-11-26T09:00:00Z'),
        createLogger('t', []),
        {
          central: cfg,
          workstationId: JSON.parse(ws!.value) as string,
          officeId: office ?? 'MSK-001',
          districts: ['none'],
        },
      );
      const st = await svc.syncNow();
      await svc.stop();
      expect(st).toMatchObject({ pending: 0, dead: 0, held: 0, lastError: null });
      const local = await q<{ op_id: string }>(store, `SELECT op_id FROM outbox ORDER BY op_id`);
      const applied = await centre.admin.query<{ op_id: string }[]>(
        `SELECT op_id FROM applied_op ORDER BY op_id`,
      );
      expect(applied.map((r) => r.op_id)).toEqual(local.map((r) => r.op_id));
      const [{ n }] = (await centre.admin.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM credential`,
      )) as [{ n: number }];
      const [localCreds] = await q<{ n: number }>(store, `SELECT count(*) AS n FROM credential`);
      expect(n).toBe(Number(localCreds!.n));
    } finally {
      await store.close();
      await centre?.close();
    }

    // No password it was given is in any file it wrote, grouped or not.
    const files = filesUnder(dir).map((f) => ({ f, text: readFileSync(f).toString('latin1') }));
    expect(files.map((f) => f.f)).toEqual(
      expect.arrayContaining([join(dir, 'access-desk.db'), join(dir, 'logs', 'access-desk.log')]),
    );
    for (const pw of passwords)
      for (const form of [pw, pw.replace(/-/g, '')])
        for (const { f, text } of files) expect(text.includes(form), `${form} in ${f}`).toBe(false);
    expect(statSync(join(dir, 'access-desk.db')).size).toBeGreaterThan(0);
  }, 900_000);
});
