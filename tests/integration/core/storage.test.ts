import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckResult, Issued, VisitState } from '../../../shared/schemas/visit';
import { openLocalStore } from '../../../electron/core/db/store';
import {
  AuditEvent,
  Consent,
  Counter,
  Credential,
  Outbox,
} from '../../../electron/core/db/entities';
import { verifyAuditChain } from '../../../electron/core/audit/chain';
import { openCore } from '../../../electron/core';
import { passportFor, personOf } from '../../support/passports';
import { accountWithOwner, call, callFails, openTestCore, CLERK, type TestCore } from './harness';

let t: TestCore;
afterEach(async () => t?.close());

const require = createRequire(import.meta.url);

function filesOf(dbPath: string): Buffer[] {
  return [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]
    .filter((p) => existsSync(p))
    .map((p) => readFileSync(p));
}

async function issueFor(t: TestCore, skip = 0) {
  const { account, owner } = await accountWithOwner(t, skip);
  const visit = await call<VisitState>(t, 'visit.start', {
    accountId: account.accountId,
    kind: 'issue',
  });
  const passport = passportFor(owner.birthDate, t.today, '834521');
  await call<CheckResult>(t, 'visit.check', {
    visitId: visit.visitId,
    residentId: owner.id,
    person: personOf(owner),
    passport,
    source: 'typed',
  });
  return { account, owner, visit, passport };
}

describe('the encrypted store', () => {
  it('holds no seeded surname, passport number or issued password in plain bytes (db, wal, shm)', async () => {
    t = await openTestCore({ accounts: 400 });
    const { owner, visit, passport } = await issueFor(t);
    const issued = await call<Issued>(t, 'visit.issue', {
      visitId: visit.visitId,
      consentSigned: true,
      representative: null,
    });
    const needles = [
      owner.surname,
      `${passport.series}${passport.number}`,
      passport.number,
      issued.password,
      CLERK.fullName.split(' ')[0]!,
    ]
      .filter((n) => n.length >= 6 || /[^ -~]/.test(n))
      .map((n) => Buffer.from(n, 'utf8'));
    const check = () => {
      const files = filesOf(t.core.dbPath);
      expect(files.length).toBeGreaterThanOrEqual(2); // the db and its WAL, mid-session
      for (const file of files)
        for (const needle of needles) expect(file.includes(needle), needle.toString()).toBe(false);
    };
    check();
    await t.core.ctx.store.run((m) => m.query('PRAGMA wal_checkpoint(TRUNCATE)'));
    check();
    // The plaintext passes the same test for the logs the core wrote.
    expect(JSON.stringify(t.logs.records)).not.toContain(issued.password);
  });

  it('cannot be opened without its key', async () => {
    t = await openTestCore({ accounts: 50 });
    const path = t.core.dbPath;
    await expect(openLocalStore(path, { key: randomBytes(32) })).rejects.toMatchObject({
      code: 'INTERNAL',
      details: { reason: 'DB_KEY_OR_CORRUPT' },
    });
    // And plain SQLite, no key at all, sees noise.
    const sqlite3 = require('@journeyapps/sqlcipher') as {
      Database: new (p: string) => {
        all(sql: string, cb: (e: Error | null) => void): void;
        close(): void;
      };
    };
    const db = new sqlite3.Database(path);
    const err = await new Promise<Error | null>((resolve) =>
      db.all('SELECT name FROM sqlite_master', resolve),
    );
    db.close();
    expect(err?.message).toMatch(/not a database/);
  });
});

describe('one transaction per visit step', () => {
  // Real failures at each step of the issue transaction, raised by SQLite itself.
  const injections: [string, string][] = [
    ['consent insert', 'BEFORE INSERT ON consent'],
    ['revocation of the old credential', 'BEFORE UPDATE ON credential'],
    ['credential insert', 'BEFORE INSERT ON credential'],
    ['sheet serial', 'BEFORE UPDATE ON counter'],
    ['outbox', 'BEFORE INSERT ON outbox'],
    ['audit entry', 'BEFORE INSERT ON audit_event'],
  ];

  it.each(injections)('a failure at the %s leaves no partial rows', async (_name, when) => {
    t = await openTestCore({ accounts: 120 });
    // A first credential and a spent serial, so a reset revokes and the counter updates.
    const first = await issueFor(t);
    await call(t, 'visit.issue', {
      visitId: first.visit.visitId,
      consentSigned: true,
      representative: null,
    });
    await call(t, 'visit.close', { visitId: first.visit.visitId });
    const reset = await call<VisitState>(t, 'visit.start', {
      accountId: first.account.accountId,
      kind: 'reset',
    });
    await call(t, 'visit.check', {
      visitId: reset.visitId,
      residentId: first.owner.id,
      person: personOf(first.owner),
      passport: first.passport,
      source: 'typed',
    });
    // With the old consent marked withdrawn, this reset must also record a new consent: the
    // transaction then touches every table it can.
    await t.core.ctx.store.run((m) =>
      m.query('UPDATE consent SET withdrawn_at = ? WHERE account_id = ?', [
        '2026-11-25T08:00:00.000Z',
        first.account.accountId,
      ]),
    );

    const snapshot = () =>
      t.core.ctx.store.run(async (m) => ({
        consents: await m.count(Consent),
        credentials: await m.find(Credential, { order: { version: 'ASC' } }),
        outbox: await m.count(Outbox),
        audit: await m.count(AuditEvent),
        counters: await m.find(Counter),
      }));
    const before = await snapshot();
    await t.core.ctx.store.run((m) =>
      m.query(`CREATE TRIGGER inject ${when} BEGIN SELECT RAISE(ABORT, 'injected failure'); END`),
    );
    expect(
      await callFails(t, 'visit.issue', {
        visitId: reset.visitId,
        consentSigned: true,
        representative: null,
      }),
    ).toBe('INTERNAL');
    expect(await snapshot()).toEqual(before);
    expect(t.core.visits.secrets.password(reset.visitId)).toBeNull();

    await t.core.ctx.store.run((m) => m.query('DROP TRIGGER inject'));
    const issued = await call<Issued>(t, 'visit.issue', {
      visitId: reset.visitId,
      consentSigned: true,
      representative: null,
    });
    const after = await snapshot();
    expect(after.credentials.map((c) => c.status)).toEqual(['revoked', 'active']);
    expect(after.consents).toBe(before.consents + 1);
    expect(issued.password).toBeTruthy();
  });
});

