// Journey 5 (supervisor), with the keyboard where a supervisor would use it, against the real
// core, a real encrypted database and real CUPS queues: the audit log and its hash chain, the
// day's report, approvals, staff accounts, settings, the invalid-passport list and sync.
// The counter work the supervisor's screens report on is done through the core's own visit
// services, as the clerk at the next window would do it.
import type { Locator, Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core } from '../../electron/core';
import { AuditEvent, Clerk, Visit } from '../../electron/core/db/entities';
import { SettingsService } from '../../electron/core/settings/service';
import { signIn } from '../../electron/core/staff/service';
import { addDays, formatIsoDate, parseIsoDate } from '../../shared/domain/dates';
import { maskPassport } from '../../shared/domain/mask';
import { passportFor } from '../support/passports';
import { expectAccessible } from './harness/a11y';
import { expect, test } from './harness/fixtures';
import { expectFocused, residents, today, typed, SEARCH } from './harness/journeys';
import {
  buildInvalidPassportIndex,
  listedPassports,
  recentListDate,
} from './harness/passport-list';
import { E2E_QUEUE, ensureQueue, removePrinted, waitForPrinted } from './harness/printer';
import {
  approve,
  backToTabs,
  checkedVisit,
  chooseWithKeyboard,
  close,
  issue,
  openSupervisorArea,
  openTab,
  pressUntilFocused,
  printSheet,
  REPORT_QUEUE,
  staffMember,
  tabTo,
} from './harness/supervisor';
import { CLERK, SUPERVISOR, invoke, seedStaff, shot } from './harness/support';

/** `YYYY-MM-DD`, `days` from today (Moscow). */
function dayFromToday(days: number): string {
  const d = parseIsoDate(today());
  if (!d) throw new Error('no today');
  return formatIsoDate(addDays(d, days));
}

