// Nothing lost, nothing twice: the centre stopped in the middle of a push and started
// again, and the sync process killed with SIGKILL at random points 50 times, must leave the
// centre with every operation applied exactly once.
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/core/audit/chain';
import { bundleChild } from '../../support/child';
import { fixedClock } from '../../../electron/core/clock';
import { centralUrl } from '../../../electron/core/sync/config';
import { SyncService } from '../../../electron/core/sync/service';
import {
  argonHash,
  type Centre,
  issueLocally,
  openWorkstation,
  outboxCounts,
  startCentre,
  waitFor,
  type Workstation,
} from './harness';

const CHILD = fileURLToPath(new URL('./fixtures/push-child.ts', import.meta.url));
let childArgs: string[] = ['--import', 'tsx', CHILD];

let centre: Centre;
let hash: string;

beforeAll(async () => {
  childArgs = await bundleChild(CHILD, 'push-child.mjs');
  centre = await startCentre({ accounts: 1200 });
  hash = await argonHash('one hash for all: only the counts matter here');
});

afterAll(async () => {
  await centre?.close();
});

/** Issue + reset visits for each account: five operations each (consent, issue; consent, revoke, issue). */
async function visits(ws: Workstation, accounts: Centre['accounts']): Promise<void> {
  for (const acc of accounts) {
    const first = await issueLocally(ws, {
      accountId: acc.id,
      payerCode: acc.payerCode,
      passwordHash: hash,
      at: new Date('2025-06-02T07:00:00Z'),
    });
    await issueLocally(ws, {
      accountId: acc.id,
      payerCode: acc.payerCode,
      passwordHash: hash,
      at: new Date('2025-06-02T08:00:00Z'),
      replaces: first.credentialId,
      version: 2,
    });
  }
}

