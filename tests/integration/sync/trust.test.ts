// The centre trusts no workstation blindly (issue 11): an attacker holding one counter's
// login, with a plain PostgreSQL client, sees only that counter's districts and can apply
// nothing outside them, nothing in another office's or workstation's name, and nothing by a
// clerk who is not an active member of its office; every refusal is recorded at the centre.
// A disabled login is cut off at once. Everything here talks to a real PostgreSQL as real
// workstation logins.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../electron/core/clock';
import { setWorkstationEnabled } from '../../../electron/core/sync/central/enrol';
import { SyncService } from '../../../electron/core/sync/service';
import {
  addStaff,
  argonHash,
  type Centre,
  districtsBySize,
  FAKE_VERIFIER,
  issueLocally,
  openWorkstation,
  startCentre,
} from './harness';

type Enrolled = Awaited<ReturnType<Centre['enrol']>>;

let centre: Centre;
let dA: string; // office A's district
let dB: string; // office B's district
let loginA: Enrolled;
let loginB: Enrolled;
let attacker: pg.Client; // office A's login, in the attacker's hands
let counterB: pg.Client; // office B's login, used honestly
const WS_A = `ws-a-${randomUUID().slice(0, 8)}`;
const WS_B = `ws-b-${randomUUID().slice(0, 8)}`;

const inDistrict = (d: string): Centre['accounts'] =>
  centre.accounts.filter((a) => a.districtCode === d);

async function client(url: string, hello?: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  if (hello) await c.query(`SELECT sync_hello($1, 'test')`, [hello]);
  return c;
}

async function count(c: pg.Client | null, sql: string, params: unknown[] = []): Promise<number> {
  const res = c
    ? (await c.query<{ n: number }>(sql, params)).rows
    : await centre.admin.query<{ n: number }[]>(sql, params);
  return Number(res[0]?.n ?? 0);
}

interface Answer {
  opId: string;
  status: string;
  code?: string;
  error?: string;
}

async function apply(c: pg.Client, ops: { kind: string; payload: object }[]): Promise<Answer[]> {
  const wire = ops.map((o) => ({ opId: randomUUID(), ...o }));
  const res = await c.query<{ r: Answer[] }>(`SELECT sync_apply_batch($1::jsonb) AS r`, [
    JSON.stringify(wire),
  ]);
  return res.rows[0]!.r;
}

const T = '2025-06-02T09:00:00.000Z';
const YEAR = '2026-06-02T09:00:00.000Z';

/** A complete, plausible operation for `account`, as office/workstation/clerk name it. */
function forged(
  kind: 'consent.record' | 'credential.issue' | 'credential.revoke' | 'consent.withdraw',
  account: number,
  who: { office: string; ws: string; clerk: string },
  refs: { credentialId?: string; consentId?: string } = {},
): { kind: string; payload: object } {
  const consentId = refs.consentId ?? randomUUID();
  const common = { accountId: account, officeId: who.office, workstationId: who.ws };
  switch (kind) {
    case 'consent.record':
      return {
        kind,
        payload: {
          ...common,
          consentId,
          residentId: null,
          textVersion: 'v1',
          language: 'ru',
          subject: { name: 'forged' },
          representative: null,
          operator: { name: 'forged' },
          signedAt: T,
          recordedBy: who.clerk,
        },
      };
    case 'credential.issue':
      return {
        kind,
        payload: {
          ...common,
          credentialId: refs.credentialId ?? randomUUID(),
          login: 'forged',
          passwordHash: FAKE_VERIFIER,
          mustChange: false,
          issuedAt: T,
          expiresAt: YEAR,
          version: 1,
          replacesCredentialId: null,
          consentId,
          kind: 'issue',
          issuedBy: who.clerk,
        },
      };
    case 'credential.revoke':
      return {
        kind,
        payload: {
          ...common,
          credentialId: refs.credentialId ?? randomUUID(),
          revokedAt: T,
          reason: 'supervisor',
          revokedBy: who.clerk,
        },
      };
    case 'consent.withdraw':
      return {
        kind,
        payload: { ...common, consentId, withdrawnAt: T, withdrawnBy: who.clerk, reason: 'x' },
      };
  }
}

const asA = { office: 'A', ws: WS_A, clerk: 'clerk-a' };
const asB = { office: 'B', ws: WS_B, clerk: 'clerk-b' };

