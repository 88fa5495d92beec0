// The personal-data lifecycle at one counter (issue 14), on a real encrypted store: the
// storage period, the daily job, a representative's documents, a check no consent covers,
// the acts' three years, the channels' roles; and the subject report, printed to a real CUPS
// queue and read back, holding that resident's records and nothing of another's.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { ActView } from '../../../shared/schemas/personal-data';
import type { ResidentSummary } from '../../../shared/schemas/registry';
import type { Representative } from '../../../shared/schemas/visit';
import { cupsBackend, type CupsBackend } from '../../../electron/core/printing';
import { printedWith, setupCupsQueue, waitFor } from '../../support/cups';
import { isAdultOn, passportFor, personOf } from '../../support/passports';
import {
  accountWithOwner,
  call,
  callFails,
  openTestCore,
  signInAs,
  SUP,
  type TestCore,
} from './harness';
import { getAccount } from '../../../electron/core/registry/search';

const QUEUE = 'AccessDeskPR';
const DAY = 86_400_000;

let t: TestCore | undefined;
let backend: CupsBackend | undefined;
let outputDir: string;
beforeAll(() => {
  outputDir = setupCupsQueue(QUEUE).outputDir;
});
afterEach(async () => {
  backend?.close();
  backend = undefined;
  await t?.close();
  t = undefined;
});

/** A visit of `kind` whose check of `resident` passed with passport `number`. */
async function checkedVisit(
  t: TestCore,
  accountId: number,
  resident: ResidentSummary,
  kind: 'issue' | 'reset',
  number: string,
): Promise<string> {
  const v = await call(t, 'visit.start', { accountId, kind });
  await call(t, 'visit.check', {
    visitId: v.visitId,
    residentId: resident.id,
    person: personOf(resident),
    passport: passportFor(resident.birthDate, t.today, number),
    source: 'typed',
  });
  return v.visitId;
}

async function issue(
  t: TestCore,
  accountId: number,
  resident: ResidentSummary,
  kind: 'issue' | 'reset',
  number: string,
  representative: Representative | null = null,
): Promise<string> {
  const visitId = await checkedVisit(t, accountId, resident, kind, number);
  // A resident who is not the owner, or a second reset, needs a supervisor at the counter.
  const state = await call(t, 'visit.state', { visitId });
  if (state.approvalsNeeded.length)
    await call(t, 'visit.approve', {
      visitId,
      login: SUP.login,
      password: SUP.password,
      reason: 'проверено на месте',
    });
  await call(t, 'visit.issue', { visitId, consentSigned: true, representative });
  await call(t, 'visit.close', { visitId });
  const card = await call(t, 'registry.account', { accountId });
  return card.consents.find((c) => c.residentId === resident.id)!.id;
}

const row = <T>(t: TestCore, sql: string, params: unknown[]) =>
  t.core.ctx.store.run((m) => m.query<T[]>(sql, params)).then((r) => r[0]);

/** Time passes; the idle lock took the session meanwhile, so `who` signs in again. */
function later(t: TestCore, ms: number, who: TestCore['clerk']): void {
  t.clock.advance(ms);
  signInAs(t, who);
}

