import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verify } from '@node-rs/argon2';
import { afterEach, describe, expect, it } from 'vitest';

import {
  AuditEvent,
  Consent,
  Credential,
  Outbox,
  PassportCheck,
} from '../../../electron/core/db/entities';
import { importPassportList } from '../../../electron/core/passport-list';
import { passportFor, personOf } from '../../support/passports';
import {
  accountWithOwner,
  accountWithRegistered,
  call,
  callFails,
  openTestCore,
  SUP,
  CLERK,
  type TestCore,
} from './harness';

let t: TestCore;
afterEach(async () => t?.close());

async function checkedVisit(t: TestCore, kind: 'issue' | 'reset' = 'issue', skip = 0) {
  const { account, owner } = await accountWithOwner(t, skip);
  const visit = await call(t, 'visit.start', { accountId: account.accountId, kind });
  const passport = passportFor(owner.birthDate, t.today, '834521');
  const check = await call(t, 'visit.check', {
    visitId: visit.visitId,
    residentId: owner.id,
    person: personOf(owner),
    passport,
    source: 'typed',
  });
  return { account, owner, visit, passport, check };
}

const count = (
  t: TestCore,
  entity: Parameters<TestCore['core']['ctx']['store']['dataSource']['manager']['count']>[0],
) => t.core.ctx.store.run((m) => m.count(entity));