beforeAll(async () => {
  centre = await startCentre({ accounts: 400 });
  [dA, dB] = districtsBySize(centre) as [string, string];
  loginA = await centre.enrol('A', { districts: [dA] });
  loginB = await centre.enrol('B', { districts: [dB] });
  await addStaff(centre.admin, 'A', { id: 'clerk-a', login: 'ivanova', role: 'clerk' });
  await addStaff(centre.admin, 'B', { id: 'clerk-b', login: 'petrov', role: 'clerk' });
  attacker = await client(loginA.url, WS_A);
  counterB = await client(loginB.url, WS_B);
});

afterAll(async () => {
  await attacker?.end().catch(() => undefined);
  await counterB?.end().catch(() => undefined);
  await centre?.close();
});

describe('what a workstation login can read', () => {
  it('sees only its districts by direct SELECT; streets, which carry no district, it sees', async () => {
    expect(inDistrict(dA).length).toBeGreaterThan(10);
    expect(await count(attacker, `SELECT count(*)::int AS n FROM account`)).toBe(
      inDistrict(dA).length,
    );
    const districts = await attacker.query<{ d: string }>(
      `SELECT DISTINCT district_code AS d FROM account`,
    );
    expect(districts.rows).toEqual([{ d: dA }]);
    expect(
      await count(attacker, `SELECT count(*)::int AS n FROM account WHERE district_code = $1`, [
        dB,
      ]),
    ).toBe(0);
    const residentsOfA = await count(
      null,
      `SELECT count(*)::int AS n FROM resident r JOIN account a ON a.id = r.account_id WHERE a.district_code = $1`,
      [dA],
    );
    expect(residentsOfA).toBeGreaterThan(0);
    expect(await count(attacker, `SELECT count(*)::int AS n FROM resident`)).toBe(residentsOfA);
    expect((await attacker.query(`SELECT code FROM district`)).rows).toEqual([{ code: dA }]);
    expect(await count(attacker, `SELECT count(*)::int AS n FROM street`)).toBe(
      await count(null, `SELECT count(*)::int AS n FROM street`),
    );
    // The centre's own records are not a workstation's to read at all.
    for (const t of ['credential', 'consent', 'staff', 'workstation', 'security_event', 'held_op'])
      await expect(attacker.query(`SELECT 1 FROM ${t} LIMIT 1`), t).rejects.toMatchObject({
        code: '42501',
      });
  });

  it('sees only its districts through the feed', async () => {
    const [a0, b0] = [inDistrict(dA)[0]!, inDistrict(dB)[0]!];
    await centre.admin.query(`UPDATE account SET flat = flat || 'x' WHERE id = ANY ($1)`, [
      [a0.id, b0.id],
    ]);
    await centre.admin.query(`UPDATE resident SET given_name = given_name WHERE account_id = $1`, [
      b0.id,
    ]);
    expect(
      await count(null, `SELECT count(*)::int AS n FROM change_feed WHERE district_code = $1`, [
        dB,
      ]),
    ).toBeGreaterThan(0);
    const seen = await attacker.query<{ d: string | null; entity: string }>(
      `SELECT DISTINCT district_code AS d, entity FROM change_feed`,
    );
    expect(seen.rows.map((r) => r.d).filter((d) => d !== null)).toEqual(
      expect.arrayContaining([dA]),
    );
    expect(seen.rows.some((r) => r.d === dB)).toBe(false);
    // Staff changes are scoped by office: office B's never reach office A's login.
    await addStaff(centre.admin, 'B', { id: 'clerk-b2', login: 'sidorov', role: 'clerk' });
    const staffRows = async (c: pg.Client): Promise<string[]> =>
      (
        await c.query<{ o: string }>(
          `SELECT DISTINCT office_id AS o FROM change_feed WHERE entity = 'staff' ORDER BY 1`,
        )
      ).rows.map((r) => r.o);
    expect(await staffRows(attacker)).toEqual(['A']);
    expect(await staffRows(counterB)).toEqual(['B']);
    const directory = await attacker.query<{ s: { id: string } }>(
      `SELECT sync_staff_state(NULL) AS s`,
    );
    expect(directory.rows.map((r) => r.s.id)).toEqual(['clerk-a']);
  });

  it('loads only its districts: another district is refused, and the feed and load of a real workstation hold nothing else', async () => {
    await expect(
      attacker.query(`SELECT * FROM sync_initial_page($1, -1, 1000)`, [dB]),
    ).rejects.toMatchObject({ code: '42501' });
    const page = await attacker.query<{ t: number; line: string }>(
      `SELECT t, line FROM sync_initial_page($1, -1, 100000)`,
      [dA],
    );
    const accounts = page.rows.filter((r) => r.t === 0).map((r) => r.line.split('\u001f')[2]);
    expect(new Set(accounts)).toEqual(new Set([dA]));
    expect(accounts).toHaveLength(inDistrict(dA).length);

    // A full workstation enrolled for dA, whose own setting asks for dA and dB: it cannot widen.
    const ws = await openWorkstation('A', 'scoped');
    try {
      const cfg = (await centre.enrol('A', { districts: [dA] })).cfg;
      const svc = new SyncService(ws.store, fixedClock(T), ws.log, {
        central: cfg,
        workstationId: ws.id,
        officeId: 'A',
        districts: [dA, dB],
      });
      expect(await svc.syncNow()).toMatchObject({
        state: 'online',
        lastError: null,
        enrolment: { mode: 'enrolled', officeId: 'A', districts: [dA] },
      });
      const held = await ws.store.run((m) =>
        m.query<{ d: string; n: number }[]>(
          `SELECT district_code AS d, count(*) AS n FROM account GROUP BY 1`,
        ),
      );
      expect(held).toEqual([{ d: dA, n: inDistrict(dA).length }]);
      // A change in dB at the centre never arrives; one in dA does.
      const [a1, b1] = [inDistrict(dA)[1]!, inDistrict(dB)[1]!];
      await centre.admin.query(`UPDATE account SET house = '99' WHERE id = ANY ($1)`, [
        [a1.id, b1.id],
      ]);
      await svc.syncNow();
      const houses = await ws.store.run((m) =>
        m.query<{ id: number; house: string }[]>(
          `SELECT id, house FROM account WHERE id IN (?, ?)`,
          [a1.id, b1.id],
        ),
      );
      expect(houses).toEqual([{ id: a1.id, house: '99' }]);
      // The office's staff directory came with it: office A's clerk, not office B's.
      const clerks = await ws.store.run((m) =>
        m.query<{ id: string }[]>(`SELECT id FROM clerk ORDER BY id`),
      );
      expect(clerks.map((c) => c.id)).toEqual(['clerk-A', 'clerk-a']);
      await svc.stop();
    } finally {
      await ws.close();
    }
  });

  it('gets no credential state for another district’s credentials', async () => {
    const b2 = inDistrict(dB)[2]!;
    const credentialId = randomUUID();
    const ops = [
      forged('consent.record', b2.id, asB),
      forged('credential.issue', b2.id, asB, { credentialId }),
    ];
    expect((await apply(counterB, ops)).map((o) => o.status)).toEqual(['applied', 'applied']);
    expect(
      (
        await counterB.query(`SELECT entity FROM sync_credential_state($1::text[])`, [
          [credentialId],
        ])
      ).rows,
    ).toEqual([{ entity: 'credential' }]);
    expect(
      (
        await attacker.query(`SELECT entity FROM sync_credential_state($1::text[])`, [
          [credentialId],
        ])
      ).rows,
    ).toEqual([]);
  });

  it('gives a login that is not enrolled nothing at all, and records that it tried', async () => {
    const name = `ws_rogue_${randomUUID().slice(0, 6)}`;
    await centre.admin.query(
      `CREATE ROLE ${name} LOGIN PASSWORD 'rogue-password' IN ROLE access_desk_workstation`,
    );
    const rogue = await client(centre.pg.url('access_desk', name, 'rogue-password'));
    try {
      const hello = await rogue.query<{ h: { mode: string } }>(`SELECT sync_hello('x', null) AS h`);
      expect(hello.rows[0]!.h.mode).toBe('unknown');
      for (const t of ['account', 'resident', 'district', 'street', 'change_feed'])
        expect(await count(rogue, `SELECT count(*)::int AS n FROM ${t}`), t).toBe(0);
      await expect(
        apply(rogue, [forged('consent.record', inDistrict(dA)[0]!.id, asA)]),
      ).rejects.toMatchObject({ code: '42501' });
      expect(
        await count(
          null,
          `SELECT count(*)::int AS n FROM security_event WHERE login = $1 AND kind = 'unknown-login'`,
          [name],
        ),
      ).toBe(1);
    } finally {
      await rogue.end();
    }
  });
});

