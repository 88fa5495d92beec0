import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';

import { openLocalStore } from '../../../electron/core/db/store';
import {
  AuditEvent,
  Clerk,
  Consent,
  Counter,
  Credential,
  Outbox,
} from '../../../electron/core/db/entities';
import { verifyAuditChain } from '../../../electron/core/audit/chain';
import { openCore, type CoreOptions } from '../../../electron/core';
import { setupFirstSupervisor, signIn } from '../../../electron/core/staff/service';
import { passportFor, personOf } from '../../support/passports';
import {
  accountWithOwner,
  call,
  callFails,
  openTestCore,
  CLERK,
  SUP,
  type TestCore,
} from './harness';

let t: TestCore;
afterEach(async () => t?.close());

const require = createRequire(import.meta.url);

/** A second core on the same file with the same key, as the app after a restart. */
function reopen(t: TestCore, extra: Partial<CoreOptions> = {}) {
  return openCore({
    dataDir: t.dir,
    dbKey: t.key,
    clock: t.clock,
    logSinks: [],
    sync: { env: {} },
    ...extra,
  });
}

function filesOf(dbPath: string): Buffer[] {
  return [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]
    .filter((p) => existsSync(p))
    .map((p) => readFileSync(p));
}

async function issueFor(t: TestCore, skip = 0) {
  const { account, owner } = await accountWithOwner(t, skip);
  const visit = await call(t, 'visit.start', {
    accountId: account.accountId,
    kind: 'issue',
  });
  const passport = passportFor(owner.birthDate, t.today, '834521');
  await call(t, 'visit.check', {
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
    const issued = await call(t, 'visit.issue', {
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

  it('refuses at start-up, typed and clear, a correctly keyed file with a damaged page', async () => {
    t = await openTestCore({ accounts: 50 });
    const path = t.core.dbPath;
    // SQLCipher answers for the page size under its own name, as text.
    const [{ cipher_page_size: size }] = await t.core.ctx.store.run((m) =>
      m.query<[{ cipher_page_size: string }]>('PRAGMA cipher_page_size'),
    );
    const pageSize = Number(size);
    expect(pageSize).toBeGreaterThanOrEqual(1024);
    const [{ page_count: pages }] = await t.core.ctx.store.run((m) =>
      m.query<[{ page_count: number }]>('PRAGMA page_count'),
    );
    await t.core.close();
    // Closed: the WAL is checkpointed into the file and gone, so the file is all there is.
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(pages).toBeGreaterThan(10);
    // The undamaged file opens with its key (so what follows is the damage, not the key).
    t.core = await reopen(t);
    await t.core.close();

    // Flip 16 bytes in the middle of a page in the middle of the file (not page 1, whose
    // damage reads as a wrong key). SQLCipher pages are encrypted and authenticated, so the
    // page's HMAC no longer holds.
    const page = Math.floor(pages / 2);
    const fd = openSync(path, 'r+');
    try {
      const at = (page - 1) * pageSize + 512;
      const bytes = Buffer.alloc(16);
      expect(readSync(fd, bytes, 0, 16, at)).toBe(16);
      writeSync(
        fd,
        bytes.map((b) => b ^ 0xff),
        0,
        16,
        at,
      );
    } finally {
      closeSync(fd);
    }
    const refused = await reopen(t).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({
      code: 'INTERNAL',
      message: expect.stringMatching(/^The local database failed its integrity check/),
      details: { reason: 'DB_CORRUPT' },
    });
    // The store by itself says the same.
    await expect(openLocalStore(path, { key: t.key })).rejects.toMatchObject({
      code: 'INTERNAL',
      details: { reason: 'DB_CORRUPT' },
    });
  });

  it('refuses at start-up a file whose pages decrypt but whose content breaks the schema', async () => {
    t = await openTestCore({ accounts: 10 });
    // A NULL where the schema says NOT NULL: what quick_check finds inside valid pages.
    await t.core.ctx.store.run(async (m) => {
      await m.query('CREATE TABLE probe (a TEXT)');
      await m.query('INSERT INTO probe VALUES (NULL)');
      await m.query('PRAGMA writable_schema = ON');
      await m.query(
        "UPDATE sqlite_master SET sql = 'CREATE TABLE probe (a TEXT NOT NULL)' WHERE name = 'probe'",
      );
      await m.query('PRAGMA writable_schema = OFF');
    });
    await t.core.close();
    await expect(reopen(t)).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringMatching(/integrity check: NULL value in probe\.a/),
      details: { reason: 'DB_CORRUPT' },
    });
  });

  it('has foreign keys on, in WAL mode with synchronous=FULL', async () => {
    t = await openTestCore({ accounts: 10 });
    const pragma = (name: string) =>
      t.core.ctx.store.run((m) => m.query<Record<string, unknown>[]>(`PRAGMA ${name}`));
    expect(await pragma('foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(await pragma('journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await pragma('synchronous')).toEqual([{ synchronous: 2 }]);

    // A clerk of an office that does not exist is refused by SQLite itself.
    const at = '2026-11-25T09:00:00.000Z';
    await expect(
      t.core.ctx.store.run((m) =>
        m.query(
          `INSERT INTO clerk (id, office_id, login, full_name, role, password_hash, created_at, updated_at)
           VALUES ('orphan', 'no-such-office', 'orphan', 'Сиротин', 'clerk', 'x', ?, ?)`,
          [at, at],
        ),
      ),
    ).rejects.toThrow(/FOREIGN KEY constraint failed/);
    expect(await t.core.ctx.store.run((m) => m.countBy(Clerk, { id: 'orphan' }))).toBe(0);
    // And a row still pointing at its parent keeps the parent from being deleted.
    await expect(t.core.ctx.store.run((m) => m.query('DELETE FROM office'))).rejects.toThrow(
      /FOREIGN KEY constraint failed/,
    );
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
    const reset = await call(t, 'visit.start', {
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
    const issued = await call(t, 'visit.issue', {
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
    expect((await verifyAuditChain(t.core.ctx.store)).firstBroken).toMatchObject({
      seq: 3,
      reason: 'hash-mismatch',
    });
  });

  it('stays whole after a sign-in whose login holds a lone surrogate (refused at the boundary; the core stores what it hashes)', async () => {
    t = await openTestCore({ accounts: 10 });
    const before = await t.core.ctx.store.run((m) => m.count(AuditEvent));
    // Through the contract: refused as malformed text, nothing recorded.
    expect(await callFails(t, 'session.signIn', { login: 'iv\ud800anov', password: 'x' })).toBe(
      'BAD_INPUT',
    );
    expect(await t.core.ctx.store.run((m) => m.count(AuditEvent))).toBe(before);
    // In the core itself (a path without the schema): recorded, and still verifiable.
    await expect(signIn(t.core.ctx, 'iv\ud800anov', 'wrong')).rejects.toMatchObject({
      code: 'BAD_CREDENTIALS',
    });
    await expect(signIn(t.core.ctx, '\udfff', 'wrong')).rejects.toMatchObject({
      code: 'BAD_CREDENTIALS',
    });
    const rows = await t.core.ctx.store.run((m) =>
      m.query<{ text: string; data: string }[]>(
        `SELECT text, data FROM audit_event WHERE action = 'staff.signInFailed' ORDER BY seq`,
      ),
    );
    expect(rows[0]!.text).toBe('Wrong password for iv\ufffdanov.');
    expect(JSON.parse(rows[0]!.data)).toMatchObject({ login: 'iv\ufffdanov' });
    expect(await verifyAuditChain(t.core.ctx.store)).toMatchObject({ ok: true, firstBroken: null });
  });

  it('still verifies an entry the old code wrote with a lone surrogate, and still catches an edit of it', async () => {
    t = await withHistory();
    const store = t.core.ctx.store;
    // The old write: hashed over the text as typed (JSON.stringify escapes the surrogate),
    // stored by SQLite with U+FFFD in its place.
    const [last] = await store.run((m) =>
      m.query<{ seq: number; hash: string }[]>(
        'SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1',
      ),
    );
    const body = {
      seq: last!.seq + 1,
      id: 'legacy-entry',
      at: '2026-11-25T09:30:00.000Z',
      workstationId: t.core.ctx.workstationId,
      officeId: 'MSK-001',
      clerkId: null,
      action: 'staff.signInFailed',
      subject: null,
      text: 'Wrong password for \udc41bc.',
      data: '{"failures":1,"login":"\\udc41bc","purpose":"sign-in"}',
    };
    const oldJson = `{"action":${JSON.stringify(body.action)},"at":${JSON.stringify(body.at)},"clerkId":null,"data":${JSON.stringify(body.data)},"id":"legacy-entry","officeId":"MSK-001","seq":${body.seq},"subject":null,"text":${JSON.stringify(body.text)},"workstationId":${JSON.stringify(body.workstationId)}}`;
    expect(oldJson).toContain('\\udc41');
    const hash = createHash('sha256').update(last!.hash).update(oldJson).digest('hex');
    await store.tx((m) =>
      m.query(
        `INSERT INTO audit_event (seq, id, at, workstation_id, office_id, clerk_id, action, subject, text, data, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, NULL, ?, NULL, ?, ?, ?, ?)`,
        [
          body.seq,
          body.id,
          body.at,
          body.workstationId,
          body.officeId,
          body.action,
          body.text,
          body.data,
          last!.hash,
          hash,
        ],
      ),
    );
    const [stored] = await store.run((m) =>
      m.query<{ text: string }[]>(`SELECT text FROM audit_event WHERE id = 'legacy-entry'`),
    );
    expect(stored!.text).toBe('Wrong password for \ufffdbc.');
    expect(await verifyAuditChain(store)).toMatchObject({ ok: true, firstBroken: null });

    await store.run((m) =>
      m.query(
        `UPDATE audit_event SET text = 'Wrong password for \ufffdbd.' WHERE id = 'legacy-entry'`,
      ),
    );
    expect((await verifyAuditChain(store)).firstBroken).toMatchObject({
      seq: body.seq,
      reason: 'hash-mismatch',
    });
  });

  it("names the first of two whole rows moved to each other's place, hashes and all", async () => {
    t = await withHistory();
    type Row = { seq: number; id: string; prev_hash: string; hash: string };
    const rows = () =>
      t.core.ctx.store.run((m) =>
        m.query<Row[]>('SELECT seq, id, prev_hash, hash FROM audit_event ORDER BY seq'),
      );
    const before = await rows();
    const [e2, e3, e4] = [before[1]!, before[2]!, before[3]!];
    // Every column stays with its row; only the positions change.
    await t.core.ctx.store.tx(async (m) => {
      await m.query('UPDATE audit_event SET seq = -3 WHERE seq = 3');
      await m.query('UPDATE audit_event SET seq = 3 WHERE seq = 4');
      await m.query('UPDATE audit_event SET seq = 4 WHERE seq = -3');
    });
    const after = await rows();
    expect(after.slice(2, 4)).toEqual([
      { ...e4, seq: 3 },
      { ...e3, seq: 4 },
    ]);
    expect(after).toHaveLength(before.length);

    const verdict = await verifyAuditChain(t.core.ctx.store);
    // The entry now third was chained after the old third, not after the second.
    expect(verdict).toEqual({
      ok: false,
      checked: 2,
      headHash: e2.hash,
      firstBroken: { seq: 3, id: e4.id, reason: 'link-mismatch' },
    });
  });
});

describe('staff sign-in', () => {
  it('locks after five failures for exactly 15 minutes, across a restart, answering an unknown login alike', async () => {
    t = await openTestCore({ accounts: 10 });
    const lockedAt = t.clock.now().getTime();
    const until = new Date(lockedAt + 15 * 60_000).toISOString();
    for (const login of [CLERK.login, 'no-such-clerk']) {
      for (let i = 1; i <= 4; i++)
        expect(await callFails(t, 'session.signIn', { login, password: 'wrong-wrong' })).toBe(
          'BAD_CREDENTIALS',
        );
      expect(await callFails(t, 'session.signIn', { login, password: 'wrong-wrong' })).toBe(
        'CLERK_LOCKED_OUT',
      );
    }
    // Even the right password is refused now.
    expect(
      await callFails(t, 'session.signIn', { login: CLERK.login, password: CLERK.password }),
    ).toBe('CLERK_LOCKED_OUT');

    // Restart: a new core on the same file with the same key.
    await t.core.close();
    t.core = await reopen(t);
    const signIn = () =>
      t.core.dispatch({ trusted: true, url: 'app://access-desk/index.html' }, 'session.signIn', {
        login: CLERK.login,
        password: CLERK.password,
      });

    // One second before the 15 minutes are up: still locked, and told until when.
    t.clock.set(new Date(lockedAt + 15 * 60_000 - 1_000));
    expect(await signIn()).toMatchObject({
      ok: false,
      code: 'CLERK_LOCKED_OUT',
      details: { until },
    });
    // At 15 minutes: the lock is over.
    t.clock.set(new Date(lockedAt + 15 * 60_000));
    expect(await signIn()).toMatchObject({ ok: true, data: { clerk: { login: CLERK.login } } });
  });

  it('refuses a second first supervisor with SETUP_ALREADY_DONE and changes nothing', async () => {
    t = await openTestCore({ accounts: 10 });
    const intruder = {
      officeName: 'Чужой офис',
      login: 'zahvatov',
      fullName: 'Захватов Иван Ильич',
      password: 'Intruder-pass-1',
    };
    const clerks = () =>
      t.core.ctx.store.run(async (m) =>
        (await m.find(Clerk, { order: { login: 'ASC' } })).map((c) => [c.login, c.role]),
      );
    const before = await clerks();
    expect(before).toEqual([
      [CLERK.login, 'clerk'],
      [SUP.login, 'supervisor'],
    ]);
    const audited = await t.core.ctx.store.run((m) => m.count(AuditEvent));

    await expect(setupFirstSupervisor(t.core.ctx, intruder)).rejects.toMatchObject({
      code: 'SETUP_ALREADY_DONE',
    });
    // The first-run screen's channel is public; it must not be a way in either.
    expect(await callFails(t, 'session.setup', intruder)).toBe('SETUP_ALREADY_DONE');
    expect(t.core.session.current().clerk?.login).toBe(CLERK.login);

    expect(await clerks()).toEqual(before);
    expect(t.core.ctx.settings.get().office.name).toBe('Тестовый офис');
    expect(await t.core.ctx.store.run((m) => m.count(AuditEvent))).toBe(audited);
    expect(
      await callFails(t, 'session.signIn', { login: intruder.login, password: intruder.password }),
    ).toBe('BAD_CREDENTIALS');
  });
});
