// Push: operations reach the centre with their effect once, whatever the replays; the
// centre rejects what can never apply without stopping the rest; the workstation role
// can do what it must and nothing more.
import { verify } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/core/audit/chain';
import { fixedClock } from '../../../electron/core/clock';
import { applyOps, type WireOp } from '../../../electron/core/sync/central/apply';
import { centralDataSource } from '../../../electron/core/sync/central/datasource';
import { migrateCentral } from '../../../electron/core/sync/central/migrate';
import { parseCentralUrl } from '../../../electron/core/sync/config';
import { SyncService } from '../../../electron/core/sync/service';
import {
  argonHash,
  type Centre,
  issueLocally,
  openWorkstation,
  outboxCounts,
  startCentre,
  type Workstation,
} from './harness';

let centre: Centre;
let ws: Workstation;

beforeAll(async () => {
  centre = await startCentre({ accounts: 200 });
  ws = await openWorkstation('12', 'push');
});

afterAll(async () => {
  await ws?.close();
  await centre?.close();
});

async function service(
  w: Workstation,
  clock = fixedClock('2025-06-02T07:00:00Z'),
): Promise<SyncService> {
  return new SyncService(w.store, clock, w.log, {
    central: await centre.connect(w),
    workstationId: w.id,
    officeId: w.officeId,
    districts: [],
  });
}

