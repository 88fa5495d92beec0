// Pull: the initial load of the office's districts, the change feed after it (including
// transactions that commit out of order), credential state flowing back from the portal,
// and credential conflicts between two workstations reported to both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/core/audit/chain';
import { fixedClock } from '../../../electron/core/clock';
import { portalRecordEvent } from '../../../electron/core/sync/central/admin';
import { SyncService } from '../../../electron/core/sync/service';
import {
  argonHash,
  type Centre,
  issueLocally,
  openWorkstation,
  startCentre,
  waitFor,
  districtsBySize,
  type Workstation,
} from './harness';

let centre: Centre;
let a: Workstation; // office 12
let b: Workstation; // office 7
let districts: string[];
let other: string[];
let hash: string;

beforeAll(async () => {
  centre = await startCentre({ accounts: 400 });
  // The office serves the two districts with the most accounts; the rest stay at the centre.
  const ranked = districtsBySize(centre);
  districts = ranked.slice(0, 2);
  other = ranked.slice(2);
  a = await openWorkstation('12', 'a');
  b = await openWorkstation('7', 'b');
  hash = await argonHash('k7m4q-x9t2w');
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  await centre?.close();
});

const svc = async (
  w: Workstation,
  opts: Partial<ConstructorParameters<typeof SyncService>[3]> = {},
): Promise<SyncService> =>
  new SyncService(w.store, fixedClock('2025-06-02T12:00:00Z'), w.log, {
    central: await centre.connect(w),
    workstationId: w.id,
    officeId: w.officeId,
    districts,
    ...opts,
  });

const count = async (w: Workstation, sql: string, params: unknown[] = []): Promise<number> =>
  Number((await w.store.run((m) => m.query<{ n: number }[]>(sql, params)))[0]?.n ?? 0);

const mine = (): Centre['accounts'] =>
  centre.accounts.filter((x) => districts.includes(x.districtCode));