describe('what a workstation login can apply', () => {
  it('refuses forged issue, revoke, consent and withdrawal operations for an account outside its districts, and records each', async () => {
    const victim = inDistrict(dB)[5]!;
    const kinds = [
      'consent.record',
      'credential.issue',
      'credential.revoke',
      'consent.withdraw',
    ] as const;
    const before = await count(null, `SELECT count(*)::int AS n FROM security_event`);
    const answers = await apply(
      attacker,
      kinds.map((k) => forged(k, victim.id, asA)),
    );
    expect(answers.map((a) => [a.status, a.code])).toEqual(
      kinds.map(() => ['refused', 'OUT_OF_SCOPE']),
    );
    expect(
      await count(null, `SELECT count(*)::int AS n FROM consent WHERE account_id = $1`, [
        victim.id,
      ]),
    ).toBe(0);
    expect(
      await count(null, `SELECT count(*)::int AS n FROM credential WHERE account_id = $1`, [
        victim.id,
      ]),
    ).toBe(0);
    expect(
      await count(null, `SELECT count(*)::int AS n FROM applied_op WHERE op_id = ANY ($1)`, [
        answers.map((a) => a.opId),
      ]),
    ).toBe(0);
    const events = await centre.admin.query<
      {
        kind: string;
        code: string;
        login: string;
        workstation_id: string;
        office_id: string;
        op_kind: string;
        account_id: string;
      }[]
    >(
      `SELECT kind, code, login, workstation_id, office_id, op_kind, account_id FROM security_event WHERE id > (SELECT max(id) - 4 FROM security_event) ORDER BY id`,
    );
    expect(await count(null, `SELECT count(*)::int AS n FROM security_event`)).toBe(before + 4);
    expect(events).toEqual(
      kinds.map((k) => ({
        kind: 'refused',
        code: 'OUT_OF_SCOPE',
        login: loginA.login,
        workstation_id: WS_A,
        office_id: 'A',
        op_kind: k,
        account_id: String(victim.id),
      })),
    );
    expect(
      await count(
        null,
        `SELECT count(*)::int AS n FROM rejected_op WHERE op_id = ANY ($1) AND error_code = 'OUT_OF_SCOPE' AND login = $2`,
        [answers.map((a) => a.opId), loginA.login],
      ),
    ).toBe(4);
  });

  it('refuses an in-scope account naming another account’s credential or consent', async () => {
    const [mine, theirs] = [inDistrict(dA)[3]!, inDistrict(dB)[3]!];
    const credentialId = randomUUID();
    const consentId = randomUUID();
    expect(
      (
        await apply(counterB, [
          forged('consent.record', theirs.id, asB, { consentId }),
          forged('credential.issue', theirs.id, asB, { credentialId, consentId }),
        ])
      ).map((a) => a.status),
    ).toEqual(['applied', 'applied']);
    const answers = await apply(attacker, [
      forged('credential.revoke', mine.id, asA, { credentialId }),
      forged('consent.withdraw', mine.id, asA, { consentId }),
      {
        ...forged('credential.issue', mine.id, asA),
        payload: {
          ...forged('credential.issue', mine.id, asA).payload,
          replacesCredentialId: credentialId,
        },
      },
    ]);
    expect(answers.map((a) => [a.status, a.code])).toEqual([
      ['refused', 'OUT_OF_SCOPE'],
      ['refused', 'OUT_OF_SCOPE'],
      ['refused', 'OUT_OF_SCOPE'],
    ]);
    const [cred] = await centre.admin.query<{ status: string }[]>(
      `SELECT status FROM credential WHERE id = $1`,
      [credentialId],
    );
    expect(cred).toEqual({ status: 'active' });
    const [consent] = await centre.admin.query<{ withdrawn_at: Date | null }[]>(
      `SELECT withdrawn_at FROM consent WHERE id = $1`,
      [consentId],
    );
    expect(consent).toEqual({ withdrawn_at: null });
  });

  it('refuses a payload that names another office or workstation, and stores the authenticated ones', async () => {
    const acc = inDistrict(dA)[6]!;
    const answers = await apply(attacker, [
      forged('consent.record', acc.id, { ...asA, office: 'B' }),
      forged('consent.record', acc.id, { ...asA, ws: WS_B }),
      forged('consent.record', acc.id, { ...asA, ws: 'ws-that-does-not-exist' }),
    ]);
    expect(answers.map((a) => [a.status, a.code])).toEqual([
      ['refused', 'OFFICE_MISMATCH'],
      ['refused', 'WORKSTATION_MISMATCH'],
      ['refused', 'WORKSTATION_MISMATCH'],
    ]);
    // Its own audit chain only: another workstation's is refused and recorded.
    const audit = await attacker.query<{ r: { refused?: string } }>(
      `SELECT sync_append_audit($1, '[]'::jsonb) AS r`,
      [WS_B],
    );
    expect(audit.rows[0]!.r).toEqual({ refused: 'WORKSTATION_MISMATCH' });
    expect(
      await count(
        null,
        `SELECT count(*)::int AS n FROM security_event WHERE login = $1 AND op_kind = 'audit'`,
        [loginA.login],
      ),
    ).toBe(1);

    // An honest operation: what the centre stores is who authenticated.
    const credentialId = randomUUID();
    const ok = await apply(attacker, [
      forged('consent.record', acc.id, asA),
      forged('credential.issue', acc.id, asA, { credentialId }),
    ]);
    expect(ok.map((a) => a.status)).toEqual(['applied', 'applied']);
    const [row] = await centre.admin.query<{ office_id: string; workstation_id: string }[]>(
      `SELECT office_id, workstation_id FROM credential WHERE id = $1`,
      [credentialId],
    );
    expect(row).toEqual({ office_id: 'A', workstation_id: WS_A });
    const claims = await centre.admin.query<
      { login: string; workstation_id: string; office_id: string; clerk_id: string }[]
    >(`SELECT login, workstation_id, office_id, clerk_id FROM applied_op WHERE op_id = $1`, [
      ok[1]!.opId,
    ]);
    expect(claims).toEqual([
      { login: loginA.login, workstation_id: WS_A, office_id: 'A', clerk_id: 'clerk-a' },
    ]);
    // A replay of another workstation's operation id is not a way to read its result.
    const stolen = await counterB.query<{ r: Answer }>(
      `SELECT sync_apply_op($1, 'consent.record', $2::jsonb) AS r`,
      [ok[0]!.opId, JSON.stringify(forged('consent.record', inDistrict(dB)[7]!.id, asB).payload)],
    );
    expect(stolen.rows[0]!.r).toMatchObject({ status: 'refused', code: 'WORKSTATION_MISMATCH' });
  });

  it('refuses a clerk of office A acting through a workstation of office B, and a disabled clerk', async () => {
    const acc = inDistrict(dB)[8]!;
    await addStaff(centre.admin, 'B', { id: 'clerk-b-gone', login: 'gone', role: 'clerk' });
    await centre.admin.query(`UPDATE staff SET disabled_at = now() WHERE id = 'clerk-b-gone'`);
    const answers = await apply(counterB, [
      forged('consent.record', acc.id, { ...asB, clerk: 'clerk-a' }),
      forged('credential.issue', acc.id, { ...asB, clerk: 'clerk-a' }),
      forged('consent.record', acc.id, { ...asB, clerk: 'clerk-b-gone' }),
      forged('consent.record', acc.id, { ...asB, clerk: 'nobody' }),
    ]);
    expect(answers.map((a) => [a.status, a.code])).toEqual(
      answers.map(() => ['refused', 'CLERK_NOT_IN_OFFICE']),
    );
    expect(
      await count(null, `SELECT count(*)::int AS n FROM consent WHERE account_id = $1`, [acc.id]),
    ).toBe(0);
  });

  it('refuses staff changes by someone who is not a supervisor of the office', async () => {
    const staffOp = (payload: object) => ({
      kind: 'staff.create',
      payload: {
        clerkId: randomUUID(),
        login: `x${randomUUID().slice(0, 6)}`,
        fullName: 'X',
        role: 'supervisor',
        passwordHash: FAKE_VERIFIER,
        mustChange: false,
        createdAt: T,
        by: 'clerk-a',
        officeId: 'A',
        workstationId: WS_A,
        ...payload,
      },
    });
    const self = randomUUID();
    const answers = await apply(attacker, [
      staffOp({}), // a clerk creating a supervisor
      staffOp({ clerkId: self, by: self }), // "founding" an office that has staff already
      {
        kind: 'staff.update',
        payload: {
          clerkId: 'clerk-a',
          role: 'supervisor',
          at: T,
          by: 'clerk-a',
          officeId: 'A',
          workstationId: WS_A,
        },
      },
      {
        kind: 'staff.password',
        payload: {
          clerkId: 'clerk-b',
          passwordHash: FAKE_VERIFIER,
          mustChange: false,
          at: T,
          by: 'clerk-a',
          officeId: 'A',
          workstationId: WS_A,
        },
      },
    ]);
    expect(answers.map((a) => [a.status, a.code])).toEqual([
      ['refused', 'NOT_A_SUPERVISOR'],
      ['refused', 'NOT_A_SUPERVISOR'],
      ['refused', 'NOT_A_SUPERVISOR'],
      ['refused', 'CLERK_NOT_IN_OFFICE'],
    ]);
    const [role] = await centre.admin.query<{ role: string }[]>(
      `SELECT role FROM staff WHERE id = 'clerk-a'`,
    );
    expect(role).toEqual({ role: 'clerk' });
  });

  it('shows a refusal in the workstation’s dead-letter list with the centre’s code', async () => {
    const ws = await openWorkstation('A', 'dead');
    try {
      const cfg = await centre.connect(ws, { districts: [dA] });
      const victim = inDistrict(dB)[9]!;
      await issueLocally(ws, {
        accountId: victim.id,
        payerCode: victim.payerCode,
        passwordHash: await argonHash('k7m4q-x9t2w'),
        at: new Date(T),
      });
      const svc = new SyncService(ws.store, fixedClock(T), ws.log, {
        central: cfg,
        workstationId: ws.id,
        officeId: 'A',
        districts: [],
      });
      expect(await svc.syncNow()).toMatchObject({ state: 'online', pending: 0, dead: 2 });
      const dead = await svc.listDead();
      expect(dead.map((d) => d.kind)).toEqual(['consent.record', 'credential.issue']);
      for (const d of dead)
        expect(d.lastError).toMatch(/^OUT_OF_SCOPE: account \d+ is not in the districts/);
      await svc.stop();
    } finally {
      await ws.close();
    }
  });
});