describe('the storage period and the daily job', () => {
  it('destroys nothing early, then the job destroys the passport details, and the consent backs no new credential', async () => {
    t = await openTestCore({
      accounts: 80,
      now: '2025-01-10T09:00:00Z',
      destructionJob: { firstAfterMs: 20, everyMs: 50 },
    });
    signInAs(t, t.supervisor);
    await call(t, 'settings.update', {
      personalData: { retentionDays: 365, responsibleName: '', responsiblePosition: '' },
    });
    signInAs(t, t.clerk);
    const { account, owner } = await accountWithOwner(t);
    const consentId = await issue(t, account.accountId, owner, 'issue', '615243');

    // A day before the period ends the job runs and leaves everything.
    later(t, 364 * DAY, t.supervisor);
    await new Promise((r) => setTimeout(r, 200));
    expect((await call(t, 'personalData.due', {})).items).toEqual([]);
    expect(await call(t, 'personalData.acts', {})).toEqual([]);

    // After it, the job destroys them on its own.
    later(t, 2 * DAY, t.supervisor);
    let acts: ActView[] = [];
    for (let i = 0; i < 100 && acts.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      acts = await call(t, 'personalData.acts', {});
    }
    expect(acts).toEqual([
      expect.objectContaining({
        reason: 'retention',
        trigger: 'job',
        payerCode: account.payerCode,
        destroyedBy: null,
        records: 2,
      }),
    ]);
    const consent = await row<{ subject: string; destroyed_at: string | null }>(
      t,
      `SELECT subject, destroyed_at FROM consent WHERE id = ?`,
      [consentId],
    );
    expect(JSON.parse(consent!.subject)).toMatchObject({ document: null });
    expect(consent!.destroyed_at).not.toBeNull();
    const check = await row<{ number: string; series: string; destroy_act_id: string }>(
      t,
      `SELECT number, series, destroy_act_id FROM passport_check`,
      [],
    );
    expect(check).toEqual({ number: '', series: '', destroy_act_id: acts[0]!.id });
    const entry = await row<{ clerk_id: string | null; data: string }>(
      t,
      `SELECT clerk_id, data FROM audit_event WHERE action = 'personalData.destroy'`,
      [],
    );
    expect(entry!.clerk_id).toBeNull();
    expect(JSON.parse(entry!.data)).toMatchObject({ trigger: 'job', reason: 'retention' });

    // A consent whose details are gone backs no new credential: the resident signs again.
    signInAs(t, t.clerk);
    const reset = await checkedVisit(t, account.accountId, owner, 'reset', '615243');
    const state = await call(t, 'visit.state', { visitId: reset });
    expect(state.consent.existingConsentId).toBeNull();
    expect(
      await callFails(t, 'visit.issue', {
        visitId: reset,
        consentSigned: false,
        representative: null,
      }),
    ).toBe('CONSENT_REQUIRED');

    // Acts are kept three years, then go.
    later(t, (3 * 365 + 2) * DAY, t.supervisor);
    for (let i = 0; i < 100 && acts.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      acts = (await call(t, 'personalData.acts', {})).filter(
        (a) => a.reason === 'retention' && a.records === 2,
      );
    }
    expect(acts).toEqual([]);
  });
});

describe('what a withdrawal covers', () => {
  it("takes the representative's documents and a check no consent covers, and names the categories", async () => {
    t = await openTestCore({ accounts: 80 });
    const { account, owner } = await accountWithOwner(t);
    const representative: Representative = {
      fullName: 'Кузнецов Павел Андреевич',
      address: 'г. Москва, ул. Лесная, д. 7, кв. 3',
      document: passportFor('1980-05-05', t.today, '246813'),
      powerOfAttorney: { number: '77 АБ 1234567', date: '2026-01-15', issuedBy: 'Нотариус Орлова' },
    };
    const consentId = await issue(t, account.accountId, owner, 'issue', '135790', representative);
    // Someone else's passport at another account's visit, which ends without a consent.
    const other = await accountWithOwner(t, 1);
    const abandoned = await checkedVisit(
      t,
      other.account.accountId,
      other.owner,
      'issue',
      '864209',
    );
    await call(t, 'visit.close', { visitId: abandoned });
    await call(t, 'consent.withdraw', { consentId, reason: 'отзыв представителем' });

    later(t, 30 * DAY, t.supervisor);
    const due = await call(t, 'personalData.due', {});
    expect(due.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          reason: 'withdrawn',
          consentId,
          consent: true,
          checks: 1,
          categories: ['passport', 'representative'],
        }),
        expect.objectContaining({
          reason: 'no-consent',
          payerCode: other.account.payerCode,
          consent: false,
          checks: 1,
        }),
      ]),
    );
    expect(due.items).toHaveLength(2);
    const acts = await call(t, 'personalData.destroyDue', {});
    expect(acts.map((a) => a.reason).sort()).toEqual(['no-consent', 'withdrawn']);

    const consent = await row<{ representative: string }>(
      t,
      `SELECT representative FROM consent WHERE id = ?`,
      [consentId],
    );
    expect(JSON.parse(consent!.representative)).toEqual({
      fullName: 'Кузнецов Павел Андреевич',
      document: null,
    });
    const leftovers = await t.core.ctx.store.run((m) =>
      m.query<{ n: number }[]>(
        `SELECT count(*) AS n FROM (
           SELECT payload AS v FROM outbox UNION ALL SELECT representative FROM consent
           UNION ALL SELECT number FROM passport_check UNION ALL SELECT data FROM audit_event)
         WHERE v LIKE '%246813%' OR v LIKE '%864209%' OR v LIKE '%135790%'
            OR v LIKE '%1234567%' OR v LIKE '%Лесная%'`,
      ),
    );
    expect(leftovers[0]!.n).toBe(0);
  });

  it('answers the channels by role and names a missing act', async () => {
    t = await openTestCore({ accounts: 20 });
    expect(await callFails(t, 'personalData.destroyDue', {})).toBe('NOT_ALLOWED');
    expect(await callFails(t, 'personalData.due', {})).toBe('NOT_ALLOWED');
    signInAs(t, t.supervisor);
    expect(
      await callFails(t, 'personalData.printAct', {
        actId: '00000000-0000-0000-0000-000000000000',
        part: 'act',
      }),
    ).toBe('ACT_NOT_FOUND');
    expect(await callFails(t, 'personalData.printAct', { actId: 'x', part: 'both' } as never)).toBe(
      'BAD_INPUT',
    );
  });
});

