// The personal-data lifecycle end to end (issue 14): a real encrypted store, a real centre,
// a real CUPS queue. After a withdrawal and 30 days on the test clock, "destroy what is due"
// leaves the withdrawn consent's passport number in no table at either end, keeps what
// another consent covers, proves it with an act and a log extract (read back from the PDFs
// the queue printed), and a centre refuses a destruction that is not due by its own record.
import { statSync } from 'node:fs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';

import type { Store } from '../../../electron/core/db/store';
import { enqueue } from '../../../electron/core/outbox/enqueue';
import { cupsBackend, type CupsBackend } from '../../../electron/core/printing';
import { centralDataSource } from '../../../electron/core/sync/central/datasource';
import { printedWith, setupCupsQueue, waitFor as waitForFile } from '../../support/cups';
import {
  call,
  issueThroughChannels,
  openTestCore,
  signInAs,
  type TestCore,
  type TestCoreOptions,
} from '../core/harness';
import {
  connectThroughSettings,
  sealedPlatform,
  startCentre,
  waitFor,
  type Centre,
} from './harness';

const QUEUE = 'AccessDeskPD';
const DAY = 86_400_000;
// Numbers no generator, hash or id of the test will produce by chance.
const WITHDRAWN = '739146';
const KEPT = '582037';

let centre: Centre;
let t: TestCore | undefined;
let backend: CupsBackend | undefined;
let outputDir: string;

beforeAll(() => {
  outputDir = setupCupsQueue(QUEUE).outputDir;
});
// A centre of its own for each test: one office's staff directory, one workstation.
beforeEach(async () => {
  centre = await startCentre();
});
afterEach(async () => {
  backend?.close();
  await t?.close();
  t = undefined;
  await centre.close();
});

/** Every table and column of the local store holding `needle`, decrypted. */
async function foundLocally(store: Store, needle: string): Promise<string[]> {
  return store.run(async (m) => {
    const tables = await m.query<{ name: string }[]>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
    );
    const hits: string[] = [];
    for (const { name } of tables) {
      const rows = await m.query<Record<string, unknown>[]>(`SELECT * FROM "${name}"`);
      for (const row of rows)
        for (const [col, v] of Object.entries(row))
          if (String(v).includes(needle)) hits.push(`${name}.${col}`);
    }
    return [...new Set(hits)];
  });
}