describe('an issue visit', () => {
  it('commits consent, credential, audit and outbox together; only the hash is kept', async () => {
    t = await openTestCore();
    const { account, check, visit } = await checkedVisit(t);
    expect(check).toMatchObject({ ok: true, findings: [] });
    const issued = await call(t, 'visit.issue', {
      visitId: visit.visitId,
      consentSigned: true,
      representative: null,
    });
    expect(issued.login).toBe(account.payerCode);
    expect(issued.password).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);

    const cred = await t.core.ctx.store.run((m) =>
      m.findOneByOrFail(Credential, { id: issued.credentialId }),
    );
    expect(cred).toMatchObject({
      status: 'active',
      mustChange: true,
      version: 1,
      login: account.payerCode,
    });
    expect(cred.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verify(cred.passwordHash, issued.password)).toBe(true);

    // The visit's operations (the staff set-up sent its own before).
    const ops = (
      await t.core.ctx.store.run((m) => m.find(Outbox, { order: { seq: 'ASC' } }))
    ).filter((o) => !o.kind.startsWith('staff.'));
    expect(ops.map((o) => o.kind)).toEqual(['consent.record', 'credential.issue']);
    expect(JSON.stringify(ops)).not.toContain(issued.password);
    const consent = await t.core.ctx.store.run((m) =>
      m.findOneByOrFail(Consent, { id: cred.consentId }),
    );
    expect(consent.textVersion).toMatch(/^v\d+/);
    // The subject's whole address: the city the registry does not repeat, then the line.
    expect(JSON.parse(consent.subject)).toMatchObject({
      address: `г. Москва, ${account.address.line}`,
    });

    const audit = await t.core.ctx.store.run((m) => m.find(AuditEvent, { order: { seq: 'ASC' } }));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'visit.start',
        'passport.check',
        'consent.record',
        'credential.issue',
      ]),
    );
    expect(JSON.stringify(audit)).not.toContain(issued.password);
    expect(JSON.stringify(audit)).not.toContain('834521');
    expect(JSON.stringify(t.logs.records)).not.toContain(issued.password);

    const state = await call(t, 'visit.state', { visitId: visit.visitId });
    expect(state.issued).toMatchObject({
      credentialId: cred.id,
      reprintable: true,
      sheetSerial: cred.sheetSerial,
    });
    expect(JSON.stringify(state)).not.toContain(issued.password);
  });

  it('refuses a second issue while access works, and offers nothing half-done', async () => {
    t = await openTestCore();
    const { account, visit } = await checkedVisit(t);
    await call(t, 'visit.issue', {
      visitId: visit.visitId,
      consentSigned: true,
      representative: null,
    });
    expect(await callFails(t, 'visit.start', { accountId: account.accountId, kind: 'issue' })).toBe(
      'ACTIVE_CREDENTIAL_EXISTS',
    );
    expect(
      await callFails(t, 'visit.issue', {
        visitId: visit.visitId,
        consentSigned: true,
        representative: null,
      }),
    ).toBe('VISIT_STEP_ORDER');
  });

  it('needs the signed consent', async () => {
    t = await openTestCore();
    const { visit } = await checkedVisit(t);
    expect(
      await callFails(t, 'visit.issue', {
        visitId: visit.visitId,
        consentSigned: false,
        representative: null,
      }),
    ).toBe('CONSENT_REQUIRED');
    expect(await count(t, Credential)).toBe(0);
  });

  it('stops on a passport error, and on a passport that matches no resident', async () => {
    t = await openTestCore();
    const { account, owner } = await accountWithOwner(t);
    expect(Number(t.today.slice(0, 4)) - Number(owner.birthDate.slice(0, 4))).toBeGreaterThan(21);
    const visit = await call(t, 'visit.start', {
      accountId: account.accountId,
      kind: 'issue',
    });
    // Issued at 15 and never replaced at 20: invalid (EXPIRED_AT_20).
    const at15 = `${Number(owner.birthDate.slice(0, 4)) + 15}${owner.birthDate.slice(4)}`.replace(
      '-02-29',
      '-03-01',
    );
    const expired = {
      ...passportFor(owner.birthDate, t.today),
      issueDate: at15,
      series: `45${at15.slice(2, 4)}`,
    };
    const bad = await call(t, 'visit.check', {
      visitId: visit.visitId,
      residentId: owner.id,
      person: personOf(owner),
      passport: expired,
      source: 'typed',
    });
    expect(bad.ok).toBe(false);
    expect(bad.findings.map((f) => f.code)).toContain('EXPIRED_AT_20');
    expect(
      await callFails(t, 'visit.issue', {
        visitId: visit.visitId,
        consentSigned: true,
        representative: null,
      }),
    ).toBe('PASSPORT_INVALID');
    const stranger = { ...personOf(owner), surname: 'Неизвестнов' };
    const mismatch = await call(t, 'visit.check', {
      visitId: visit.visitId,
      residentId: null,
      person: stranger,
      passport: passportFor(owner.birthDate, t.today),
      source: 'typed',
    });
    // Matched against all residents: the part that differs from the closest is named.
    expect(mismatch).toMatchObject({ ok: false, residentId: null, mismatch: ['surname'] });
    // The picked resident, with a slip in the patronymic: that part is named, and the visit's
    // state (the screen after a reload) says the same.
    const slip = await call(t, 'visit.check', {
      visitId: visit.visitId,
      residentId: owner.id,
      person: { ...personOf(owner), patronymic: `${owner.patronymic}а` },
      passport: passportFor(owner.birthDate, t.today),
      source: 'typed',
    });
    expect(slip).toMatchObject({ ok: false, residentId: null, mismatch: ['patronymic'] });
    expect((await call(t, 'visit.state', { visitId: visit.visitId })).check).toEqual(slip);
    // Someone else altogether: nothing is named, so nothing about the residents is told.
    const other = await call(t, 'visit.check', {
      visitId: visit.visitId,
      residentId: null,
      person: {
        surname: 'Неизвестнов',
        givenName: 'Аристарх',
        patronymic: 'Захарович',
        birthDate: '1931-01-01',
      },
      passport: passportFor('1931-01-01', t.today),
      source: 'typed',
    });
    expect(other).toMatchObject({ ok: false, residentId: null, mismatch: null });
    expect(
      await callFails(t, 'visit.issue', {
        visitId: visit.visitId,
        consentSigned: true,
        representative: null,
      }),
    ).toBe('IDENTITY_MISMATCH');
  });

  it('matches names case-insensitively with ё as е and folded hyphens', async () => {
    t = await openTestCore();
    const { account, owner } = await accountWithOwner(t);
    const visit = await call(t, 'visit.start', {
      accountId: account.accountId,
      kind: 'issue',
    });
    const typed = {
      ...personOf(owner),
      surname: owner.surname.toUpperCase().replace(/Е/g, 'Ё').replace(/-/g, ' '),
    };
    const check = await call(t, 'visit.check', {
      visitId: visit.visitId,
      residentId: null,
      person: typed,
      passport: passportFor(owner.birthDate, t.today),
      source: 'typed',
    });
    expect(check).toMatchObject({ ok: true, residentId: owner.id });
  });

  it('refuses a listed passport; with no list at all, asks for a supervisor', async () => {
    t = await openTestCore({ invalid: ['4525834521'] });
    const { owner, account } = await accountWithOwner(t);
    const visit = await call(t, 'visit.start', {
      accountId: account.accountId,
      kind: 'issue',
    });
    const passport = { ...passportFor(owner.birthDate, t.today, '834521'), series: '4525' };
    const listed = await call(t, 'visit.check', {
      visitId: visit.visitId,
      residentId: owner.id,
      person: personOf(owner),
      passport,
      source: 'typed',
    });
    expect(listed.findings.map((f) => f.code)).toContain('INVALID_PASSPORT_LIST');
    expect(listed.ok).toBe(false);
    await t.close();

    t = await openTestCore({ invalid: null });
    const again = await checkedVisit(t);
    expect(again.check.findings).toEqual([{ code: 'PASSPORT_LIST_MISSING', severity: 'warning' }]);
    expect(
      await callFails(t, 'visit.issue', {
        visitId: again.visit.visitId,
        consentSigned: true,
        representative: null,
      }),
    ).toBe('APPROVAL_REQUIRED');
  });

  it('lets only a supervisor approve a warning, with a reason that lands in the audit log', async () => {
    t = await openTestCore({ invalid: null });
    const { visit } = await checkedVisit(t);
    expect(
      await callFails(t, 'visit.approve', {
        visitId: visit.visitId,
        login: CLERK.login,
        password: CLERK.password,
        reason: 'сам себе',
      }),
    ).toBe('APPROVER_NOT_SUPERVISOR');
    expect(
      await callFails(t, 'visit.approve', {
        visitId: visit.visitId,
        login: SUP.login,
        password: 'wrong-password',
        reason: 'нет',
      }),
    ).toBe('BAD_CREDENTIALS');
    const state = await call(t, 'visit.approve', {
      visitId: visit.visitId,
      login: SUP.login,
      password: SUP.password,
      reason: 'Список МВД не получен, паспорт проверен визуально',
    });
    expect(state.approvalsGranted).toEqual(['passport-warnings']);
    await call(t, 'visit.issue', {
      visitId: visit.visitId,
      consentSigned: true,
      representative: null,
    });
    const approvals = await t.core.ctx.store.run((m) =>
      m.findBy(AuditEvent, { action: 'approval.granted' }),
    );
    expect(approvals[0]?.text).toContain('Список МВД не получен');
  });
});

