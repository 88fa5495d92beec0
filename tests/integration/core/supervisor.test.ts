import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import type { Platform } from '../../../electron/core/platform';
import { importPassportList } from '../../../electron/core/passport-list';
import { passportFor, personOf } from '../../support/passports';
import {
  accountWithOwner,
  call,
  callFails,
  issueThroughChannels,
  openTestCore,
  signInAs,
  SUP,
  type TestCore,
} from './harness';

let t: TestCore;
afterEach(async () => t?.close());

/** Stands in for Electron's safeStorage and file dialog (which cannot run here). */
function fakePlatform(pick: () => string | null): Platform & { sealed: string[] } {
  const sealed: string[] = [];
  return {
    sealed,
    sealSecret: (p) => {
      const s = Buffer.from(`sealed:${p}`).toString('base64');
      sealed.push(s);
      return s;
    },
    openSecret: (s) =>
      Buffer.from(s, 'base64')
        .toString()
        .replace(/^sealed:/, ''),
    pickFile: () => Promise.resolve(pick()),
  };
}

describe('supervisor views', () => {
  it('the daily report counts visits by outcome and the median visit time per clerk', async () => {
    t = await openTestCore();
    await issueThroughChannels(t, 0, 2);
    await issueThroughChannels(t, 1, 4);
    await issueThroughChannels(t, 2, 9);
    const { account } = await accountWithOwner(t, 3);
    const abandoned = await call(t, 'visit.start', {
      accountId: account.accountId,
      kind: 'issue',
    });
    await call(t, 'visit.close', { visitId: abandoned.visitId });
    signInAs(t, t.supervisor);
    const report = await call(t, 'reports.daily', { date: t.today });
    expect(report.rows).toEqual([
      expect.objectContaining({
        clerkName: t.clerk.fullName,
        visits: 4,
        issued: 3,
        abandoned: 1,
        reset: 0,
        refused: 0,
        sheetsPrinted: 0,
        printsFailed: 0,
        medianVisitSeconds: 180,
      }),
    ]);
    expect(report.offices).toHaveLength(1);
    const other = await call(t, 'reports.daily', { date: '2026-11-24' });
    expect(other.rows).toEqual([]);
  });

  it('the audit log pages newest first and filters by action, clerk and account', async () => {
    t = await openTestCore();
    const issued = await issueThroughChannels(t, 0, 1);
    signInAs(t, t.supervisor);
    const first = await call(t, 'audit.list', { limit: 3 });
    expect(first.entries).toHaveLength(3);
    expect(first.entries[0]!.seq).toBeGreaterThan(first.entries[2]!.seq);
    const second = await call(t, 'audit.list', {
      limit: 3,
      before: first.nextBefore ?? undefined,
    });
    expect(second.entries[0]!.seq).toBeLessThan(first.entries[2]!.seq);
    const issues = await call(t, 'audit.list', {
      action: 'credential.issue',
      limit: 50,
    });
    expect(issues.entries.map((e) => e.subject)).toEqual([issued.login]);
    expect(issues.entries[0]!.clerkName).toBe(t.clerk.fullName);
    const byAccount = await call(t, 'audit.list', {
      subject: issued.login,
      limit: 50,
    });
    expect(new Set(byAccount.entries.map((e) => e.action))).toEqual(
      new Set([
        'visit.start',
        'passport.check',
        'consent.record',
        'credential.issue',
        'visit.close',
      ]),
    );
    const byClerk = await call(t, 'audit.list', {
      clerkId: t.supervisor.id,
      limit: 50,
    });
    expect(byClerk.entries.every((e) => e.clerkId === t.supervisor.id)).toBe(true);
    expect(await callFails(t, 'audit.list', { limit: 5000 })).toBe('BAD_INPUT');
  });

  it('approvals are listed with the supervisor and the reason', async () => {
    t = await openTestCore({ invalid: null });
    const { account, owner } = await accountWithOwner(t);
    const v = await call(t, 'visit.start', {
      accountId: account.accountId,
      kind: 'issue',
    });
    await call(t, 'visit.check', {
      visitId: v.visitId,
      residentId: owner.id,
      person: personOf(owner),
      passport: passportFor(owner.birthDate, t.today),
      source: 'typed',
    });
    await call(t, 'visit.approve', {
      visitId: v.visitId,
      login: SUP.login,
      password: SUP.password,
      reason: 'Список не получен',
    });
    signInAs(t, t.supervisor);
    expect(await call(t, 'approvals.list', {})).toEqual([
      expect.objectContaining({
        payerCode: account.payerCode,
        kind: 'passport-warnings',
        supervisorName: t.supervisor.fullName,
        clerkName: t.clerk.fullName,
        reason: 'Список не получен',
      }),
    ]);
  });
});