describe('a disabled login', () => {
  it('is cut off mid-session, cannot reconnect, and applies nothing; enabled again, it can', async () => {
    const e = await centre.enrol('A', { districts: [dA] });
    const ws = `ws-cut-${randomUUID().slice(0, 6)}`;
    const c = await client(e.url, ws);
    const lost = new Promise<Error>((resolve) => c.on('error', resolve));
    expect(await count(c, `SELECT count(*)::int AS n FROM account`)).toBe(inDistrict(dA).length);
    const r = await setWorkstationEnabled(centre.admin, e.login, false);
    expect(r.terminated).toBe(1);
    await expect(c.query(`SELECT 1`)).rejects.toThrow();
    // The server ended the session (the client sees a reset or a termination notice).
    expect(await lost).toBeInstanceOf(Error);
    await expect(client(e.url)).rejects.toMatchObject({ code: '28000' });
    expect(
      await count(
        null,
        `SELECT count(*)::int AS n FROM security_event WHERE login = $1 AND kind = 'disabled'`,
        [e.login],
      ),
    ).toBe(1);

    await setWorkstationEnabled(centre.admin, e.login, true);
    const again = await client(e.url, ws);
    expect(await count(again, `SELECT count(*)::int AS n FROM account`)).toBe(
      inDistrict(dA).length,
    );
    await again.end();
  });

  it('is refused the hello by another installation, which is recorded', async () => {
    const thief = await client(loginA.url);
    try {
      const h = await thief.query<{ h: { mode: string } }>(
        `SELECT sync_hello('another-install', null) AS h`,
      );
      expect(h.rows[0]!.h.mode).toBe('conflict');
      expect(
        await count(
          null,
          `SELECT count(*)::int AS n FROM security_event WHERE login = $1 AND kind = 'login-reused'`,
          [loginA.login],
        ),
      ).toBe(1);
    } finally {
      await thief.end();
    }
  });
});