/** Every table of the centre's public schema whose rows hold `needle`. */
async function foundAtCentre(admin: DataSource, needle: string): Promise<string[]> {
  const tables = await admin.query<{ table_name: string }[]>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const hits: string[] = [];
  for (const { table_name } of tables) {
    const [r] = await admin.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM "${table_name}" x WHERE x::text LIKE $1`,
      [`%${needle}%`],
    );
    if (Number(r?.n) > 0) hits.push(table_name);
  }
  return hits;
}

/** An issue visit to the `skip`-th adult owner with passport `number`, and the consent it recorded. */
async function issueWithNumber(t: TestCore, skip: number, number: string) {
  const { account, owner } = await issueThroughChannels(t, skip, 0, number);
  const card = await call(t, 'registry.account', { accountId: account.accountId });
  const consentId = card.consents[0]!.id;
  return { account, owner, consentId };
}

/** A counter of the office, on 1 June 2026 by its clock, syncing in quick steps. */
const counter = (extra: Partial<TestCoreOptions> = {}) =>
  openTestCore({
    accounts: 300,
    platform: sealedPlatform,
    now: '2026-06-01T07:00:00Z',
    sync: { tuning: { idleCheckMs: 50, backoffBaseMs: 50 } },
    ...extra,
  });

/**
 * Connected, with the centre's registry loaded: a visit made while the replica is being
 * replaced could lose its resident mid-way.
 */
async function connect(t: TestCore): Promise<void> {
  await connectThroughSettings(t, centre);
  await waitFor("the centre's registry loaded", async () => {
    const s = await call(t, 'sync.status', {});
    return s.state === 'online' && s.registryAt !== null;
  });
}

const synced = (t: TestCore) =>
  waitFor('the outbox sent', async () => {
    const s = await call(t, 'sync.now', {});
    return s.state === 'online' && s.pending === 0;
  });

describe('destroying what a withdrawn consent covered', () => {
  it('leaves its passport number nowhere at either end, keeps the other consent, and proves it', async () => {
    backend = cupsBackend({ purgeFinishedJobs: false });
    t = await counter({ printer: backend });
    await connect(t);
    signInAs(t, t.supervisor);
    await call(t, 'settings.update', {
      printer: QUEUE,
      personalData: {
        retentionDays: 1826,
        responsibleName: 'Соколова Ирина Викторовна',
        responsiblePosition: 'Начальник отдела защиты информации',
      },
    });
    signInAs(t, t.clerk);

    const gone = await issueWithNumber(t, 0, WITHDRAWN);
    const kept = await issueWithNumber(t, 1, KEPT);
    await synced(t);
    expect(await foundAtCentre(centre.admin, WITHDRAWN)).toEqual(['consent']);

    await call(t, 'consent.withdraw', { consentId: gone.consentId, reason: 'заявление жителя' });
    await synced(t);

    // Day 28: nothing is due yet, and the supervisor's run destroys nothing.
    t.clock.advance(28 * DAY);
    signInAs(t, t.supervisor); // the idle lock took the clerk's session meanwhile
    expect((await call(t, 'personalData.due', {})).items).toEqual([]);
    expect(await call(t, 'personalData.destroyDue', {})).toEqual([]);
    expect(await foundLocally(t.core.ctx.store, WITHDRAWN)).toEqual(
      expect.arrayContaining(['consent.subject', 'passport_check.number', 'outbox.payload']),
    );

    // Day 30: the withdrawn consent's details are due, and only those.
    t.clock.advance(2 * DAY);
    signInAs(t, t.supervisor);
    const due = await call(t, 'personalData.due', {});
    expect(due.items).toEqual([
      {
        reason: 'withdrawn',
        payerCode: gone.account.payerCode,
        subjectName: expect.stringContaining(gone.owner.surname),
        consentId: gone.consentId,
        consent: true,
        checks: 1,
        categories: ['passport'],
      },
    ]);
    const acts = await call(t, 'personalData.destroyDue', {});
    expect(acts).toHaveLength(1);
    const act = acts[0]!;
    expect(act).toMatchObject({ reason: 'withdrawn', trigger: 'supervisor', records: 2 });
    expect(act.destroyedBy).toBe(t.supervisor.fullName);
    await synced(t);

    // The workstation: nowhere in any decrypted table; the store zeroes what it frees, and
    // the write-ahead log was checkpointed and cut.
    expect(await foundLocally(t.core.ctx.store, WITHDRAWN)).toEqual([]);
    const [pragma] = await t.core.ctx.store.run((m) =>
      m.query<{ secure_delete: number }[]>('PRAGMA secure_delete'),
    );
    expect(pragma?.secure_delete).toBe(1);
    // (The push after the run wrote to the log again; a second run with nothing due leaves it.)
    // The other consent's details are all still there.
    expect(await foundLocally(t.core.ctx.store, KEPT)).toEqual(
      expect.arrayContaining(['consent.subject', 'passport_check.number']),
    );
    // The centre: gone from every table, the fact of the consent kept.
    expect(await foundAtCentre(centre.admin, WITHDRAWN)).toEqual([]);
    expect(await foundAtCentre(centre.admin, KEPT)).toEqual(['consent']);
    const [row] = await centre.admin.query<
      {
        withdrawn_at: Date | null;
        destroy_reason: string;
        text_version: string;
        subject: unknown;
      }[]
    >(`SELECT withdrawn_at, destroy_reason, text_version, subject FROM consent WHERE id = $1`, [
      gone.consentId,
    ]);
    expect(row).toMatchObject({ destroy_reason: 'withdrawn', text_version: 'v1' });
    expect(row?.withdrawn_at).not.toBeNull();
    expect(row?.subject).toMatchObject({ document: null, fullName: expect.any(String) });

    // A run with nothing due writes nothing; the log the job truncated stays small.
    expect(await call(t, 'personalData.destroyDue', {})).toEqual([]);
    expect(statSync(`${t.core.dbPath}-wal`, { throwIfNoEntry: false })?.size ?? 0).toBeLessThan(
      4 * 1024 * 1024,
    );

    // The act and the extract, printed and read back.
    const since = Date.now();
    const printedAct = await call(t, 'personalData.printAct', {
      actId: act.id,
      part: 'act',
    });
    expect(printedAct).toMatchObject({ result: 'printed', serial: act.serial, printer: QUEUE });
    const paper = await waitForFile(
      () => printedWith(outputDir, since, 'Акт об уничтожении персональных данных'),
      20_000,
    );
    expect(paper).toBeDefined();
    const text = paper!.text;
    const flat = text.replace(/\s+/g, ' ');
    for (const needed of [
      'Акт об уничтожении персональных данных',
      `№ ${act.serial}`,
      // the operator's name and address
      'ГБУ «Расчётный центр» (демо)',
      'г. Москва, ул. Демонстрационная, д. 1',
      // the subject's full name
      gone.owner.surname,
      gone.owner.givenName,
      // the categories, the information system, the reason, the date, the method
      'серия, номер, дата выдачи',
      'Access Desk',
      'отзыв субъектом согласия',
      'Дата уничтожения',
      'Способ уничтожения',
      'secure_delete',
      // the persons who destroyed the data, with their positions
      t.supervisor.fullName,
      'Старший специалист офиса',
      'Соколова Ирина Викторовна',
      'Начальник отдела защиты информации',
      // what was destroyed, masked
      '45** ****46',
    ])
      expect(flat, needed).toContain(needed);
    expect(flat).not.toContain(WITHDRAWN);

    const since2 = Date.now();
    await call(t, 'personalData.printAct', { actId: act.id, part: 'extract' });
    const extract = await waitForFile(
      () => printedWith(outputDir, since2, 'Выписка из журнала регистрации событий'),
      20_000,
    );
    expect(extract).toBeDefined();
    const ex = extract!.text.replace(/\s+/g, ' ');
    for (const needed of [
      `№ ${act.serial}`,
      'ГБУ «Расчётный центр» (демо)',
      gone.owner.surname,
      'Записано согласие на обработку персональных данных',
      'Согласие отозвано',
      'Проверен паспорт',
      'паспорт 45** ****46',
      'Персональные данные уничтожены',
      `акт № ${act.serial}`,
      t.supervisor.fullName,
      // the act's facts, from the destruction's own entry in the chain
      'причина: отзыв согласия',
      'категории: данные основного документа',
      'способ: автоматизированное уничтожение',
      'Соколова Ирина Викторовна (Начальник отдела защиты информации)',
    ])
      expect(ex, needed).toContain(needed);
    expect(ex).toMatch(/хеш [0-9a-f]{64}/);
    expect(ex).not.toContain(WITHDRAWN);
    expect(ex).not.toContain(kept.owner.surname);
  });

  it('is refused by the centre when its own record says the data are not due', async () => {
    t = await counter();
    await connect(t);
    const kept = await issueWithNumber(t, 2, KEPT);
    await synced(t);
    // A workstation claims the consent's storage period of one day is over.
    const store = t.core.ctx.store;
    await store.tx((m) =>
      enqueue(
        m,
        'consent.destroy',
        {
          consentId: kept.consentId,
          accountId: kept.account.accountId,
          reason: 'retention',
          retentionDays: 1,
          destroyedAt: new Date().toISOString(),
          destroyedBy: null,
          actSerial: 'FORGED',
          officeId: t!.core.ctx.officeId(),
          workstationId: t!.core.ctx.workstationId,
        },
        new Date(),
      ),
    );
    await waitFor('dead-lettered', async () => (await call(t!, 'sync.now', {})).dead > 0);
    const [row] = await centre.admin.query<{ destroyed_at: Date | null; subject: unknown }[]>(
      `SELECT destroyed_at, subject FROM consent WHERE id = $1`,
      [kept.consentId],
    );
    expect(row?.destroyed_at).toBeNull();
    expect(JSON.stringify(row?.subject)).toContain(KEPT);
    const events = await centre.admin.query<{ code: string }[]>(
      `SELECT code FROM security_event WHERE op_id IN
         (SELECT op_id FROM rejected_op WHERE kind = 'consent.destroy')`,
    );
    expect(events.map((e) => e.code)).toContain('NOT_DUE');
  });

  it("the centre's own run destroys what is due by its clock, and only the owner may run it", async () => {
    t = await counter();
    await connect(t);
    const old = await issueWithNumber(t, 0, WITHDRAWN);
    const recent = await issueWithNumber(t, 1, KEPT);
    await call(t, 'consent.withdraw', { consentId: old.consentId, reason: 'заявление' });
    await call(t, 'consent.withdraw', { consentId: recent.consentId, reason: 'заявление' });
    await synced(t);
    // By the centre's clock one withdrawal is 31 days old, the other 10 (no workstation
    // will ever destroy them: say the counter was retired).
    await centre.admin.query(
      `UPDATE consent SET withdrawn_at = now() - make_interval(days => $2) WHERE id = $1`,
      [old.consentId, 31],
    );
    await centre.admin.query(
      `UPDATE consent SET withdrawn_at = now() - make_interval(days => $2) WHERE id = $1`,
      [recent.consentId, 10],
    );
    const done = await centre.admin.query<{ consent_id: string; reason: string }[]>(
      `SELECT consent_id, reason FROM pd_destroy_due()`,
    );
    expect(done).toEqual([{ consent_id: old.consentId, reason: 'withdrawn' }]);
    expect(await foundAtCentre(centre.admin, WITHDRAWN)).toEqual([]);
    expect(await foundAtCentre(centre.admin, KEPT)).toEqual(['consent']);
    const [row] = await centre.admin.query<{ destroyed_by: string; destroy_reason: string }[]>(
      `SELECT destroyed_by, destroy_reason FROM consent WHERE id = $1`,
      [old.consentId],
    );
    expect(row).toEqual({ destroyed_by: 'centre', destroy_reason: 'withdrawn' });
    // A second run finds nothing more; a workstation's login may not run it at all.
    expect(await centre.admin.query(`SELECT * FROM pd_destroy_due()`)).toEqual([]);
    const { cfg } = await centre.enrol('MSK-001', { name: 'another counter' });
    const ws = centralDataSource(cfg, { poolSize: 1 });
    await ws.initialize();
    try {
      await expect(ws.query(`SELECT * FROM pd_destroy_due()`)).rejects.toMatchObject({
        driverError: { code: '42501' },
      });
    } finally {
      await ws.destroy();
    }
  });
});
