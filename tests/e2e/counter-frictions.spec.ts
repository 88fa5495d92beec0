// Issue 13's frictions at the counter, each as the clerk meets it, with the keyboard only,
// against the real core and a real encrypted store.
import { searchRegistry } from '../../electron/core/registry/search';
import { expect, test } from './harness/fixtures';
import {
  expectFocused,
  ownerAccount,
  residents,
  scan,
  signInWithKeyboard,
  SEARCH,
  today,
  typePassport,
  visitedEarlier,
  startIssue,
} from './harness/journeys';
import { listedPassports } from './harness/passport-list';
import { E2E_QUEUE, ensureQueue, removePrinted, waitForPrinted } from './harness/printer';
import { backToTabs, openSupervisorArea, openTab, tabTo } from './harness/supervisor';
import { CLERK, SUPERVISOR, seedStaff, shot } from './harness/support';
import { expectAccessible } from './harness/a11y';
import { passportFor } from '../support/passports';

test.describe('counter frictions', () => {
  test.use({ demoAccounts: 300, invalidPassports: listedPassports() });

  test('surname + given name finds the one resident, and the person step has them, not the owner, focused, also after Esc', async ({
    app,
    core,
  }) => {
    test.skip(!core, 'reads the core directly');
    const c = core!;
    await seedStaff(c);
    // A registered (not owner) resident whose surname and given name no one else has.
    let found: Awaited<ReturnType<typeof residents>>[number] | undefined;
    for (const candidate of await residents(c, 'registered', 40)) {
      const { surname, givenName } = candidate.resident;
      const owners = candidate.account.residents.filter((r) => r.relation === 'owner');
      const r = await searchRegistry(c.ctx.store, `${surname} ${givenName}`);
      if (r.accounts.length === 1 && owners.length > 0) {
        found = candidate;
        break;
      }
    }
    if (!found) throw new Error('no registered resident with a unique name in the demo registry');
    const { account, resident } = found;
    const who = new RegExp(`^${resident.surname} ${resident.givenName}`);
    await app.reload();
    await signInWithKeyboard(app, CLERK);

    // Typed as a clerk would: lower case, е for ё.
    await expect(app.getByLabel(SEARCH)).toBeFocused();
    await scan(app, `${resident.surname} ${resident.givenName}`.toLowerCase().replace(/ё/g, 'е'));
    await expect(
      app.getByRole('heading', { name: `Лицевой счёт ${account.payerCode}` }),
    ).toBeVisible();
    await app.keyboard.press('Enter');

    await expect(app.getByRole('heading', { name: 'Кто обратился?' })).toBeVisible();
    await expectFocused(app, who);
    await expect(app.locator(':focus')).toContainText('найден поиском');
    await shot(app, 'visit-person-searched');

    // On to the passport and back with Esc: the same person has the focus again.
    await app.keyboard.press('Enter');
    await expect(app.getByRole('heading', { name: 'Паспорт', exact: true })).toBeVisible();
    await app.keyboard.press('Escape');
    await expect(app.getByRole('heading', { name: 'Кто обратился?' })).toBeVisible();
    await expectFocused(app, who);

    // Esc ends the visit; a new one on the same card starts with them again.
    await app.keyboard.press('Escape');
    await expect(
      app.getByRole('heading', { name: `Лицевой счёт ${account.payerCode}` }),
    ).toBeVisible();
    await app.getByRole('button', { name: /Выдать доступ|Сбросить пароль/ }).focus();
    await app.keyboard.press('Enter');
    await expectFocused(app, who);
  });

  test.describe('with a printer', () => {
    test.use({ printerQueue: E2E_QUEUE });

    test('Esc at the consent offers the way back to the passport, speaks of no password, and the corrected form is printed anew', async ({
      app,
      core,
    }) => {
      test.skip(!core, 'reads the core directly');
      const c = core!;
      await seedStaff(c);
      const { account, resident } = await ownerAccount(c, 3);
      await app.reload();
      await signInWithKeyboard(app, CLERK);
      await startIssue(app, account, resident);
      const passport = passportFor(resident.birthDate, today(), '402113');
      // A slip in the issuing authority the rules cannot see.
      await typePassport(app, { ...passport, issuedBy: 'ГУ МВД Роcсии по г. Москве' });
      await app.keyboard.press('Enter');
      const consent = app.getByRole('heading', {
        name: 'Согласие на обработку персональных данных',
      });
      await expect(consent).toBeVisible();
      await expectFocused(app, 'Распечатать согласие');
      await app.keyboard.press('Enter');
      const printedStatus = app.getByText(/Бланк (\S+) отправлен на принтер «AccessDeskE2E»/);
      await expect(printedStatus).toBeVisible();
      const first = /Бланк (\S+) отправлен/.exec((await printedStatus.textContent()) ?? '')![1];

      // The slip is seen on the paper. Esc asks, says no password is lost, offers the way back.
      await app.keyboard.press('Escape');
      const dialog = app.getByRole('dialog', { name: 'Завершить обращение?' });
      await expect(dialog).toContainText('Обращение будет закрыто без выдачи пароля.');
      await expect(dialog).toContainText('вернитесь к паспорту и исправьте её');
      await expect(dialog).not.toContainText('пароль на экране');
      await expectFocused(app, 'Продолжить обращение');
      await shot(app, 'visit-consent-esc');
      await expectAccessible(app, 'end visit at the consent');
      await app.keyboard.press('Tab');
      await expectFocused(app, 'Вернуться к паспорту');
      await app.keyboard.press('Enter');

      // The passport form again, with what was checked; put right and checked anew.
      await expect(app.getByRole('heading', { name: 'Паспорт', exact: true })).toBeVisible();
      const issuedBy = app.getByLabel('Кем выдан');
      await expect(issuedBy).toHaveValue('ГУ МВД Роcсии по г. Москве');
      await expect(app.getByLabel('Номер')).toHaveValue(passport.number);
      await issuedBy.fill(passport.issuedBy);
      await app.keyboard.press('Enter');
      await expect(consent).toBeVisible();
      // The form printed with the slip no longer counts: the corrected one is printed first.
      await expect(printedStatus).toBeHidden();
      await expect(app.getByLabel('Житель подписал оба экземпляра')).toHaveCount(0);
      await expectFocused(app, 'Распечатать согласие');
      const since = Date.now();
      await app.keyboard.press('Enter');
      await expect(printedStatus).toBeVisible();
      const second = /Бланк (\S+) отправлен/.exec((await printedStatus.textContent()) ?? '')![1];
      expect(second).not.toBe(first);
      const paper = await waitForPrinted(ensureQueue(E2E_QUEUE), since, [
        second!,
        passport.issuedBy,
      ]);
      removePrinted(paper.path);
    });
  });

  test.describe('a printer that cannot print', () => {
    test.use({ printerQueue: null });

    test('is said on the search screen and when a visit starts, not first at the consent step', async ({
      app,
      core,
    }) => {
      test.skip(!core, 'reads the core directly');
      const c = core!;
      await seedStaff(c);
      // A printer chosen once that the system no longer has.
      await c.ctx.store.tx((m) => c.ctx.settings.update(m, { printer: 'Counter9' }, new Date()));
      const { account } = await ownerAccount(c);
      await app.reload();
      await signInWithKeyboard(app, CLERK);
      const warning = app.getByTestId('printer-warning');
      await expect(warning).toContainText('Принтера «Counter9» нет в системе');
      // A clerk gets the reason, not the spooler's words; the search field keeps the focus.
      await expect(warning).not.toContainText('для ИТ');
      await expect(app.getByLabel(SEARCH)).toBeFocused();
      await shot(app, 'search-printer-missing');

      await scan(app, account.payerCode);
      await expectFocused(app, 'Выдать доступ');
      await app.keyboard.press('Enter');
      await expect(app.getByRole('heading', { name: 'Кто обратился?' })).toBeVisible();
      await expect(warning).toContainText('Принтера «Counter9» нет в системе');

      // Put right in the settings, the warning goes at the next check.
      const { queue } = ensureQueue(E2E_QUEUE);
      await c.ctx.store.tx((m) => c.ctx.settings.update(m, { printer: queue }, new Date()));
      await warning.getByRole('button', { name: 'Проверить снова' }).click();
      await expect(warning).toBeHidden();
    });
  });

  test('the card says before a reset that a second one within 30 days needs a supervisor', async ({
    app,
    core,
  }) => {
    test.skip(!core, 'reads the core directly');
    const c = core!;
    const { clerk } = await seedStaff(c);
    const { account, resident } = await ownerAccount(c, 1);
    await visitedEarlier(c, clerk, account, resident, '402113');
    await app.reload();
    await signInWithKeyboard(app, CLERK);
    await scan(app, account.payerCode);
    await expectFocused(app, 'Сбросить пароль');
    // One issue only: nothing to warn about yet.
    await expect(app.getByText(/Повторный сброс/)).toBeHidden();

    await app.keyboard.press('Escape');
    await app.getByRole('button', { name: 'Выйти' }).click();
    await expect(app.getByLabel('Логин')).toBeFocused();
    await visitedEarlier(c, clerk, account, resident, '402113', 'reset');
    await signInWithKeyboard(app, CLERK);
    await scan(app, account.payerCode);
    await expectFocused(app, 'Сбросить пароль');
    // The page runs in the office's time zone; after 21:00 UTC Moscow is already tomorrow.
    const day = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow' }).format(new Date());
    await expect(
      app.getByText(
        `Пароль уже сбрасывали ${day}. Повторный сброс в течение 30 дней подтверждает руководитель: пригласите его к стойке.`,
      ),
    ).toBeVisible();
    await shot(app, 'account-card-repeat-reset');
  });

  test('settings: a tab switch with unsaved changes asks first; after saving the focus is on the outcome', async ({
    app,
    core,
  }) => {
    test.skip(!core, 'reads the settings back from the in-process core');
    const c = core!;
    await seedStaff(c);
    const before = c.ctx.settings.get().office.name;
    await app.reload();
    await openSupervisorArea(app, SUPERVISOR);
    await openTab(app, 'settings');
    await tabTo(app, 'Название офиса');
    await app.keyboard.press('End');
    await app.keyboard.type(', окно 4');
    await backToTabs(app);
    await app.keyboard.press('ArrowRight');
    await app.keyboard.press('Enter');

    // Asked, with going back focused: Enter keeps the change and the tab.
    const dialog = app.getByRole('dialog', { name: 'Изменения не сохранены' });
    await expect(dialog).toBeVisible();
    await expectFocused(app, 'Вернуться к изменениям');
    await shot(app, 'supervisor-settings-unsaved', { fullPage: false });
    await expectAccessible(app, 'unsaved settings prompt');
    await app.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(app.getByRole('tab', { name: 'Настройки' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(app.getByLabel('Название офиса')).toHaveValue(`${before}, окно 4`);

    // Saved with Enter in the field: the focus lands on the outcome, not on the page.
    await app.getByLabel('Название офиса').focus();
    await app.keyboard.press('Enter');
    const saved = app.getByRole('tabpanel').getByRole('status');
    await expect(saved).toHaveText('Настройки сохранены.');
    await expect(saved).toBeFocused();
    expect(c.ctx.settings.get().office.name).toBe(`${before}, окно 4`);

    // Nothing unsaved: the switch is immediate. Changed again and left without saving: gone.
    await backToTabs(app);
    await app.keyboard.press('ArrowRight');
    await app.keyboard.press('Enter');
    await expect(app.getByRole('tab', { name: 'Список паспортов' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await app.keyboard.press('ArrowLeft');
    await app.keyboard.press('Enter');
    await tabTo(app, 'Название офиса');
    await app.keyboard.type('!');
    await backToTabs(app);
    await app.keyboard.press('ArrowLeft');
    await app.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    await app.getByRole('button', { name: 'Уйти без сохранения' }).click();
    await expect(app.getByRole('tab', { name: 'Сотрудники' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(c.ctx.settings.get().office.name).toBe(`${before}, окно 4`);
  });

  test('a name that matches no resident says which part differs and puts the focus there', async ({
    app,
    core,
  }) => {
    test.skip(!core, 'reads the core directly');
    const c = core!;
    await seedStaff(c);
    const { account, resident } = await ownerAccount(c, 2);
    await app.reload();
    await signInWithKeyboard(app, CLERK);
    await startIssue(app, account, resident);
    await typePassport(app, passportFor(resident.birthDate, today(), '402113'));
    // The passport's patronymic has a slip the clerk did not notice.
    const patronymic = app.getByLabel('Отчество');
    await patronymic.fill(`${resident.patronymic}а`);
    await app.keyboard.press('Enter');

    const verdict = app.getByTestId('passport-verdict');
    await expect(verdict).toContainText(
      'Паспорт не совпадает с данными лицевого счёта. Отличается: отчество.',
    );
    await expect(patronymic).toBeFocused();
    await expect(patronymic).toHaveAttribute('aria-invalid', 'true');
    await expect(
      app.getByText('Не совпадает с данными лицевого счёта', { exact: true }),
    ).toBeVisible();
    await shot(app, 'visit-passport-name-differs');
    await expectAccessible(app, 'name differs');

    // Put right, the check passes.
    await patronymic.fill(resident.patronymic);
    await app.keyboard.press('Enter');
    await expect(
      app.getByRole('heading', { name: 'Согласие на обработку персональных данных' }),
    ).toBeVisible();
  });
});