describe('settings', () => {
  it('validates, saves, audits which keys changed, and keeps the central password sealed', async () => {
    const platform = fakePlatform(() => null);
    t = await openTestCore({ platform });
    expect(await callFails(t, 'settings.get', {})).toBe('NOT_ALLOWED');
    signInAs(t, t.supervisor);
    expect(await callFails(t, 'settings.update', { meterDeadlineDay: 40 })).toBe('BAD_INPUT');
    const view = await call(t, 'settings.update', {
      meterDeadlineDay: 20,
      printer: 'AccessDeskPDF',
    });
    expect(view.settings).toMatchObject({ meterDeadlineDay: 20, printer: 'AccessDeskPDF' });
    expect(view.centralPasswordSet).toBe(false);
    await call(t, 'settings.setCentralPassword', { password: 'pg-secret-123' });
    expect((await call(t, 'settings.get', {})).centralPasswordSet).toBe(true);
    const stored = await t.core.ctx.store.run((m) =>
      m.query<{ value: string }[]>("SELECT value FROM setting WHERE key = 'central.password'"),
    );
    expect(stored[0]!.value).not.toContain('pg-secret-123');
    expect(JSON.parse(stored[0]!.value)).toBe(platform.sealed[0]);
    const audit = await call(t, 'audit.list', {
      action: 'settings.change',
      limit: 10,
    });
    expect(audit.entries.map((e) => e.data.changed)).toEqual([
      ['central.password'],
      ['meterDeadlineDay', 'printer'],
    ]);
    // Keys the patch did not name keep their values (the office name set at first start).
    expect((await call(t, 'settings.get', {})).settings.office.name).toBe('Тестовый офис');
  });
});

describe('the invalid-passport list', () => {
  it('reports its date and age, installs a new one atomically, and refuses a damaged file', async () => {
    let picked: string | null = null;
    t = await openTestCore({ platform: fakePlatform(() => picked) });
    signInAs(t, t.supervisor);
    const before = await call(t, 'passportList.status', {});
    expect(before).toMatchObject({
      loaded: true,
      listDate: '2026-11-20',
      entries: 1,
      ageDays: 5,
      stale: false,
    });

    const csv = join(t.dir, 'new.csv');
    writeFileSync(csv, 'PASSP_SERIES,PASSP_NUMBER\n4525,834521\n4526,111111\n');
    picked = join(t.dir, 'new.idx');
    await importPassportList(csv, picked, { listDate: '2026-11-24' });
    const after = await call(t, 'passportList.install', {
      listDate: '2026-11-24',
    });
    expect(after).toMatchObject({ loaded: true, listDate: '2026-11-24', entries: 2 });
    expect(t.core.passportList.current()?.has('4526', '111111')).toBe(true);

    const damaged = join(t.dir, 'damaged.idx');
    copyFileSync(picked, damaged);
    const bytes = readFileSync(damaged);
    const mid = bytes.length >> 1;
    bytes.writeUInt8(bytes.readUInt8(mid) ^ 0xff, mid);
    writeFileSync(damaged, bytes);
    picked = damaged;
    expect(await callFails(t, 'passportList.install', { listDate: '2026-11-24' })).toBe(
      'PASSPORT_LIST_INVALID',
    );
    expect((await call(t, 'passportList.status', {})).listDate).toBe('2026-11-24');

    t.clock.advance(30 * 86_400_000);
    signInAs(t, t.supervisor);
    // The installed list is dated 24 November: 31 days old now, past the 14-day limit.
    expect(await call(t, 'passportList.status', {})).toMatchObject({
      stale: true,
      ageDays: 31,
    });
  });
});

describe('sync without a central database', () => {
  it('says it is disabled and how many operations wait', async () => {
    t = await openTestCore();
    await issueThroughChannels(t, 0, 1);
    // The visit's consent and credential, after the founding supervisor and the clerk.
    expect(await call(t, 'sync.status', {})).toMatchObject({
      state: 'disabled',
      pending: 4,
      held: 0,
      dead: 0,
      enrolment: null,
    });
  });
});