/** The centre holds every operation of `ws` exactly once, with the right effect. */
async function expectExactlyOnce(ws: Workstation): Promise<void> {
  const local = await ws.store.run((m) =>
    m.query<{ op_id: string; kind: string; status: string }[]>(
      `SELECT op_id, kind, status FROM outbox`,
    ),
  );
  expect(local.filter((r) => r.status !== 'done')).toEqual([]);
  const applied = await centre.admin.query<{ op_id: string }[]>(
    `SELECT op_id FROM applied_op WHERE workstation_id = $1`,
    [ws.id],
  );
  expect(applied.length).toBe(local.length);
  const have = new Set(applied.map((r) => r.op_id));
  expect(local.filter((r) => !have.has(r.op_id))).toEqual([]);
  const creds = await centre.admin.query<
    { status: string; revoke_reason: string | null; n: number }[]
  >(
    `SELECT status, revoke_reason, count(*)::int AS n FROM credential WHERE workstation_id = $1 GROUP BY 1, 2 ORDER BY 1`,
    [ws.id],
  );
  const issues = local.filter((r) => r.kind === 'credential.issue').length;
  expect(creds).toEqual([
    { status: 'active', revoke_reason: null, n: issues / 2 },
    { status: 'revoked', revoke_reason: 'reset', n: issues / 2 },
  ]);
  const consents = await centre.admin.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM consent WHERE workstation_id = $1`,
    [ws.id],
  );
  expect(consents[0]!.n).toBe(local.filter((r) => r.kind === 'consent.record').length);
  const rejected = await centre.admin.query<unknown[]>(
    `SELECT op_id FROM rejected_op WHERE workstation_id = $1`,
    [ws.id],
  );
  expect(rejected).toEqual([]);
  // The audit chain arrived whole, in order, once.
  const chain = await verifyAuditChain(ws.store);
  expect(chain.ok).toBe(true);
  const head = await centre.admin.query<{ seq: string; hash: string }[]>(
    `SELECT seq, hash FROM audit_head WHERE workstation_id = $1`,
    [ws.id],
  );
  expect(head[0]).toEqual({ seq: String(chain.checked), hash: chain.headHash });
}

describe('resilience', () => {
  it('loses nothing and applies nothing twice when the centre stops mid-push and comes back', async () => {
    const ws = await openWorkstation('12', 'restart');
    await visits(ws, centre.accounts.slice(0, 120)); // 600 operations
    const svc = new SyncService(ws.store, fixedClock('2025-06-02T09:00:00Z'), ws.log, {
      central: await centre.connect(ws),
      workstationId: ws.id,
      officeId: ws.officeId,
      districts: [],
      batchSize: 5,
      idleCheckMs: 20,
      backoffBaseMs: 50,
      backoffCapMs: 400,
    });
    try {
      for (const how of ['crash', 'clean'] as const) {
        const before = (await outboxCounts(ws.store)).pending ?? 0;
        svc.start();
        await waitFor(
          'some progress',
          async () => ((await outboxCounts(ws.store)).pending ?? 0) < before - 40,
          30_000,
          2,
        );
        if (how === 'crash') centre.pg.kill();
        else centre.pg.stop();
        await waitFor('offline', () => svc.status().state === 'offline', 20_000);
        const st = svc.status();
        expect(st.offlineSince).not.toBeNull();
        expect(st.pending).toBeGreaterThan(0);
        expect(st.lastError).not.toBeNull();
        // Meanwhile the counter keeps working on the local store.
        await visits(
          ws,
          centre.accounts.slice(120 + (how === 'crash' ? 0 : 10), 130 + (how === 'crash' ? 0 : 10)),
        );
        centre.pg.start();
        await waitFor(
          'drained',
          () => svc.status().state === 'online' && svc.status().pending === 0,
          60_000,
        );
        await svc.stop();
        if (how === 'crash') await visits(ws, centre.accounts.slice(140, 260)); // work for the second round
      }
      await expectExactlyOnce(ws);
    } finally {
      await svc.stop();
      await ws.close();
    }
  });

  it('loses nothing and applies nothing twice when the sync process is killed (SIGKILL) at random points 50 times', async () => {
    const ws = await openWorkstation('12', 'kill');
    const url = centralUrl(await centre.connect(ws));
    let next = 260;
    await visits(ws, centre.accounts.slice(next, next + 100)); // 500 operations to start with
    next += 100;
    let seed = 7;
    const rnd = (k: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % k;
    };
    let midWork = 0;
    try {
      for (let i = 0; i < 50; i++) {
        // Keep work in the queue, so that every kill can land in the middle of it.
        if (((await outboxCounts(ws.store)).pending ?? 0) < 300 && next < centre.accounts.length) {
          await visits(ws, centre.accounts.slice(next, next + 60));
          next += 60;
        }
        const child = spawnChild(ws, url, 1 + rnd(8));
        const earlyKill = i % 5 === 0; // now and then while it is still opening the store
        if (!earlyKill) await readyOf(child);
        await new Promise((r) => setTimeout(r, earlyKill ? rnd(1200) : rnd(250)));
        const pendingBefore = child.exitCode === null;
        child.kill('SIGKILL');
        await exitOf(child);
        if (pendingBefore && ((await outboxCounts(ws.store)).pending ?? 0) > 0) midWork += 1;
      }
      // Then one that is left to finish.
      const last = spawnChild(ws, url, 10);
      const code = await exitOf(last);
      expect(code).toBe(0);
      expect(midWork).toBeGreaterThanOrEqual(40);
      await expectExactlyOnce(ws);
    } finally {
      await ws.close();
    }
  }, 240_000);
});

type Child = ChildProcessByStdio<null, Readable, Readable>;

function spawnChild(ws: Workstation, url: string, batchSize: number): Child {
  return spawn(process.execPath, childArgs, {
    env: {
      ...process.env,
      AD_TEST_KEY: ws.key.toString('hex'),
      AD_TEST_DB: ws.path,
      AD_TEST_WS: ws.id,
      AD_TEST_OFFICE: ws.officeId,
      AD_TEST_BATCH: String(batchSize),
      ACCESS_DESK_CENTRAL_URL: url,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function readyOf(child: Child): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) resolve();
    });
    child.on('exit', (code) =>
      out.includes('ready')
        ? resolve()
        : reject(new Error(`child exited (${code}) before ready: ${err}`)),
    );
  });
}

function exitOf(child: Child): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}