describe('the audit chain', () => {
  async function withHistory(): Promise<TestCore> {
    const tc = await openTestCore({ accounts: 60 });
    const v = await issueFor(tc);
    await call(tc, 'visit.issue', {
      visitId: v.visit.visitId,
      consentSigned: true,
      representative: null,
    });
    await call(tc, 'visit.close', { visitId: v.visit.visitId });
    return tc;
  }

  it('verifies an untouched log', async () => {
    t = await withHistory();
    const verdict = await verifyAuditChain(t.core.ctx.store);
    expect(verdict).toMatchObject({ ok: true, firstBroken: null });
    expect(verdict.checked).toBeGreaterThanOrEqual(7);
  });

  it('names the first entry that was edited', async () => {
    t = await withHistory();
    await t.core.ctx.store.run((m) =>
      m.query("UPDATE audit_event SET text = 'nothing happened' WHERE seq = 5"),
    );
    expect((await verifyAuditChain(t.core.ctx.store)).firstBroken).toMatchObject({
      seq: 5,
      reason: 'hash-mismatch',
    });
  });

  it('names the place of a deleted entry', async () => {
    t = await withHistory();
    await t.core.ctx.store.run((m) => m.query('DELETE FROM audit_event WHERE seq = 4'));
    expect((await verifyAuditChain(t.core.ctx.store)).firstBroken).toMatchObject({
      seq: 5,
      reason: 'sequence-gap',
    });
  });

  it('names the first of two entries swapped in place', async () => {
    t = await withHistory();
    await t.core.ctx.store.run(async (m) => {
      const rows = await m.query<Record<string, unknown>[]>(
        'SELECT seq, id, at, action, text, data, clerk_id FROM audit_event WHERE seq IN (3, 4) ORDER BY seq',
      );
      const [a, b] = rows as [Record<string, unknown>, Record<string, unknown>];
      for (const [seq, r] of [
        [3, b],
        [4, a],
      ] as const) {
        await m.query(
          'UPDATE audit_event SET id = ?, at = ?, action = ?, text = ?, data = ?, clerk_id = ? WHERE seq = ?',
          [`${String(r.id)}-x`, r.at, r.action, r.text, r.data, r.clerk_id, seq],
        );
      }
    });
    expect((await verifyAuditChain(t.core.ctx.store)).firstBroken).toMatchObject({ seq: 3 });
  });
});

describe('staff sign-in', () => {
  it('locks after five failures for 15 minutes, across a restart, answering an unknown login alike', async () => {
    t = await openTestCore({ accounts: 10 });
    for (const login of [CLERK.login, 'no-such-clerk']) {
      for (let i = 1; i <= 4; i++)
        expect(await callFails(t, 'session.signIn', { login, password: 'wrong-wrong' })).toBe(
          'BAD_CREDENTIALS',
        );
      expect(await callFails(t, 'session.signIn', { login, password: 'wrong-wrong' })).toBe(
        'CLERK_LOCKED_OUT',
      );
    }
    // Restart: a new core on the same file.
    const { dir, key, clock } = t;
    await t.core.close();
    const again = await openCore({ dataDir: dir, dbKey: key, clock, logSinks: [] });
    t.core = again;
    expect(
      await callFails(t, 'session.signIn', { login: CLERK.login, password: CLERK.password }),
    ).toBe('CLERK_LOCKED_OUT');
    clock.advance(15 * 60_000 + 1);
    expect(
      await call(t, 'session.signIn', { login: CLERK.login, password: CLERK.password }),
    ).toMatchObject({ clerk: { login: CLERK.login } });
  });
});