describe('the invalid-passport list date', () => {
  /** The passport.check audit entries' data, oldest first. */
  const checkAudit = (t: TestCore) =>
    t.core.ctx.store.run(async (m) =>
      (
        await m.find(AuditEvent, { where: { action: 'passport.check' }, order: { seq: 'ASC' } })
      ).map((a) => JSON.parse(a.data) as { visitId: string; listDate: string | null }),
    );
  const card = (t: TestCore, accountId: number) => call(t, 'registry.account', { accountId });

  it('shows on the account card and lands in the audit of every passport check', async () => {
    // The harness's list is dated 2026-11-20, five days before "today".
    t = await openTestCore({ invalid: ['4525834521', '4526000001', '1234567890'] });
    const first = await checkedVisit(t);
    expect((await card(t, first.account.accountId)).passportList).toEqual({
      listDate: '2026-11-20',
      entries: 3,
    });
    expect(await checkAudit(t)).toEqual([
      expect.objectContaining({ visitId: first.visit.visitId, listDate: '2026-11-20' }),
    ]);
    const row = await t.core.ctx.store.run((m) =>
      m.findOneByOrFail(PassportCheck, { visitId: first.visit.visitId }),
    );
    expect(row.listVersion).toBe('2026-11-20');

    // A newer list is installed while the app runs: the card and the next check say so.
    const csv = join(t.dir, 'newer.csv');
    writeFileSync(csv, 'PASSP_SERIES,PASSP_NUMBER\n4525,834521\n4527,111111\n');
    const idx = join(t.dir, 'newer.idx');
    await importPassportList(csv, idx, { listDate: '2026-11-24' });
    await t.core.passportList.replaceFrom(idx);
    const second = await checkedVisit(t, 'issue', 1);
    expect((await card(t, second.account.accountId)).passportList).toEqual({
      listDate: '2026-11-24',
      entries: 2,
    });
    expect((await checkAudit(t)).map((d) => [d.visitId, d.listDate])).toEqual([
      [first.visit.visitId, '2026-11-20'],
      [second.visit.visitId, '2026-11-24'],
    ]);
  });

  it('is absent from the card and the audit when there is no list', async () => {
    t = await openTestCore({ invalid: null });
    const { account, visit } = await checkedVisit(t);
    expect((await card(t, account.accountId)).passportList).toBeNull();
    expect(await checkAudit(t)).toEqual([
      expect.objectContaining({ visitId: visit.visitId, listDate: null }),
    ]);
  });
});