/** Replaces a text field's content the way a clerk does: select all, type. */
async function retype(page: Page, text: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

test.describe('journey 5: supervisor', () => {
  test.use({ demoAccounts: 300, invalidPassports: listedPassports() });
  // Each test walks several screens, with an axe pass on each, on a machine others share.
  test.describe.configure({ timeout: 120_000 });

  test('audit log: filters narrow the rows, passports are masked, the chain check names the entry changed behind its back', async ({
    app,
    core,
  }) => {
    test.skip(!core, 'reads and alters the core database directly');
    const c = core!;
    await seedStaff(c);
    const clerk = await staffMember(c, CLERK);
    const [a, b] = await residents(c, 'owner', 2);
    const first = await checkedVisit(c, clerk, 'issue', a!.account, a!.resident);
    await close(c, clerk, first);
    const second = await checkedVisit(
      c,
      clerk,
      'issue',
      b!.account,
      b!.resident,
      passportFor(b!.resident.birthDate, today(), '517203'),
    );
    await close(c, clerk, second);
    await app.reload();
    await signInWithSearches(app, 45, a!.account.payerCode);

    // The chain is checked as the log opens: intact, every entry counted.
    await openSupervisorArea(app, SUPERVISOR);
    const verdict = app.getByTestId('chain-verdict');
    await expect(verdict).toHaveAttribute('data-ok', 'true');
    const total = await c.ctx.store.run((m) => m.count(AuditEvent));
    expect(total).toBeGreaterThan(50);
    await expect(verdict).toContainText(`Цепочка журнала цела: проверено записей — ${total}.`);

    // Newest first, fifty at a time; «Показать ещё» brings the rest.
    const table = app.getByTestId('audit-table');
    const rows = table.locator('tbody tr');
    await expect(rows).toHaveCount(50);
    await expect(rows.first().locator('td').first()).toHaveText(String(total));

    // Each entry reads in Russian, described from its data, once: the English text the core
    // stored (part of the chain) is collapsed, so fifty entries are not a page twice as long.
    // The newest: the supervisor's sign-in.
    const signInRow = rows.first();
    await expect(signInRow).toHaveAttribute('data-action', 'staff.signIn');
    await expect(signInRow.getByTestId('audit-description')).toHaveText(
      `Вход в программу: ${SUPERVISOR.login}.`,
    );
    await expect(table.getByTestId('audit-stored-text')).toHaveCount(0);
    const collapsedHeight = (await table.boundingBox())!.height;
    await shot(app, 'supervisor-audit', { fullPage: false });
    // One keystroke away: Tab to the switch, Space, and every stored record is underneath.
    await tabTo(app, 'Показывать записи журнала как хранятся');
    await app.keyboard.press('Space');
    await expect(table.getByTestId('audit-stored-text')).toHaveCount(50);
    expect((await table.boundingBox())!.height).toBeGreaterThan(collapsedHeight * 1.3);
    await expect(signInRow.getByTestId('audit-stored-text')).toHaveText(
      `Запись журнала (как хранится): ${SUPERVISOR.login} signed in.`,
    );
    await expectAccessible(app, 'audit log');
    await tabTo(app, 'Показать ещё');
    await app.keyboard.press('Enter');
    await expect(rows).toHaveCount(total);
    await expect(rows.last().locator('td').first()).toHaveText('1');
    // Not one entry is left in the stored English for want of a translation.
    const descriptions = await table.getByTestId('audit-description').allTextContents();
    expect(descriptions).toHaveLength(total);
    expect(descriptions.filter((d) => !/\p{Script=Cyrillic}/u.test(d))).toEqual([]);

    // By action: only the passport checks, their numbers masked.
    const count = (where: Partial<Record<'action' | 'clerkId' | 'subject', string>>) =>
      c.ctx.store.run((m) => m.countBy(AuditEvent, where));
    await backToTabs(app);
    await tabTo(app, /^Действие/);
    await chooseWithKeyboard(app, 'Действие', 'проверка паспорта');
    await tabTo(app, 'Показать');
    await app.keyboard.press('Enter');
    const checks = await count({ action: 'passport.check' });
    expect(checks).toBe(2);
    await expect(rows).toHaveCount(checks);
    for (const action of await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.action))) {
      expect(action).toBe('passport.check');
    }
    // Newest first: the second visit's check, then the first's; in Russian, the number masked
    // as the core recorded it, in the sentence and in the stored text alike.
    const listDate = recentListDate().split('-').reverse().join('.');
    for (const [i, v] of [second, first].entries()) {
      const full = v.passport.series + v.passport.number;
      const masked = maskPassport(full);
      await expect(rows.nth(i).getByTestId('audit-description')).toHaveText(
        `Паспорт ${masked} прошёл проверку и совпал с данными жителя лицевого счёта. ` +
          `Сверен со списком недействительных паспортов от ${listDate}.`,
      );
      await expect(rows.nth(i).getByTestId('audit-stored-text')).toHaveText(
        `Запись журнала (как хранится): Passport ${masked} passed the check; matches a resident.`,
      );
      await expect(table).toContainText(masked);
      await expect(table).not.toContainText(v.passport.number);
      await expect(table).not.toContainText(full);
    }
    const everything = JSON.stringify(await c.ctx.store.run((m) => m.find(AuditEvent)));
    expect(everything).not.toContain(first.passport.number);
    expect(everything).not.toContain(second.passport.number);

    // By clerk: only what Иванов did.
    await tabTo(app, 'Сбросить отбор');
    await app.keyboard.press('Enter');
    await expect(rows).toHaveCount(total); // both pages read so far, unfiltered again
    await pressUntilFocused(app, 'Shift+Tab', /^Сотрудник/);
    await chooseWithKeyboard(app, 'Сотрудник', CLERK.fullName);
    await tabTo(app, 'Показать');
    await app.keyboard.press('Enter');
    const byClerk = await count({ clerkId: clerk.id });
    expect(byClerk).toBeGreaterThan(0);
    await expect(rows).toHaveCount(byClerk);
    for (const who of await rows.locator('td:nth-child(4)').allTextContents()) {
      expect(who).toBe(CLERK.fullName);
    }

    // By account: the second visit's three entries.
    await tabTo(app, 'Сбросить отбор');
    await app.keyboard.press('Enter');
    await pressUntilFocused(app, 'Shift+Tab', 'Лицевой счёт');
    await app.keyboard.type(b!.account.payerCode);
    await app.keyboard.press('Enter');
    const bySubject = await count({ subject: b!.account.payerCode });
    expect(bySubject).toBe(3);
    await expect(rows).toHaveCount(bySubject);
    for (const subject of await rows.locator('td:nth-child(5)').allTextContents()) {
      expect(subject).toBe(b!.account.payerCode);
    }

    // By date: nothing up to yesterday, everything up to today.
    await pressUntilFocused(app, 'Shift+Tab', 'Лицевой счёт');
    await app.keyboard.press('ControlOrMeta+A');
    await app.keyboard.press('Delete');
    await pressUntilFocused(app, 'Shift+Tab', 'По дату');
    await app.keyboard.type(typed(dayFromToday(-1)));
    await app.keyboard.press('Enter');
    await expect(app.getByText('Записей нет.')).toBeVisible();
    await expect(table).toBeHidden();
    await retype(app, typed(today()));
    await app.keyboard.press('Enter');
    await expect(rows).toHaveCount(50);

    // Someone edits an entry in the database, bypassing the app: the check names it.
    const tampered = await c.ctx.store.run((m) =>
      m.findOneOrFail(AuditEvent, { where: { action: 'passport.check' }, order: { seq: 'ASC' } }),
    );
    const forged = tampered.text.replace('passed', 'failed');
    expect(forged).not.toBe(tampered.text);
    await c.ctx.store.run((m) =>
      m.query('UPDATE audit_event SET text = ? WHERE seq = ?', [forged, tampered.seq]),
    );
    await pressUntilFocused(app, 'Shift+Tab', 'Проверить ещё раз');
    await app.keyboard.press('Enter');
    await expect(verdict).toHaveAttribute('data-ok', 'false');
    await expect(verdict).toContainText(
      `Цепочка журнала нарушена на записи № ${tampered.seq}: запись изменена.`,
    );
    await shot(app, 'supervisor-audit-broken', { fullPage: false });
    await expectAccessible(app, 'audit log, chain broken');
  });

  test('daily report: visits by outcome, sheets printed and failed prints, median time, per clerk and for the office', async ({
    app,
    core,
  }) => {
    test.skip(!core, 'does the day’s work through the in-process core');
    const c = core!;
    const queue = ensureQueue(REPORT_QUEUE);
    await setPrinter(c, queue.queue);
    await seedStaff(c);
    const clerk = await staffMember(c, CLERK);
    const supervisor = await staffMember(c, SUPERVISOR);
    const [a, b, d, e] = await residents(c, 'owner', 4);
    const printed: { path: string }[] = [];
    const since = Date.now();
    try {
      // Иванов: issued and printed; issued, the print failed, printed again; a reset; a
      // passport the rules refuse; a visit abandoned half-way.
      const v1 = await checkedVisit(c, clerk, 'issue', a!.account, a!.resident);
      const s1 = await issue(c, clerk, v1);
      expect((await printSheet(c, clerk, v1)).result).toBe('printed');
      await close(c, clerk, v1);

      const v2 = await checkedVisit(c, clerk, 'issue', b!.account, b!.resident);
      const s2 = await issue(c, clerk, v2);
      await setPrinter(c, 'AccessDeskE2ENoSuchQueue');
      expect((await printSheet(c, clerk, v2)).result).toBe('failed');
      await setPrinter(c, queue.queue);
      expect((await printSheet(c, clerk, v2)).result).toBe('printed');
      await close(c, clerk, v2);

      const v3 = await checkedVisit(c, clerk, 'reset', a!.account, a!.resident, v1.passport);
      await issue(c, clerk, v3, false);
      await close(c, clerk, v3);

      const v4 = await checkedVisit(c, clerk, 'issue', d!.account, d!.resident, {
        ...passportFor(d!.resident.birthDate, today()),
        number: '12345',
      });
      await close(c, clerk, v4);

      // The passport passed, but the resident left before signing the consent.
      const v5 = await checkedVisit(c, clerk, 'issue', e!.account, e!.resident);
      await close(c, clerk, v5);

      // Петрова served one resident herself.
      const [f] = await residents(c, 'owner', 1, 4);
      const v6 = await checkedVisit(c, supervisor, 'issue', f!.account, f!.resident);
      const s6 = await issue(c, supervisor, v6);
      expect((await printSheet(c, supervisor, v6)).result).toBe('printed');
      await close(c, supervisor, v6);

      for (const [v, s] of [
        [v1, s1],
        [v2, s2],
        [v6, s6],
      ] as const) {
        printed.push(await waitForPrinted(queue, since, [v.account.payerCode, s.sheetSerial]));
      }

      // How long each visit took at the counter (the test does not wait that long).
      const minutes = new Map([
        [v1.visitId, 4],
        [v2.visitId, 11],
        [v3.visitId, 5],
        [v4.visitId, 7],
        [v5.visitId, 1.5],
        [v6.visitId, 3],
      ]);
      for (const [id, min] of minutes) {
        const v = await c.ctx.store.run((m) => m.findOneByOrFail(Visit, { id }));
        const closedAt = new Date(Date.parse(v.startedAt) + min * 60_000).toISOString();
        await c.ctx.store.run((m) => m.update(Visit, { id }, { closedAt }));
      }

      await app.reload();
      await openSupervisorArea(app, SUPERVISOR);
      await openTab(app, 'report');
      await expect(app.getByLabel('Дата')).toHaveValue(typed(today()));
      const office = c.ctx.settings.get().office.code;
      await expect
        .poll(() => reportRow(app, 'report-clerks', `${CLERK.fullName} (${office})`))
        .toEqual({
          Обращений: '5',
          Выдано: '2',
          Сбросов: '1',
          Отказов: '1',
          Прервано: '1',
          'Листов напечатано': '2',
          'Сбоев печати': '1',
          'Медиана обращения': duration(median([4, 11, 5, 7, 1.5])),
        });
      expect(await reportRow(app, 'report-clerks', `${SUPERVISOR.fullName} (${office})`)).toEqual({
        Обращений: '1',
        Выдано: '1',
        Сбросов: '0',
        Отказов: '0',
        Прервано: '0',
        'Листов напечатано': '1',
        'Сбоев печати': '0',
        'Медиана обращения': duration(3),
      });
      expect(await reportRow(app, 'report-offices', office)).toEqual({
        Обращений: '6',
        Выдано: '3',
        Сбросов: '1',
        Отказов: '1',
        Прервано: '1',
        'Листов напечатано': '3',
        'Сбоев печати': '1',
        'Медиана обращения': duration(median([...minutes.values()])),
      });
      await expectNotClipped(app.getByRole('button', { name: 'Показать' }));
      await shot(app, 'supervisor-report');
      await expectAccessible(app, 'daily report');

      // Another day: nothing.
      await tabTo(app, 'Дата');
      await retype(app, typed(dayFromToday(-1)));
      await app.keyboard.press('Enter');
      await expect(app.getByText('За этот день обращений нет.')).toBeVisible();
      await expect(app.getByRole('heading', { name: 'По сотрудникам' })).toBeHidden();
    } finally {
      for (const p of printed) removePrinted(p.path);
    }
  });

  test('approvals: a supervisor’s approval of a passport warning, with who and why', async ({
    app,
    core,
  }) => {
    test.skip(!core, 'does the visit through the in-process core');
    const c = core!;
    await seedStaff(c);
    const clerk = await staffMember(c, CLERK);
    const { account, resident } = (await residents(c, 'owner', 1))[0]!;
    // The year printed in the series is ten years off the issue date: a warning, not an error.
    const good = passportFor(resident.birthDate, today(), '620418');
    const year = (Number(good.series.slice(2)) + 10) % 100;
    const passport = { ...good, series: `45${String(year).padStart(2, '0')}` };
    const v = await checkedVisit(c, clerk, 'issue', account, resident, passport);
    const reason = 'Бланк старого образца, паспорт сверен с базой МВД';
    const state = await approve(c, clerk, v, SUPERVISOR, reason);
    expect(state.approvalsGranted).toEqual(['passport-warnings']);
    await issue(c, clerk, v);
    await close(c, clerk, v);

    await app.reload();
    await openSupervisorArea(app, SUPERVISOR);
    await openTab(app, 'approvals');
    const table = app.getByTestId('approvals-table');
    const row = table.locator('tbody tr');
    await expect(row).toHaveCount(1);
    await expect(row.locator('td')).toHaveText([
      /^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/,
      account.payerCode,
      'предупреждения по паспорту',
      CLERK.fullName,
      SUPERVISOR.fullName,
      reason,
    ]);
    await expectNotClipped(app.getByRole('button', { name: 'Показать' }));
    await shot(app, 'supervisor-approvals');
    await expectAccessible(app, 'approvals');

    // From tomorrow on: none; from today: the one.
    await tabTo(app, 'С даты');
    await app.keyboard.type(typed(dayFromToday(1)));
    await app.keyboard.press('Enter');
    await expect(app.getByText('Подтверждений нет.')).toBeVisible();
    await retype(app, typed(today()));
    await app.keyboard.press('Enter');
    await expect(row).toHaveCount(1);
  });

  test('staff: create a clerk, disable and enable, clear a lock-out, set a new password; each takes effect', async ({
    app,
    core,
  }) => {
    test.skip(!core, 'signs the new clerk in through the in-process core');
    const c = core!;
    await seedStaff(c);
    await app.reload();
    await openSupervisorArea(app, SUPERVISOR);
    await openTab(app, 'staff');
    const table = app.getByTestId('staff-table');
    await expect(table.locator('tbody tr')).toHaveCount(2);

    // Esc closes the dialog, not the area.
    await tabTo(app, 'Добавить сотрудника');
    await app.keyboard.press('Enter');
    const dialog = app.getByRole('dialog', { name: 'Новый сотрудник' });
    await expect(dialog).toBeVisible();
    await app.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(app.getByRole('heading', { level: 1, name: 'Управление' })).toBeVisible();
    await expectFocused(app, 'Добавить сотрудника');

    const maria = {
      login: 'smirnova',
      fullName: 'Смирнова Мария Ивановна',
      password: 'Perviy-Parol-42',
    };
    await app.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    await expect(app.getByLabel('ФИО')).toBeFocused();
    await app.keyboard.type(maria.fullName);
    await app.keyboard.press('Tab');
    await app.keyboard.type(maria.login);
    await tabTo(app, 'Первый пароль (не менее 10 символов)');
    await app.keyboard.type('korotkiy');
    await app.keyboard.press('Enter');
    await expect(dialog.getByText('Не менее 10 символов', { exact: true })).toBeVisible();
    await shot(app, 'supervisor-staff-create');
    await expectAccessible(app, 'new staff member');
    await expect(app.getByLabel('Первый пароль (не менее 10 символов)')).toBeFocused();
    await retype(app, maria.password);
    await app.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(app.getByRole('tabpanel').getByRole('status')).toHaveText(
      `Сотрудник ${maria.login} добавлен.`,
    );
    const row = table.locator(`tr[data-login="${maria.login}"]`);
    await expect(row.locator('td').nth(3)).toHaveText('работает; сменит пароль при входе');
    const created = await signIn(c.ctx, maria.login, maria.password);
    expect(created).toMatchObject({
      fullName: maria.fullName,
      role: 'clerk',
      mustChangePassword: true,
    });
    await shot(app, 'supervisor-staff');
    await expectAccessible(app, 'staff');

    // Disabled: refused at sign-in; enabled again: let in.
    const attempt = (password: string) =>
      c.dispatch({ trusted: true, url: app.url() }, 'session.signIn', {
        login: maria.login,
        password,
      });
    await tabTo(app, `Отключить: ${maria.fullName}`);
    await app.keyboard.press('Enter');
    await expect(row.locator('td').nth(3)).toHaveText('отключён; сменит пароль при входе');
    expect(await attempt(maria.password)).toMatchObject({ ok: false, code: 'CLERK_DISABLED' });
    await expect(row.getByRole('button', { name: `Включить: ${maria.fullName}` })).toBeVisible();
    await pressUntilFocused(app, 'Tab', `Включить: ${maria.fullName}`);
    await app.keyboard.press('Enter');
    await expect(row.locator('td').nth(3)).toHaveText('работает; сменит пароль при входе');
    expect(await signIn(c.ctx, maria.login, maria.password)).toMatchObject({ login: maria.login });

    // Five wrong passwords lock her out; the supervisor lifts it and she gets in.
    for (let i = 0; i < 4; i++) {
      expect(await attempt('wrong-password-1')).toMatchObject({
        ok: false,
        code: 'BAD_CREDENTIALS',
      });
    }
    expect(await attempt('wrong-password-1')).toMatchObject({
      ok: false,
      code: 'CLERK_LOCKED_OUT',
    });
    expect(await attempt(maria.password)).toMatchObject({ ok: false, code: 'CLERK_LOCKED_OUT' });
    // She rings the supervisor, who comes back to the list.
    await backToTabs(app);
    await openTab(app, 'settings');
    await openTab(app, 'staff');
    await expect(row.locator('td').nth(3)).toContainText('вход заблокирован до');
    await tabTo(app, `Снять блокировку: ${maria.fullName}`);
    await app.keyboard.press('Enter');
    await expect(row.locator('td').nth(3)).toHaveText('работает; сменит пароль при входе');
    await expect(row.getByRole('button', { name: /^Снять блокировку/ })).toHaveCount(0);
    expect(await signIn(c.ctx, maria.login, maria.password)).toMatchObject({ login: maria.login });

    // A new password from the supervisor: the old one stops working, the new one works.
    const next = 'Novyi-Parol-2026';
    await pressUntilFocused(app, 'Tab', `Новый пароль: ${maria.fullName}`, 60);
    await app.keyboard.press('Enter');
    const reset = app.getByRole('dialog', { name: `Новый пароль: ${maria.fullName}` });
    await expect(reset).toBeVisible();
    await expect(app.getByLabel('Новый пароль (не менее 10 символов)')).toBeFocused();
    await app.keyboard.type(next);
    await app.keyboard.press('Enter');
    await expect(reset).toBeHidden();
    await expect(app.getByRole('tabpanel').getByRole('status')).toHaveText('Сохранено.');
    expect(await attempt(maria.password)).toMatchObject({ ok: false, code: 'BAD_CREDENTIALS' });
    expect(await signIn(c.ctx, maria.login, next)).toMatchObject({
      login: maria.login,
      mustChangePassword: true,
    });
    const stored = await c.ctx.store.run((m) => m.findOneByOrFail(Clerk, { login: maria.login }));
    expect(stored.passwordHash).not.toContain(next);

    // Esc leaves the area for the search.
    await app.keyboard.press('Escape');
    await expect(app.getByLabel(SEARCH)).toBeFocused();
  });

  test('settings: office, portal, deadline, idle lock, password policy and printer are saved and kept; a bad deadline saves nothing', async ({
    app,
    core,
  }) => {
    test.skip(!core, 'reads the settings back from the in-process core');
    const c = core!;
    const queue = ensureQueue(E2E_QUEUE);
    await seedStaff(c);
    const before = c.ctx.settings.get();
    expect(before.printer).toBeNull();
    await app.reload();
    await openSupervisorArea(app, SUPERVISOR);
    await openTab(app, 'settings');
    await expect(app.getByLabel('Название офиса')).toHaveValue(before.office.name);
    // No printer chosen yet: the field says so, its label above the value, not inside an
    // empty-looking field.
    const printerField = app.getByRole('combobox', { name: 'Принтер' });
    await expect(printerField).toHaveText('не выбран');
    await expect(app.locator('[data-shrink]', { hasText: /^Принтер$/ })).toHaveAttribute(
      'data-shrink',
      'true',
    );

    // Day 40 of a month: refused in Russian, nothing saved.
    const settingsChanges = () =>
      c.ctx.store.run((m) => m.countBy(AuditEvent, { action: 'settings.change' }));
    const changesBefore = await settingsChanges();
    const deadline = 'Показания счётчиков — не позднее этого числа месяца';
    await tabTo(app, deadline);
    await retype(app, '40');
    await app.keyboard.press('Enter');
    const deadlineField = app.getByLabel(deadline);
    await expect(deadlineField).toHaveAttribute('aria-invalid', 'true');
    await expect(app.getByText('Не больше 31')).toBeVisible();
    await expect(deadlineField).toBeFocused();
    await expect(app.getByText('Настройки сохранены.')).toBeHidden();
    await shot(app, 'supervisor-settings-error');
    await expectAccessible(app, 'settings with an error');
    expect(c.ctx.settings.get()).toEqual(before);
    expect(await settingsChanges()).toBe(changesBefore);

    // Now the real changes, field by field with Tab, and the printer from the system's list.
    const office = {
      name: 'Расчётный центр «Лефортово», окно 3',
      address: 'г. Москва, ул. Красноказарменная, д. 14',
      phone: '+7 495 123-45-67',
    };
    const portalUrl = 'https://lk.lefortovo.example.ru';
    await backToTabs(app);
    await tabTo(app, 'Название офиса');
    await retype(app, office.name);
    await tabTo(app, 'Адрес офиса');
    await retype(app, office.address);
    await tabTo(app, 'Телефон офиса');
    await retype(app, office.phone);
    await tabTo(app, /^Принтер/);
    await chooseWithKeyboard(app, 'Принтер', new RegExp(`^${queue.queue} — `));
    await tabTo(app, 'Адрес личного кабинета');
    await retype(app, portalUrl);
    await tabTo(app, deadline);
    await retype(app, '20');
    await tabTo(app, 'Длина временного пароля, символов');
    await retype(app, '12');
    await tabTo(app, 'Символов в группе на листе');
    await retype(app, '4');
    await tabTo(app, 'Блокировка экрана после простоя, минут');
    await retype(app, '30');
    await app.keyboard.press('Enter');
    await expect(app.getByRole('tabpanel').getByRole('status')).toHaveText('Настройки сохранены.');
    await shot(app, 'supervisor-settings');
    await expectAccessible(app, 'settings');

    const expected = {
      ...before,
      office: { ...before.office, ...office },
      portalUrl,
      printer: queue.queue,
      meterDeadlineDay: 20,
      password: { ...before.password, length: 12, groupSize: 4 },
      idleLockMinutes: 30,
    };
    expect(c.ctx.settings.get()).toEqual(expected);
    // Written to the database, not just held in memory: a fresh read of the stored document.
    expect(await new SettingsService(c.ctx.store).load()).toEqual(expected);
    expect(await settingsChanges()).toBe(changesBefore + 1);
    // The app bar names the office by its new name.
    await expect(app.getByText(`Access Desk · ${office.name}`)).toBeVisible();

    // Kept: after a reload the form shows what was saved.
    await app.reload();
    await expect(app.getByLabel(SEARCH)).toBeFocused();
    await pressUntilFocused(app, 'Shift+Tab', 'Управление');
    await app.keyboard.press('Enter');
    await openTab(app, 'settings');
    await expect(app.getByLabel('Название офиса')).toHaveValue(office.name);
    await expect(app.getByLabel('Адрес офиса')).toHaveValue(office.address);
    await expect(app.getByLabel('Телефон офиса')).toHaveValue(office.phone);
    await expect(app.getByLabel('Адрес личного кабинета')).toHaveValue(portalUrl);
    await expect(app.getByLabel(deadline)).toHaveValue('20');
    await expect(app.getByLabel('Длина временного пароля, символов')).toHaveValue('12');
    await expect(app.getByLabel('Символов в группе на листе')).toHaveValue('4');
    await expect(app.getByLabel('Блокировка экрана после простоя, минут')).toHaveValue('30');
    await expect(app.getByRole('combobox', { name: 'Принтер' })).toContainText(`${queue.queue} — `);
    expect(c.ctx.settings.get()).toEqual(expected);
  });

  test('passport list: the date and size of the list in use; a newer one is installed from a file', async ({
    app,
    core,
    platform,
  }) => {
    test.skip(!core, 'installs the list through the in-process core');
    const c = core!;
    await seedStaff(c);
    await app.reload();
    await openSupervisorArea(app, SUPERVISOR);
    await openTab(app, 'passportList');
    const status = app.getByTestId('passport-list-status');
    const shown = (iso: string) => iso.split('-').reverse().join('.');
    await expect(status).toContainText(
      `Загружен список от ${shown(recentListDate())}, записей: ${listedPassports().length}.`,
    );
    await expect(status).toContainText('Возраст списка, дней: 3 (допустимо до 14).');
    await expect(status).toContainText('Список актуален.');
    await shot(app, 'supervisor-passportList');
    await expectAccessible(app, 'passport list');

    // IT has built a newer list; the supervisor picks the file.
    const dir = mkdtempSync(join(tmpdir(), 'access-desk-newlist-'));
    try {
      const file = join(dir, 'invalid-passports.idx');
      const fresh = ['4510000111', '4511000222', '4512000333'];
      await buildInvalidPassportIndex(file, fresh, recentListDate(1));
      platform.nextPick = file;
      await expect(app.getByRole('tabpanel').getByRole('status')).toHaveCount(0);
      await tabTo(app, 'Выбрать файл списка и установить');
      await app.keyboard.press('Enter');
      await expect(status).toContainText(
        `Загружен список от ${shown(recentListDate(1))}, записей: ${fresh.length}.`,
      );
      await expect(app.getByRole('tabpanel').getByRole('status')).toHaveText('Список обновлён.');
      expect(c.passportList.current()?.meta).toMatchObject({
        listDate: recentListDate(1),
        entries: fresh.length,
      });
      expect(
        await c.ctx.store.run((m) => m.countBy(AuditEvent, { action: 'passportList.replace' })),
      ).toBe(1);

      // No command line: the MVD's own CSV is chosen, with the date the MVD gave it.
      const mvd = join(dir, 'list_of_expired_passports.csv');
      writeFileSync(
        mvd,
        'PASSP_SERIES,PASSP_NUMBER\n4513,000444\n4514,000555\n4515,000666\n4516,000777\n',
      );
      platform.nextPick = mvd;
      const dateField = app.getByLabel('Дата списка МВД');
      // A date that cannot be the list's is said under the field, before any file is asked for.
      await dateField.fill('30.02.2026');
      await dateField.press('Enter');
      await expect(app.getByText('Такой даты нет')).toBeVisible();
      await dateField.fill('вчера');
      await dateField.press('Enter');
      await expect(app.getByText('Неверный формат')).toBeVisible();
      expect(platform.nextPick).toBe(mvd);
      await dateField.fill(typed(today()));
      await dateField.press('Enter');
      await expect(status).toContainText(`Загружен список от ${shown(today())}, записей: 4.`);
      expect(c.passportList.current()?.has('4515', '000666')).toBe(true);
      expect(
        await c.ctx.store.run((m) => m.countBy(AuditEvent, { action: 'passportList.replace' })),
      ).toBe(2);
      await expect(app.getByText('npm run')).toHaveCount(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('sync: an operation the centre refused for good is listed and sent again; no conflicts', async ({
    app,
    core,
  }) => {
    test.skip(!core, 'marks an outbox operation dead in the in-process core');
    const c = core!;
    await seedStaff(c);
    const clerk = await staffMember(c, CLERK);
    const { account, resident } = (await residents(c, 'owner', 1))[0]!;
    const v = await checkedVisit(c, clerk, 'issue', account, resident);
    await issue(c, clerk, v);
    await close(c, clerk, v);
    // What the sync loop does when the centre refuses an operation for good.
    const [op] = await c.ctx.store.run((m) =>
      m.query<{ op_id: string; kind: string }[]>(
        "SELECT op_id, kind FROM outbox WHERE kind = 'credential.issue'",
      ),
    );
    const refusal = 'credential.issue refused: account is closed at the centre';
    await c.ctx.store.run((m) =>
      m.query("UPDATE outbox SET status = 'dead', attempts = 3, last_error = ? WHERE op_id = ?", [
        refusal,
        op!.op_id,
      ]),
    );

    await app.reload();
    await openSupervisorArea(app, SUPERVISOR);
    await openTab(app, 'sync');
    await expect(app.getByRole('heading', { level: 2, name: 'Синхронизация' })).toBeVisible();
    const dead = app.getByRole('region', { name: 'Операции, не принятые центром' });
    const deadRows = dead.locator('tbody tr');
    await expect(deadRows).toHaveCount(1);
    await expect(deadRows.locator('td')).toHaveText([
      op!.op_id.slice(0, 8),
      'credential.issue',
      account.payerCode,
      /^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/,
      '3',
      refusal,
      'Отправить снова',
    ]);
    const conflicts = app.getByRole('region', { name: 'Конфликты' });
    await expect(conflicts).toContainText('Конфликтов нет.');
    await shot(app, 'supervisor-sync');
    await expectAccessible(app, 'sync');

    await tabTo(app, `Отправить снова: ${op!.op_id.slice(0, 8)}`);
    await app.keyboard.press('Enter');
    await expect(app.getByRole('tabpanel').getByRole('status')).toHaveText(
      'Операция снова в очереди.',
    );
    await expect(dead).toContainText('Таких операций нет.');
    const [after] = await c.ctx.store.run((m) =>
      m.query<{ status: string }[]>('SELECT status FROM outbox WHERE op_id = ?', [op!.op_id]),
    );
    expect(after?.status).toBe('pending');
    expect(await c.ctx.store.run((m) => m.countBy(AuditEvent, { action: 'sync.deadRetry' }))).toBe(
      1,
    );
  });
});

test.describe('journey 5: supervisor, no passport list', () => {
  test.use({ demoAccounts: 300, invalidPassports: null });

  test('the passport list tab warns that no list is loaded', async ({ app, core }) => {
    test.skip(!core, 'needs the in-process core to seed staff');
    await seedStaff(core!);
    await app.reload();
    await openSupervisorArea(app, SUPERVISOR);
    await openTab(app, 'passportList');
    const status = app.getByTestId('passport-list-status');
    await expect(status.getByRole('alert')).toHaveText(
      'Список не загружен: каждая проверка паспорта потребует подтверждения старшего специалиста.',
    );
    await expect(status).not.toContainText('Загружен список');
    await shot(app, 'supervisor-passportList-missing');
    await expectAccessible(app, 'passport list missing');
  });
});

/** Signs the supervisor in and runs `n` registry searches, each an audit entry of its own. */
async function signInWithSearches(page: Page, n: number, query: string) {
  const res = await invoke(page, 'session.signIn', {
    login: SUPERVISOR.login,
    password: SUPERVISOR.password,
  });
  expect(res.ok).toBe(true);
  for (let i = 0; i < n; i++) {
    expect((await invoke(page, 'registry.search', { query })).ok).toBe(true);
  }
  const out = await invoke(page, 'session.signOut', {});
  expect(out.ok).toBe(true);
}

async function setPrinter(core: Core, printer: string) {
  await core.ctx.store.tx((m) => core.ctx.settings.update(m, { printer }, new Date()));
}

/** The element's text fits in it: nothing is cut off at its edges. */
async function expectNotClipped(locator: Locator): Promise<void> {
  const box = await locator.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(box.scroll, 'text width within the element').toBeLessThanOrEqual(box.client);
}

function median(xs: number[]): number {
  const s = [...xs].sort((p, q) => p - q);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Minutes as the report shows a visit's length. */
function duration(min: number): string {
  const s = min * 60;
  return `${Math.floor(s / 60)} мин ${Math.round(s % 60)} с`;
}

/** A row of one of the report's tables, as { column heading: cell text }. */
async function reportRow(
  page: Page,
  section: 'report-clerks' | 'report-offices',
  name: string,
): Promise<Record<string, string>> {
  const table = page.locator(`section[aria-labelledby="${section}"] table`);
  const headings = await table.locator('thead th').allTextContents();
  const row = table
    .locator('tbody tr')
    .filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  if ((await row.count()) !== 1) return {};
  const cells = await row.locator('th, td').allTextContents();
  return Object.fromEntries(headings.slice(1).map((h, i) => [h, cells[i + 1] ?? '']));
}
