// Abuse limits (issue 11): issues and resets over a per-clerk or per-workstation hourly
// ceiling are held at the centre until a supervisor of the office releases or refuses them.
// The workstation keeps a held operation pending and marked held, and learns the decision
// when it asks again. A real PostgreSQL with low ceilings and a real encrypted store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { fixedClock } from '../../../electron/core/clock';
import { SyncService } from '../../../electron/core/sync/service';
import {
  addStaff,
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
let svc: SyncService;
let hash: string;
let next = 0;

const issue = async (clerk?: string): Promise<{ credentialId: string; opIds: string[] }> => {
  const acc = centre.accounts[next++]!;
  const w = clerk ? { ...ws, clerkId: clerk } : ws;
  return issueLocally(w, {
    accountId: acc.id,
    payerCode: acc.payerCode,
    passwordHash: hash,
    at: new Date('2025-06-02T09:00:00Z'),
  });
};

const credentialStatus = async (id: string): Promise<string | null> => {
  const rows = await centre.admin.query<{ status: string }[]>(
    `SELECT status FROM credential WHERE id = $1`,
    [id],
  );
  return rows[0]?.status ?? null;
};

beforeAll(async () => {
  centre = await startCentre({
    accounts: 100,
    ceilings: { clerkPerHour: 2, workstationPerHour: 3 },
  });
  ws = await openWorkstation('C', 'ceiling');
  const cfg = await centre.connect(ws);
  await addStaff(centre.admin, 'C', { id: 'sup-c', login: 'supc', role: 'supervisor' });
  await addStaff(centre.admin, 'C', { id: 'clerk-c2', login: 'clerkc2', role: 'clerk' });
  await ws.store.tx((m) =>
    m.query(
      `INSERT INTO clerk (id, office_id, login, full_name, role, password_hash, created_at, updated_at)
       VALUES ('clerk-c2', 'C', 'clerkc2', 'Clerk 2', 'clerk', 'x', '2025-06-01', '2025-06-01')`,
    ),
  );
  hash = await argonHash('k7m4q-x9t2w');
  svc = new SyncService(ws.store, fixedClock('2025-06-02T09:00:00Z'), ws.log, {
    central: cfg,
    workstationId: ws.id,
    officeId: 'C',
    districts: [],
    heldRecheckMs: 0,
  });
});

afterAll(async () => {
  await svc?.stop();
  await ws?.close();
  await centre?.close();
});

describe('ceilings', () => {
  it('holds the clerk’s third issue in an hour, and applies it once a supervisor releases it', async () => {
    const done = [await issue(), await issue()];
    const third = await issue();
    const st = await svc.syncNow();
    expect(st).toMatchObject({ state: 'online', pending: 0, held: 1, dead: 0 });
    for (const d of done) expect(await credentialStatus(d.credentialId)).toBe('active');
    expect(await credentialStatus(third.credentialId)).toBeNull();
    // Held: still pending locally, marked, audited once however often it is asked about.
    await svc.syncNow();
    const [row] = await ws.store.run((m) =>
      m.query<{ status: string; held_at: string | null; last_error: string }[]>(
        `SELECT status, held_at, last_error FROM outbox WHERE op_id = ?`,
        [third.opIds.at(-1)],
      ),
    );
    expect(row).toMatchObject({ status: 'pending', held_at: expect.any(String) });
    expect(row!.last_error).toMatch(/^HELD: .*clerk-ceiling.* office C/);
    const audits = await ws.store.run((m) =>
      m.query<unknown[]>(`SELECT 1 FROM audit_event WHERE action = 'sync.held'`),
    );
    expect(audits).toHaveLength(1);

    // The office's supervisors see it, with who and what, and no hash.
    const review = await svc.review();
    expect(review.held).toEqual([
      expect.objectContaining({
        opId: third.opIds.at(-1),
        reason: 'clerk-ceiling',
        clerkId: ws.clerkId,
        payerCode: centre.accounts[2]!.payerCode,
        credentialKind: 'issue',
      }),
    ]);
    expect(JSON.stringify(review)).not.toContain('$argon2id$');
    expect(review.events.map((e) => e.kind)).toContain('held');

    // A clerk cannot release it, and trying is recorded.
    await expect(svc.decideHeld([third.opIds.at(-1)!], ws.clerkId, true)).rejects.toBeInstanceOf(
      AppError,
    );
    expect((await svc.review()).events[0]).toMatchObject({
      kind: 'decision-refused',
      code: 'NOT_A_SUPERVISOR',
    });

    const decided = await svc.decideHeld([third.opIds.at(-1)!], 'sup-c', true);
    expect(decided).toEqual([{ opId: third.opIds.at(-1), status: 'released', code: null }]);
    expect(await credentialStatus(third.credentialId)).toBe('active');
    const after = await svc.syncNow();
    expect(after).toMatchObject({ pending: 0, held: 0, dead: 0 });
    expect((await outboxCounts(ws.store)).pending).toBeUndefined();
    expect((await svc.review()).held).toEqual([]);
  });

  it('holds by the workstation’s ceiling whoever the clerk, and a refusal dead-letters it', async () => {
    // Three issues applied from this workstation this hour: the next, by another clerk, waits.
    const other = await issue('clerk-c2');
    expect(await svc.syncNow()).toMatchObject({ held: 1 });
    const review = await svc.review();
    expect(review.held).toEqual([
      expect.objectContaining({ reason: 'workstation-ceiling', clerkId: 'clerk-c2' }),
    ]);
    await svc.decideHeld([other.opIds.at(-1)!], 'sup-c', false);
    const st = await svc.syncNow();
    expect(st).toMatchObject({ held: 0, dead: 1 });
    const dead = await svc.listDead();
    expect(dead[0]!.lastError).toMatch(/^HELD_REFUSED: refused by sup-c/);
    expect(await credentialStatus(other.credentialId)).toBeNull();
  });

  it('checks a released operation again: a clerk disabled meanwhile is not let through', async () => {
    await centre.admin.query(
      `UPDATE centre_setting SET value = '100' WHERE key = 'ceiling.workstation_per_hour'`,
    );
    const held = await issue();
    expect(await svc.syncNow()).toMatchObject({ held: 1 });
    await centre.admin.query(`UPDATE staff SET disabled_at = now() WHERE id = $1`, [ws.clerkId]);
    const decided = await svc.decideHeld([held.opIds.at(-1)!], 'sup-c', true);
    expect(decided).toEqual([
      { opId: held.opIds.at(-1), status: 'refused', code: 'CLERK_NOT_IN_OFFICE' },
    ]);
    expect(await credentialStatus(held.credentialId)).toBeNull();
    const events = await centre.admin.query<{ kind: string; code: string | null }[]>(
      `SELECT kind, code FROM security_event WHERE op_id = $1 ORDER BY id`,
      [held.opIds.at(-1)],
    );
    expect(events).toEqual([
      { kind: 'held', code: 'HELD' },
      { kind: 'held-refused', code: 'CLERK_NOT_IN_OFFICE' },
    ]);
  });
});
