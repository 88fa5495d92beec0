// Journey 1 (issue access), with the keyboard only, against the
// real core, a real encrypted database and a real CUPS queue.
import { verify } from '@node-rs/argon2';
import { Credential, Outbox } from '../../electron/core/db/entities';
import { expectAccessible } from './harness/a11y';
import { expect, test } from './harness/fixtures';
import {
  billQr,
  databaseFiles,
  expectFocused,
  logFiles,
  mrzLines,
  ownerAccount,
  passportWithMrz,
  scan,
  signInWithKeyboard,
  storeDump,
  SEARCH,
  PASSWORD,
  passwordOnPaper,
} from './harness/journeys';
import { listedPassports } from './harness/passport-list';
import { E2E_QUEUE, ensureQueue, removePrinted, waitForPrinted } from './harness/printer';
import { CLERK, seedStaff, shot } from './harness/support';

test.describe('journey 1: issue access', () => {
  test.use({ demoAccounts: 300, invalidPassports: listedPassports(), printerQueue: E2E_QUEUE });

  test('scanned bill, scanned passport, consent, password, sheet; the password is on paper and nowhere else', async ({
    app,
    core,
    dataDir,
    logs,
  }) => {
    test.skip(!core, 'reads the core directly');
    const c = core!;
    await seedStaff(c);
    const { account, resident } = await ownerAccount(c);
    const passport = passportWithMrz(resident.birthDate, '318464');
    const queue = ensureQueue(E2E_QUEUE);
    await app.reload();
    await signInWithKeyboard(app, CLERK);

    // The search field has the focus; the scanner types the bill's QR code and Enter.
    await expect(app.getByLabel(SEARCH)).toBeFocused();
    await shot(app, 'search');
    await expectAccessible(app, 'search');
    await scan(app, billQr(account.payerCode));

    // One account: its card opens, and Enter starts issuing access.
    await expect(
      app.getByRole('heading', { name: `Лицевой счёт ${account.payerCode}` }),
    ).toBeVisible();
    await expect(app.getByText('Доступ в личный кабинет не выдавался.')).toBeVisible();
    await expectFocused(app, 'Выдать доступ');
    await shot(app, 'account-card-new');
    await expectAccessible(app, 'account card');
    await app.keyboard.press('Enter');

    // Who came: the owner is first and focused.
    await expect(app.getByRole('heading', { name: 'Кто обратился?' })).toBeVisible();
    await expectFocused(app, new RegExp(`${resident.surname} ${resident.givenName}`));
    await shot(app, 'visit-person');
    await expectAccessible(app, 'person');
    await app.keyboard.press('Enter');

    // The passport: the MRZ comes as two lines, each with Enter, and fills the form.
    await expect(app.getByLabel('Скан паспорта (MRZ)')).toBeFocused();
    const [line1, line2] = mrzLines(resident, passport);
    await scan(app, line1);
    await expect(app.getByText('Получена первая строка, ожидается вторая…')).toBeVisible();
    await scan(app, line2);
    await expect(app.getByLabel('Серия')).toHaveValue(passport.series);
    await expect(app.getByLabel('Номер')).toHaveValue(passport.number);
    await expect(app.getByLabel('Фамилия')).toHaveValue(resident.surname);
    await expect(app.getByLabel('Кем выдан')).toBeFocused();
    // Enter before the authority is typed: the field says what is missing and keeps the focus.
    await app.keyboard.press('Enter');
    await expect(app.getByLabel('Кем выдан')).toHaveAccessibleDescription('Заполните поле');
    await expect(app.getByLabel('Кем выдан')).toBeFocused();
    await app.keyboard.type(passport.issuedBy);
    await shot(app, 'visit-passport-scanned');
    await expectAccessible(app, 'passport');
    await app.keyboard.press('Enter');

    // Consent: print, the "signed" box takes the focus, Space ticks it, Enter issues.
    await expect(
      app.getByRole('heading', { name: 'Согласие на обработку персональных данных' }),
    ).toBeVisible();
    await expectFocused(app, 'Распечатать согласие');
    const consentSince = Date.now();
    await app.keyboard.press('Enter');
    await expect(app.getByText(/Бланк .+ отправлен на принтер «AccessDeskE2E»/)).toBeVisible();
    await expect(app.getByLabel('Житель подписал оба экземпляра')).toBeFocused();
    await app.keyboard.press('Space');
    await expectFocused(app, 'Выдать пароль');
    // No centre here (a demo workstation): the clerk hears before printing what the sheet
    // will say about when access starts.
    await expect(app.getByTestId('activation-notice')).toContainText(
      'Центр сейчас не подключён: пароль заработает только после передачи данных в центр',
    );
    await shot(app, 'visit-consent');
    await expectAccessible(app, 'consent');
    const since = Date.now();
    await app.keyboard.press('Enter');

    // The password is shown large, the sheet prints by itself, "done" has the focus.
    const status = app.getByTestId('sheet-status');
    await expect(status).toHaveAttribute('data-result', 'printed', { timeout: 30_000 });
    const shown = (await app.getByTestId('issued-password').textContent()) ?? '';
    expect(shown).toMatch(PASSWORD);
    await expectFocused(app, 'Готово — завершить обращение');
    await shot(app, 'visit-sheet-printed');
    await expectAccessible(app, 'sheet');
    const serial = /Лист (\S+) напечатан/.exec((await status.textContent()) ?? '')?.[1] ?? '';
    expect(serial).toMatch(/-I\d{6}$/);

    // The paper: the password on it is the one shown, and it opens the stored hash.
    const sheet = await waitForPrinted(queue, since, [account.payerCode, serial]);
    const consentForm = await waitForPrinted(queue, consentSince, [
      account.payerCode,
      resident.surname,
      'Согласие',
    ]);
    try {
      const password = passwordOnPaper(sheet.text);
      expect(password).toBe(shown);
      // And the sheet does not promise a time it cannot keep.
      expect(sheet.text.replace(/\s+/g, ' ')).toContain(
        'Доступ начнёт работать после того, как данные о выдаче будут переданы в центр.',
      );
      const credential = await c.ctx.store.run((m) =>
        m.findOneByOrFail(Credential, { accountId: account.accountId, status: 'active' }),
      );
      expect(await verify(credential.passwordHash, password)).toBe(true);
      expect(credential.passwordHash).not.toContain(password);

      // Enter ends the visit and the search has the focus again: what the clerk types at once
      // for the next resident (here while the visit is still being closed) is all there.
      await app.keyboard.press('Enter');
      await app.keyboard.type('17');
      await expect(
        app.getByText(`Обращение завершено. Лист ${serial} выдан жителю.`),
      ).toBeVisible();
      await expect(app.getByLabel(SEARCH)).toBeFocused();
      await expect(app.getByLabel(SEARCH)).toHaveValue('17');
      await app.keyboard.type('3');
      await expect(app.getByLabel(SEARCH)).toHaveValue('173');
      expect(await app.locator('body').innerText()).not.toContain(password);

      // Nowhere else: not in any table (decrypted), the outbox, the database files, the logs.
      expect(await storeDump(c)).not.toContain(password);
      const outbox = await c.ctx.store.run((m) => m.find(Outbox));
      expect(outbox.length).toBeGreaterThan(0);
      expect(JSON.stringify(outbox)).not.toContain(password);
      for (const file of databaseFiles(dataDir)) {
        expect(file.includes(Buffer.from(password, 'utf8'))).toBe(false);
      }
      expect(JSON.stringify(logs.records)).not.toContain(password);
      for (const log of logFiles(dataDir)) expect(log).not.toContain(password);
      expect(consentForm.text).not.toContain(password);
      // The consent form names the resident's whole address, the city first.
      expect(consentForm.text.replace(/\s+/g, ' ')).toContain(`г. Москва, ${account.address.line}`);
    } finally {
      removePrinted(sheet.path);
      removePrinted(consentForm.path);
    }
  });
});