describe('push', () => {
  it('sends issue and reset visits; the centre stores a hash that verifies the password', async () => {
    const acc = centre.accounts[0]!;
    const first = await issueLocally(ws, {
      accountId: acc.id,
      payerCode: acc.payerCode,
      passwordHash: await argonHash('k7m4q-x9t2w'),
      at: new Date('2025-06-02T07:02:00Z'),
    });
    const reset = await issueLocally(ws, {
      accountId: acc.id,
      payerCode: acc.payerCode,
      passwordHash: await argonHash('p3r8s-h6n2c'),
      at: new Date('2025-06-02T07:30:00Z'),
      replaces: first.credentialId,
      version: 2,
    });
    const svc = await service(ws);
    const st = await svc.syncNow();
    expect(st).toMatchObject({ state: 'online', pending: 0, dead: 0, lastError: null });

    const rows = await centre.admin.query<
      {
        id: string;
        status: string;
        revoke_reason: string | null;
        password_hash: string;
        login: string;
      }[]
    >(
      `SELECT id, status, revoke_reason, password_hash, login FROM credential WHERE account_id = $1 ORDER BY issued_at`,
      [acc.id],
    );
    expect(rows.map((r) => [r.id, r.status, r.revoke_reason])).toEqual([
      [first.credentialId, 'revoked', 'reset'],
      [reset.credentialId, 'active', null],
    ]);
    expect(rows[1]!.login).toBe(acc.payerCode);
    expect(await verify(rows[1]!.password_hash, 'p3r8s-h6n2c')).toBe(true);
    expect(await verify(rows[1]!.password_hash, 'k7m4q-x9t2w')).toBe(false);
    expect(await verify(rows[0]!.password_hash, 'k7m4q-x9t2w')).toBe(true);
    const applied = await centre.admin.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM applied_op WHERE op_id = ANY ($1)`,
      [[...first.opIds, ...reset.opIds]],
    );
    expect(applied[0]!.n).toBe(5);

    // The audit chain went too, and the centre holds this workstation's head.
    const local = await verifyAuditChain(ws.store);
    const head = await centre.admin.query<{ seq: string; hash: string | null }[]>(
      `SELECT seq, hash FROM audit_head WHERE workstation_id = $1`,
      [ws.id],
    );
    if (local.checked > 0)
      expect(head[0]).toEqual({ seq: String(local.checked), hash: local.headHash });
    await svc.stop();
  });

  it('gives each operation one effect when it is replayed 2–5 times, reordered within its batch', async () => {
    // The reference: each operation once, in order, into a second database.
    await centre.pg.createDatabase('reference');
    const refCfg = parseCentralUrl(`${centre.pg.url('reference')}?sslmode=disable`);
    await migrateCentral(refCfg);
    const ref = centralDataSource(refCfg);
    await ref.initialize();
    // Same registry rows for the accounts this test uses.
    const accs = centre.accounts.slice(10, 40);
    await ref.query(
      `INSERT INTO district (code, name, okrug) SELECT DISTINCT unnest($1::text[]), 'd', 'o'`,
      [accs.map((a) => a.districtCode)],
    );
    await ref.query(`INSERT INTO street (id, name, kind) VALUES (1, 's', 'улица')`);
    await ref.query(
      `INSERT INTO account (id, payer_code, district_code, street_id, house) SELECT * , 1, '1' FROM unnest($1::bigint[], $2::text[], $3::text[])`,
      [accs.map((a) => a.id), accs.map((a) => a.payerCode), accs.map((a) => a.districtCode)],
    );

    const hashed = await argonHash('same-for-all');
    const ops: WireOp[] = [];
    const base = { officeId: '7', workstationId: 'ws-replay' };
    let n = 0;
    const at = (min: number): string => new Date(Date.UTC(2025, 5, 3, 8, min)).toISOString();
    for (const [i, a] of accs.entries()) {
      const id = (s: string): string => `${s}-${a.id}`;
      const op = (kind: string, payload: Record<string, unknown>): void => {
        ops.push({
          opId: `op-${String(++n).padStart(4, '0')}`,
          kind,
          payload: { ...base, accountId: a.id, ...payload },
        });
      };
      const issue = (cred: string, min: number, replaces: string | null, consent: string): void =>
        op('credential.issue', {
          credentialId: id(cred),
          login: a.payerCode,
          passwordHash: hashed,
          mustChange: true,
          issuedAt: at(min),
          expiresAt: at(min + 60),
          version: replaces ? 2 : 1,
          replacesCredentialId: replaces,
          consentId: id(consent),
          kind: replaces ? 'reset' : 'issue',
          issuedBy: 'clerk-7',
        });
      op('consent.record', {
        consentId: id('c1'),
        residentId: null,
        textVersion: 'v1',
        language: 'ru',
        subject: {},
        representative: null,
        operator: {},
        signedAt: at(1),
        recordedBy: 'clerk-7',
      });
      issue('v1', 2, null, 'c1');
      if (i % 3 !== 2) {
        // A reset: the old credential revoked, a new one issued in its place.
        op('credential.revoke', {
          credentialId: id('v1'),
          revokedAt: at(10),
          reason: 'reset',
          revokedBy: 'clerk-7',
        });
        issue('v2', 10, id('v1'), 'c1');
      }
      if (i % 3 === 2) {
        op('consent.withdraw', {
          consentId: id('c1'),
          withdrawnAt: at(20),
          withdrawnBy: 'clerk-7',
          reason: 'asked',
        });
      }
    }
    const refOut = await applyOps(ref, ops);
    expect(refOut.every((o) => o.status === 'applied')).toBe(true);

    // Replay: batches of 20 operations, each operation 2–5 times, shuffled within the batch.
    let seed = 42;
    const rnd = (k: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % k;
    };
    for (let i = 0; i < ops.length; i += 20) {
      const batch = ops
        .slice(i, i + 20)
        .flatMap((o) => Array.from({ length: 2 + rnd(4) }, () => o));
      for (let j = batch.length - 1; j > 0; j--) {
        const k = rnd(j + 1);
        [batch[j], batch[k]] = [batch[k]!, batch[j]!];
      }
      const out = await applyOps(centre.admin, batch);
      expect(out.filter((o) => o.status === 'rejected')).toEqual([]);
    }

    const project = async (ds: typeof ref): Promise<unknown> => ({
      credentials: await ds.query(
        `SELECT id, status, revoke_reason, revoked_at, revoked_by, superseded_by FROM credential WHERE workstation_id = 'ws-replay' ORDER BY id`,
      ),
      consents: await ds.query(
        `SELECT id, signed_at, withdrawn_at FROM consent WHERE workstation_id = 'ws-replay' ORDER BY id`,
      ),
      applied: await ds.query(
        `SELECT count(*)::int AS n FROM applied_op WHERE workstation_id = 'ws-replay'`,
      ),
      conflicts: await ds.query(
        `SELECT count(*)::int AS n FROM credential_conflict c JOIN credential w ON w.id = c.winner_id WHERE w.workstation_id = 'ws-replay'`,
      ),
      pending: await ds.query(
        `SELECT count(*)::int AS n FROM credential_revocation_pending WHERE op_id LIKE 'op-%'`,
      ),
    });
    const expected = await project(ref);
    expect(await project(centre.admin)).toEqual(expected);
    expect((expected as { applied: { n: number }[] }).applied[0]!.n).toBe(ops.length);
    await ref.destroy();
  });

  it('dead-letters an operation the centre rejects for good, audits it, and keeps the rest flowing', async () => {
    const good = centre.accounts[1]!;
    const h = await argonHash('whatever-1');
    const bad = await issueLocally(ws, {
      accountId: 987_654_321,
      payerCode: '9876543210',
      passwordHash: h,
      at: new Date('2025-06-02T08:00:00Z'),
    });
    const after = await issueLocally(ws, {
      accountId: good.id,
      payerCode: good.payerCode,
      passwordHash: h,
      at: new Date('2025-06-02T08:01:00Z'),
    });
    const svc = await service(ws);
    const st = await svc.syncNow();
    expect(st.state).toBe('online');
    expect(st.dead).toBe(2); // the consent and the credential of an account the centre does not know
    expect(st.pending).toBe(0);
    const dead = await svc.listDead();
    expect(dead.map((d) => d.opId).sort()).toEqual([...bad.opIds].sort());
    expect(dead[0]!.lastError).toMatch(/23503|AD005|account/);
    expect(JSON.stringify(dead)).not.toContain('$argon2id$');
    const applied = await centre.admin.query<unknown[]>(`SELECT id FROM credential WHERE id = $1`, [
      after.credentialId,
    ]);
    expect(applied).toHaveLength(1);
    const rejected = await centre.admin.query<unknown[]>(
      `SELECT op_id FROM rejected_op WHERE op_id = ANY ($1)`,
      [bad.opIds],
    );
    expect(rejected).toHaveLength(2);
    const audits = await ws.store.run((m) =>
      m.query<{ action: string; data: string }[]>(
        `SELECT action, data FROM audit_event WHERE action = 'sync.rejected'`,
      ),
    );
    expect(audits).toHaveLength(2);
    expect(audits.map((a) => (JSON.parse(a.data) as { opId: string }).opId).sort()).toEqual(
      [...bad.opIds].sort(),
    );

    // Once the centre's registry has the account, a supervisor's retry goes through.
    await centre.admin.query(
      `INSERT INTO account (id, payer_code, district_code, street_id, house) SELECT 987654321, '9876543210', district_code, street_id, '1' FROM account LIMIT 1`,
    );
    for (const d of dead) await svc.retryDead(d.opId, ws.clerkId);
    await expect(svc.retryDead('no-such-op')).rejects.toMatchObject({
      code: 'OPERATION_NOT_FOUND',
    });
    const st2 = await svc.syncNow();
    expect(st2).toMatchObject({ pending: 0, dead: 0 });
    expect(await outboxCounts(ws.store)).not.toHaveProperty('dead');
    const left = await centre.admin.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM rejected_op WHERE op_id = ANY ($1)`,
      [bad.opIds],
    );
    expect(left[0]!.n).toBe(0);
    expect((await verifyAuditChain(ws.store)).ok).toBe(true);
    await svc.stop();
  });

  it('lets the workstation role apply operations and read the registry, but not change or delete audit rows', async () => {
    const wsDs = centralDataSource(await centre.connect(ws));
    await wsDs.initialize();
    try {
      const n = await wsDs
        .query<unknown>(`SELECT count(*)::int AS n FROM audit_event`)
        .catch((e: { code: string }) => e.code);
      expect(n).toBe('42501'); // not even read: the audit is the centre's, not the workstations'
      expect(
        (await wsDs.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM account`))[0]!.n,
      ).toBeGreaterThan(0);
      expect(
        (await wsDs.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM change_feed`))[0]!.n,
      ).toBeGreaterThanOrEqual(0);
      const stored = await centre.admin.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM audit_event`,
      );
      expect(stored[0]!.n).toBeGreaterThan(0);
      for (const sql of [
        `UPDATE audit_event SET text = 'edited'`,
        `DELETE FROM audit_event`,
        `TRUNCATE audit_event`,
        `INSERT INTO audit_event (workstation_id, seq, id, at, office_id, action, text, data, prev_hash, hash) VALUES ('x', 1, 'x', 'x', 'x', 'x', 'x', '{}', 'x', 'x')`,
        `UPDATE audit_head SET seq = 0`,
        `UPDATE credential SET status = 'active'`,
        `DELETE FROM applied_op`,
        `SELECT portal_record_event('x', 'locked', now())`,
      ]) {
        await expect(wsDs.query(sql), sql).rejects.toMatchObject({ code: '42501' });
      }
      // The owner cannot edit the audit either (a trigger, not just grants).
      await expect(
        centre.admin.query(`UPDATE audit_event SET text = 'edited'`),
      ).rejects.toMatchObject({ code: 'AD100' });
      await expect(centre.admin.query(`DELETE FROM audit_event`)).rejects.toMatchObject({
        code: 'AD100',
      });
      expect(
        (
          await centre.admin.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_event`)
        )[0]!.n,
      ).toBe(stored[0]!.n);

      // Continuity: a page that does not continue the stored head is refused.
      const head = (
        await wsDs.query<{ h: { seq: number; hash: string } }[]>(
          `SELECT sync_audit_head($1) AS h`,
          [ws.id],
        )
      )[0]!.h;
      const forged = [
        {
          seq: head.seq + 1,
          id: 'forged',
          at: 'x',
          workstation_id: ws.id,
          office_id: '12',
          clerk_id: null,
          action: 'x',
          subject: null,
          text: 'x',
          data: '{}',
          prev_hash: '0'.repeat(64),
          hash: 'f'.repeat(64),
        },
      ];
      await expect(
        wsDs.query(`SELECT sync_append_audit($1, $2::jsonb)`, [ws.id, JSON.stringify(forged)]),
      ).rejects.toMatchObject({ code: 'AD012' });
      const rewritten = [{ ...forged[0], seq: 1, id: 'rewritten' }];
      await expect(
        wsDs.query(`SELECT sync_append_audit($1, $2::jsonb)`, [ws.id, JSON.stringify(rewritten)]),
      ).rejects.toMatchObject({ code: 'AD010' });
    } finally {
      await wsDs.destroy();
    }
  });
});