describe('pull', () => {
  it('loads the office districts, then follows the change feed', async () => {
    const s = await svc(a);
    const st = await s.syncNow();
    expect(st.state).toBe('online');
    expect(st.registryAt).not.toBeNull();
    expect(await count(a, `SELECT count(*) AS n FROM account`)).toBe(mine().length);
    const residents = await centre.admin.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM resident r JOIN account x ON x.id = r.account_id WHERE x.district_code = ANY ($1)`,
      [districts],
    );
    expect(await count(a, `SELECT count(*) AS n FROM resident`)).toBe(residents[0]!.n);
    expect(
      await count(
        a,
        `SELECT count(*) AS n FROM account WHERE district_code NOT IN (${districts.map(() => '?').join(',')})`,
        districts,
      ),
    ).toBe(0);

    // Changes at the centre: a flat renumbered, a resident added, one removed, and a change
    // in a district this office does not serve.
    const [acc1, acc2] = mine();
    await centre.admin.query(`UPDATE account SET flat = '99Б', updated_at = now() WHERE id = $1`, [
      acc1!.id,
    ]);
    await centre.admin.query(
      `INSERT INTO resident (id, account_id, surname, given_name, patronymic, birth_date, relation)
       VALUES (900001, $1, 'Ёлкина', 'Анна', 'Петровна', '1990-02-03', 'registered')`,
      [acc2!.id],
    );
    const gone = await centre.admin.query<{ id: string }[]>(
      `DELETE FROM resident WHERE account_id = $1 RETURNING id`,
      [acc1!.id],
    );
    const foreign = centre.accounts.find((x) => other.includes(x.districtCode));
    if (foreign)
      await centre.admin.query(`UPDATE account SET flat = '1' WHERE id = $1`, [foreign.id]);
    await s.syncNow();
    expect(
      await a.store.run((m) =>
        m.query<{ flat: string }[]>(`SELECT flat FROM account WHERE id = ?`, [acc1!.id]),
      ),
    ).toEqual([{ flat: '99Б' }]);
    expect(
      await count(a, `SELECT count(*) AS n FROM resident WHERE id = 900001 AND surname = 'Ёлкина'`),
    ).toBe(1);
    expect(
      await count(a, `SELECT count(*) AS n FROM resident WHERE account_id = ?`, [acc1!.id]),
    ).toBe(0);
    expect(gone.length).toBeGreaterThan(0);
    if (foreign)
      expect(await count(a, `SELECT count(*) AS n FROM account WHERE id = ?`, [foreign.id])).toBe(
        0,
      );
    await s.stop();
  });

  it('drops an account that moves to another district, residents included, and takes it back', async () => {
    const s = await svc(a);
    const acc = mine()[40]!;
    const residentsOf = (): Promise<number> =>
      count(a, `SELECT count(*) AS n FROM resident WHERE account_id = ?`, [acc.id]);
    const before = await residentsOf();
    expect(before).toBeGreaterThan(0);
    const elsewhere = await centre.admin.query<{ code: string }[]>(
      `SELECT code FROM district WHERE code <> ALL ($1) LIMIT 1`,
      [districts],
    );
    await centre.admin.query(`UPDATE account SET district_code = $2 WHERE id = $1`, [
      acc.id,
      elsewhere[0]!.code,
    ]);
    await s.syncNow();
    expect(await count(a, `SELECT count(*) AS n FROM account WHERE id = ?`, [acc.id])).toBe(0);
    expect(await residentsOf()).toBe(0);
    await centre.admin.query(`UPDATE account SET district_code = $2 WHERE id = $1`, [
      acc.id,
      acc.districtCode,
    ]);
    await s.syncNow();
    expect(await count(a, `SELECT count(*) AS n FROM account WHERE id = ?`, [acc.id])).toBe(1);
    expect(await residentsOf()).toBe(before);
    await s.stop();
  });

  it('pulls rows of transactions that commit out of order', async () => {
    const s = await svc(a);
    const [x, y] = mine().slice(5, 7);
    // T1 writes first (lower feed id) and stays open; T2 writes later and commits first.
    const t1 = centre.admin.createQueryRunner();
    await t1.connect();
    await t1.startTransaction();
    try {
      await t1.query(`UPDATE account SET house = 'T1' WHERE id = $1`, [x!.id]);
      await centre.admin.query(`UPDATE account SET house = 'T2' WHERE id = $1`, [y!.id]);
      const ids = await centre.admin.query<{ id: string; entity_key: string }[]>(
        `SELECT id, entity_key FROM change_feed WHERE entity = 'account' AND entity_key = ANY ($1) ORDER BY id DESC LIMIT 1`,
        [[String(y!.id)]],
      );
      expect(ids).toHaveLength(1); // T2's row is visible; T1's is not yet

      await s.syncNow();
      const house = async (id: number): Promise<string> =>
        (
          await a.store.run((m) =>
            m.query<{ house: string }[]>(`SELECT house FROM account WHERE id = ?`, [id]),
          )
        )[0]!.house;
      expect(await house(y!.id)).toBe('T2');
      expect(await house(x!.id)).not.toBe('T1');

      await t1.commitTransaction();
      // T1's feed row has the lower id: a cursor of "last id seen" would now skip it.
      const order = await centre.admin.query<{ entity_key: string }[]>(
        `SELECT entity_key FROM change_feed WHERE entity = 'account' AND entity_key = ANY ($1) AND op = 'upsert' ORDER BY id DESC LIMIT 2`,
        [[String(x!.id), String(y!.id)]],
      );
      expect(order.map((r) => r.entity_key)).toEqual([String(y!.id), String(x!.id)]);
      await s.syncNow();
      expect(await house(x!.id)).toBe('T1');
      expect(await house(y!.id)).toBe('T2');
    } finally {
      if (t1.isTransactionActive) await t1.rollbackTransaction();
      await t1.release();
      await s.stop();
    }
  });

  it('brings portal-side state back to the credential on the account card', async () => {
    const s = await svc(a);
    const acc = mine()[10]!;
    const { credentialId } = await issueLocally(a, {
      accountId: acc.id,
      payerCode: acc.payerCode,
      passwordHash: hash,
      at: new Date('2025-06-02T09:00:00Z'),
    });
    await s.syncNow();
    await portalRecordEvent(
      centre.admin,
      credentialId,
      'first-login',
      new Date('2025-06-02T18:00:00Z'),
    );
    await portalRecordEvent(
      centre.admin,
      credentialId,
      'password-changed',
      new Date('2025-06-02T18:01:00Z'),
    );
    await portalRecordEvent(centre.admin, credentialId, 'locked', new Date('2025-06-03T08:00:00Z'));
    await s.syncNow();
    const row = await a.store.run((m) =>
      m.query<Record<string, unknown>[]>(
        `SELECT status, must_change, portal_first_login_at, portal_password_changed_at, portal_locked FROM credential WHERE id = ?`,
        [credentialId],
      ),
    );
    expect(row[0]).toEqual({
      status: 'active',
      must_change: 0,
      portal_first_login_at: '2025-06-02T18:00:00.000Z',
      portal_password_changed_at: '2025-06-02T18:01:00.000Z',
      portal_locked: 1,
    });
    await s.stop();
  });

  it('resolves a conflict between two workstations by the rule and reports it to both', async () => {
    const sa = await svc(a, { timeZone: 'Europe/Moscow' });
    const sb = await svc(b, { timeZone: 'Europe/Moscow' });
    await sb.syncNow(); // b's replica
    const [acc1, acc2] = mine().slice(20, 22);
    // Both offline; each issues "version 1" for the same account. 10:02 and 10:03 Moscow time.
    const a1 = await issueLocally(a, {
      accountId: acc1!.id,
      payerCode: acc1!.payerCode,
      passwordHash: hash,
      at: new Date('2025-06-02T07:02:00Z'),
    });
    const b1 = await issueLocally(b, {
      accountId: acc1!.id,
      payerCode: acc1!.payerCode,
      passwordHash: hash,
      at: new Date('2025-06-02T07:03:00Z'),
    });
    // The same again for another account, arriving in the other order.
    const a2 = await issueLocally(a, {
      accountId: acc2!.id,
      payerCode: acc2!.payerCode,
      passwordHash: hash,
      at: new Date('2025-06-02T07:02:00Z'),
    });
    const b2 = await issueLocally(b, {
      accountId: acc2!.id,
      payerCode: acc2!.payerCode,
      passwordHash: hash,
      at: new Date('2025-06-02T07:03:00Z'),
    });

    // a pushes first, so for both accounts the loser's operation reaches the centre first
    // and the winner's, arriving second, displaces it. The winner-first order is the next test.
    await sa.syncNow();
    await sb.syncNow();
    await sa.syncNow();

    const central = await centre.admin.query<
      { id: string; status: string; superseded_by: string | null }[]
    >(
      `SELECT id, status, superseded_by FROM credential WHERE account_id = ANY ($1) ORDER BY issued_at`,
      [[acc1!.id, acc2!.id]],
    );
    const byId = new Map(central.map((r) => [r.id, r]));
    // The later issue wins; the earlier one is kept, superseded, pointing at the winner.
    expect(byId.get(b1.credentialId)).toMatchObject({ status: 'active', superseded_by: null });
    expect(byId.get(a1.credentialId)).toMatchObject({
      status: 'superseded',
      superseded_by: b1.credentialId,
    });
    expect(byId.get(b2.credentialId)).toMatchObject({ status: 'active' });
    expect(byId.get(a2.credentialId)).toMatchObject({
      status: 'superseded',
      superseded_by: b2.credentialId,
    });

    // The losing side: its credential is revoked with a note the account card shows.
    const local = await a.store.run((m) =>
      m.query<{ status: string; revoke_reason: string; superseded_note: string }[]>(
        `SELECT status, revoke_reason, superseded_note FROM credential WHERE id = ?`,
        [a1.credentialId],
      ),
    );
    expect(local[0]).toEqual({
      status: 'revoked',
      revoke_reason: 'superseded',
      superseded_note:
        'The sheet printed at 10:02 in office 12 was replaced by an issue at 10:03 in office 7.',
    });
    // Both sides list it and have it in their audit log, with structured data.
    const ca = await sa.listConflicts();
    const cb = await sb.listConflicts();
    expect(ca.map((c) => [c.loserCredentialId, c.side]).sort()).toEqual(
      [
        [a1.credentialId, 'lost'],
        [a2.credentialId, 'lost'],
      ].sort(),
    );
    expect(cb.map((c) => [c.loserCredentialId, c.side]).sort()).toEqual(
      [
        [a1.credentialId, 'won'],
        [a2.credentialId, 'won'],
      ].sort(),
    );
    expect(cb.find((c) => c.loserCredentialId === a1.credentialId)).toMatchObject({
      winner: { officeId: '7', issuedAt: '2025-06-02T07:03:00.000Z', kind: 'issue' },
      loser: { officeId: '12', issuedAt: '2025-06-02T07:02:00.000Z' },
    });
    for (const w of [a, b]) {
      const audits = await w.store.run((m) =>
        m.query<{ text: string; data: string }[]>(
          `SELECT text, data FROM audit_event WHERE action = 'sync.conflict'`,
        ),
      );
      expect(audits).toHaveLength(2);
      expect(audits[0]!.text).toMatch(/was replaced by an issue at 10:03 in office 7/);
      expect(JSON.parse(audits[0]!.data)).toMatchObject({
        rule: 'latest-issued-wins',
        winner: { officeId: '7' },
        loser: { officeId: '12' },
      });
      expect((await verifyAuditChain(w.store)).ok).toBe(true);
    }
    // Reported once, however often the feed is read again.
    await sa.syncNow();
    expect(await sa.listConflicts()).toHaveLength(2);
    await sa.stop();
    await sb.stop();
  });

  it('resolves the conflict by the same rule when the winner reaches the centre first', async () => {
    const sa = await svc(a, { timeZone: 'Europe/Moscow' });
    const sb = await svc(b, { timeZone: 'Europe/Moscow' });
    // No sync first: whether a's replica is loaded already (after the tests above) or not
    // (this test alone), a's next cycle pushes the loser and then pulls, through the feed or
    // as its initial load; either must tell it. pull-initial.test.ts has a fresh workstation.
    const acc = mine()[24]!;
    // Both offline: a issues at 11:02 Moscow time, b at 11:03 (b's wins by the rule).
    const loser = await issueLocally(a, {
      accountId: acc.id,
      payerCode: acc.payerCode,
      passwordHash: hash,
      at: new Date('2025-06-02T08:02:00Z'),
    });
    const winner = await issueLocally(b, {
      accountId: acc.id,
      payerCode: acc.payerCode,
      passwordHash: hash,
      at: new Date('2025-06-02T08:03:00Z'),
    });
    const centralRows = () =>
      centre.admin.query<{ id: string; status: string; superseded_by: string | null }[]>(
        `SELECT id, status, superseded_by FROM credential WHERE account_id = $1 ORDER BY issued_at`,
        [acc.id],
      );

    // The winner's operation arrives first and simply becomes the account's credential.
    await sb.syncNow();
    expect(await centralRows()).toEqual([
      { id: winner.credentialId, status: 'active', superseded_by: null },
    ]);
    // The loser's arrives second: stored, never lost, but superseded at once.
    await sa.syncNow();
    await sb.syncNow();
    expect(await centralRows()).toEqual([
      { id: loser.credentialId, status: 'superseded', superseded_by: winner.credentialId },
      { id: winner.credentialId, status: 'active', superseded_by: null },
    ]);
    const conflicts = await centre.admin.query<{ winner_id: string; rule: string }[]>(
      `SELECT winner_id, rule FROM credential_conflict WHERE loser_id = $1`,
      [loser.credentialId],
    );
    expect(conflicts).toEqual([{ winner_id: winner.credentialId, rule: 'latest-issued-wins' }]);

    // The losing side is told, with the note the account card shows; the winner keeps access.
    const text =
      'The sheet printed at 11:02 in office 12 was replaced by an issue at 11:03 in office 7.';
    const credentialOf = (w: Workstation, id: string) =>
      w.store.run((m) =>
        m.query<{ status: string; revoke_reason: string | null; superseded_note: string | null }[]>(
          `SELECT status, revoke_reason, superseded_note FROM credential WHERE id = ?`,
          [id],
        ),
      );
    expect(await credentialOf(a, loser.credentialId)).toEqual([
      { status: 'revoked', revoke_reason: 'superseded', superseded_note: text },
    ]);
    expect(await credentialOf(b, winner.credentialId)).toEqual([
      { status: 'active', revoke_reason: null, superseded_note: null },
    ]);
    // Both sides list it, each with its side, and audit it.
    const listed = async (s: SyncService) =>
      (await s.listConflicts()).filter((c) => c.loserCredentialId === loser.credentialId);
    for (const [s, side] of [
      [sa, 'lost'],
      [sb, 'won'],
    ] as const) {
      expect(await listed(s)).toEqual([
        expect.objectContaining({
          side,
          winnerCredentialId: winner.credentialId,
          accountId: acc.id,
          rule: 'latest-issued-wins',
          winner: expect.objectContaining({
            officeId: '7',
            issuedAt: '2025-06-02T08:03:00.000Z',
            kind: 'issue',
          }),
          loser: expect.objectContaining({ officeId: '12', issuedAt: '2025-06-02T08:02:00.000Z' }),
          text,
        }),
      ]);
    }
    for (const [w, side] of [
      [a, 'lost'],
      [b, 'won'],
    ] as const) {
      const audits = (
        await w.store.run((m) =>
          m.query<{ text: string; data: string }[]>(
            `SELECT text, data FROM audit_event WHERE action = 'sync.conflict'`,
          ),
        )
      ).filter((e) => e.text === text);
      expect(audits).toHaveLength(1);
      expect(JSON.parse(audits[0]!.data)).toMatchObject({
        side,
        rule: 'latest-issued-wins',
        loser: { credentialId: loser.credentialId, officeId: '12' },
        winner: { credentialId: winner.credentialId, officeId: '7' },
      });
      expect((await verifyAuditChain(w.store)).ok).toBe(true);
    }
    // Reported once, however often the feed is read again.
    await sa.syncNow();
    await sb.syncNow();
    expect(await listed(sa)).toHaveLength(1);
    expect(await listed(sb)).toHaveLength(1);
    await sa.stop();
    await sb.stop();
  });

  it('shows a change at the centre on a running workstation within a second (LISTEN/NOTIFY)', async () => {
    const s = await svc(a, { feedPollMs: 60_000 });
    s.start();
    const times: number[] = [];
    try {
      await waitFor('online', () => s.status().state === 'online');
      const acc = mine()[30]!;
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        await centre.admin.query(`UPDATE account SET flat = $2 WHERE id = $1`, [acc.id, `L${i}`]);
        await waitFor(
          'change visible',
          async () =>
            (
              await a.store.run((m) =>
                m.query<{ flat: string }[]>(`SELECT flat FROM account WHERE id = ?`, [acc.id]),
              )
            )[0]?.flat === `L${i}`,
          5_000,
          5,
        );
        times.push(performance.now() - t0);
      }
    } finally {
      await s.stop();
    }
    expect(Math.max(...times)).toBeLessThan(1_000);
  });
});