describe("the subject's report", () => {
  it("holds that resident's consents, credentials, visits, checks and acts, and nothing of another's", async () => {
    backend = cupsBackend({ purgeFinishedJobs: false });
    t = await openTestCore({ accounts: 300, printer: backend });
    signInAs(t, t.supervisor);
    await call(t, 'settings.update', { printer: QUEUE });
    signInAs(t, t.clerk);
    // An account with two adults on it.
    let found: { accountId: number; owner: ResidentSummary; other: ResidentSummary } | null = null;
    for (let id = 1; id < 10_000 && !found; id++) {
      const a = await getAccount(t.core.ctx.store, id);
      const adults = a?.residents.filter((r) => isAdultOn(r.birthDate, t!.today)) ?? [];
      const owner = adults.find((r) => r.relation === 'owner');
      const other = adults.find((r) => r !== owner);
      if (a && owner && other) found = { accountId: a.accountId, owner, other };
    }
    const { accountId, owner, other } = found!;

    await issue(t, accountId, owner, 'issue', '111122');
    later(t, DAY, t.clerk);
    const otherConsent = await issue(t, accountId, other, 'reset', '333344');
    later(t, DAY, t.clerk);
    // The other resident withdraws and their data go: an act about them, not about the owner.
    await call(t, 'consent.withdraw', { consentId: otherConsent, reason: 'заявление' });
    later(t, 30 * DAY, t.supervisor);
    const [otherAct] = await call(t, 'personalData.destroyDue', {});
    signInAs(t, t.clerk);

    const visitId = await checkedVisit(t, accountId, owner, 'reset', '111122');
    const since = Date.now();
    const printed = await call(t, 'visit.printSubjectReport', { visitId });
    expect(printed).toMatchObject({ result: 'printed', printer: QUEUE });
    const paper = await waitFor(() => printedWith(outputDir, since, printed.serial), 20_000);
    expect(paper).toBeDefined();
    const text = paper!.text.replace(/\s+/g, ' ');
    for (const needed of [
      'Сведения о персональных данных субъекта',
      owner.surname,
      owner.givenName,
      'Редакция v1, подписано',
      // the owner's credential v1, revoked by the other resident's reset
      'Версия 1: выданы',
      'аннулированы',
      'выдан новый пароль',
      // their two visits, and their checks with the numbers masked
      'Выдача доступа:',
      'Сброс пароля:',
      '45** ****22',
      'проверка пройдена',
    ])
      expect(text, needed).toContain(needed);
    for (const absent of [
      other.surname === owner.surname ? other.givenName : other.surname,
      '****44',
      otherAct!.serial,
      '111122',
      'Версия 2',
    ])
      expect(text, absent).not.toContain(absent);
    // Exactly the owner's two checks, and the audit says who asked for what.
    expect(text.match(/45\*\* \*{4}22/g)).toHaveLength(2);
    const entry = await row<{ subject: string; data: string }>(
      t,
      `SELECT subject, data FROM audit_event WHERE action = 'subjectReport.print'`,
      [],
    );
    expect(JSON.parse(entry!.data)).toMatchObject({ residentId: owner.id, serial: printed.serial });

    // Before a passed check there is nothing to answer.
    const fresh = await call(t, 'visit.start', { accountId, kind: 'reset' });
    expect(await callFails(t, 'visit.printSubjectReport', { visitId: fresh.visitId })).toBe(
      'PASSPORT_NOT_CHECKED',
    );
  });
});