describe('a reset', () => {
  it('revokes the old credential and issues the next version, old sheet void', async () => {
    t = await openTestCore();
    const first = await checkedVisit(t);
    const one = await call(t, 'visit.issue', {
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
    const two = await call(t, 'visit.issue', {
      visitId: reset.visitId,
      consentSigned: false,
      representative: null,
    });
    const creds = await t.core.ctx.store.run((m) =>
      m.find(Credential, { order: { version: 'ASC' } }),
    );
    expect(creds.map((c) => [c.version, c.status, c.revokeReason])).toEqual([
      [1, 'revoked', 'reset'],
      [2, 'active', null],
    ]);
    expect(two.password).not.toBe(one.password);
    expect(two.sheetSerial).not.toBe(one.sheetSerial);
    // The visit's operations (the staff set-up sent its own before).
    const ops = (
      await t.core.ctx.store.run((m) => m.find(Outbox, { order: { seq: 'ASC' } }))
    ).filter((o) => !o.kind.startsWith('staff.'));
    expect(ops.map((o) => o.kind)).toEqual([
      'consent.record',
      'credential.issue',
      'credential.revoke',
      'credential.issue',
    ]);
  });

  it('a second reset within 30 days needs a supervisor; so does a reset for a registered non-owner', async () => {
    t = await openTestCore();
    const first = await checkedVisit(t);
    await call(t, 'visit.issue', {
      visitId: first.visit.visitId,
      consentSigned: true,
      representative: null,
    });
    const card = () => call(t, 'registry.account', { accountId: first.account.accountId });
    // After an issue the card says nothing about a repeat reset: there was none.
    expect((await card()).repeatReset).toBeNull();
    for (let i = 0; i < 2; i++) {
      const v = await call(t, 'visit.start', {
        accountId: first.account.accountId,
        kind: 'reset',
      });
      await call(t, 'visit.check', {
        visitId: v.visitId,
        residentId: first.owner.id,
        person: personOf(first.owner),
        passport: first.passport,
        source: 'typed',
      });
      const state = await call(t, 'visit.state', { visitId: v.visitId });
      if (i === 0) {
        expect(state.approvalsNeeded).toEqual([]);
        await call(t, 'visit.issue', {
          visitId: v.visitId,
          consentSigned: false,
          representative: null,
        });
        await call(t, 'visit.close', { visitId: v.visitId });
        // The card says so before the next reset starts, with the date and the window.
        expect((await card()).repeatReset).toEqual({
          lastResetAt: v.startedAt,
          windowDays: 30,
        });
      } else {
        expect(state.approvalsNeeded).toEqual(['repeat-reset']);
        expect(
          await callFails(t, 'visit.issue', {
            visitId: v.visitId,
            consentSigned: false,
            representative: null,
          }),
        ).toBe('APPROVAL_REQUIRED');
      }
    }
    t.clock.advance(31 * 86_400_000);
    t.core.session.signIn(t.clerk);
    expect((await card()).repeatReset).toBeNull();
    const later = await call(t, 'visit.start', {
      accountId: first.account.accountId,
      kind: 'reset',
    });
    await call(t, 'visit.check', {
      visitId: later.visitId,
      residentId: first.owner.id,
      person: personOf(first.owner),
      passport: passportFor(first.owner.birthDate, '2026-12-26', '834521'),
      source: 'typed',
    });
    expect((await call(t, 'visit.state', { visitId: later.visitId })).approvalsNeeded).toEqual([]);

    const { account, resident } = await accountWithRegistered(t);
    const v = await call(t, 'visit.start', {
      accountId: account.accountId,
      kind: 'reset',
    });
    await call(t, 'visit.check', {
      visitId: v.visitId,
      residentId: resident.id,
      person: personOf(resident),
      passport: passportFor(resident.birthDate, '2026-12-26'),
      source: 'typed',
    });
    expect((await call(t, 'visit.state', { visitId: v.visitId })).approvalsNeeded).toEqual([
      'non-owner-reset',
    ]);
  });
});

describe('consent withdrawal', () => {
  it('revokes the credential at once and blocks a new one until a new consent', async () => {
    t = await openTestCore();
    const { visit, account, owner, passport } = await checkedVisit(t);
    const issued = await call(t, 'visit.issue', {
      visitId: visit.visitId,
      consentSigned: true,
      representative: null,
    });
    await call(t, 'visit.close', { visitId: visit.visitId });
    const cred = await t.core.ctx.store.run((m) =>
      m.findOneByOrFail(Credential, { id: issued.credentialId }),
    );
    await call(t, 'consent.withdraw', {
      consentId: cred.consentId,
      reason: 'Письменный отзыв согласия',
    });
    expect(
      await t.core.ctx.store.run((m) => m.findOneByOrFail(Credential, { id: cred.id })),
    ).toMatchObject({ status: 'revoked', revokeReason: 'consent-withdrawn' });
    expect(
      await callFails(t, 'consent.withdraw', { consentId: cred.consentId, reason: 'ещё раз' }),
    ).toBe('CONSENT_ALREADY_WITHDRAWN');

    const v = await call(t, 'visit.start', {
      accountId: account.accountId,
      kind: 'issue',
    });
    await call(t, 'visit.check', {
      visitId: v.visitId,
      residentId: owner.id,
      person: personOf(owner),
      passport,
      source: 'typed',
    });
    expect(
      await callFails(t, 'visit.issue', {
        visitId: v.visitId,
        consentSigned: false,
        representative: null,
      }),
    ).toBe('CONSENT_REQUIRED');
    await call(t, 'visit.issue', { visitId: v.visitId, consentSigned: true, representative: null });
  });
});

describe('the plaintext', () => {
  it('is gone after the visit closes or the screen locks: another sheet means a reset', async () => {
    t = await openTestCore();
    const a = await checkedVisit(t);
    await call(t, 'visit.issue', {
      visitId: a.visit.visitId,
      consentSigned: true,
      representative: null,
    });
    await call(t, 'visit.close', { visitId: a.visit.visitId });
    expect(await callFails(t, 'visit.printSheet', { visitId: a.visit.visitId })).toBe(
      'PASSWORD_GONE',
    );
    expect((await call(t, 'visit.state', { visitId: a.visit.visitId })).issued?.reprintable).toBe(
      false,
    );

    const b = await checkedVisit(t, 'issue', 1);
    await call(t, 'visit.issue', {
      visitId: b.visit.visitId,
      consentSigned: true,
      representative: null,
    });
    expect(t.core.visits.secrets.password(b.visit.visitId)).not.toBeNull();
    await call(t, 'session.lock', {});
    expect(t.core.visits.secrets.password(b.visit.visitId)).toBeNull();
  });
});
