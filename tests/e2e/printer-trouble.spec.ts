// Journey 3 (printer trouble), with the keyboard only, on a real CUPS queue that stops taking
// jobs the way an offline printer does: the sheet fails, is printed again during the visit
// with the same password and serial, and after the visit the app explains that another
// sheet needs a reset.
import { AuditEvent, PrintedSheet } from '../../electron/core/db/entities';
import { expectAccessible } from './harness/a11y';
import { expect, test } from './harness/fixtures';
import {
  expectFocused,
  ownerAccount,
  scan,
  signInWithKeyboard,
  today,
  typePassport,
  SEARCH,
  PASSWORD,
  passwordOnPaper,
  startIssue,
} from './harness/journeys';
import { listedPassports } from './harness/passport-list';
import {
  JAM_QUEUE,
  acceptJobs,
  ensureQueue,
  rejectJobs,
  removePrinted,
  waitForPrinted,
} from './harness/printer';
import { CLERK, seedStaff, shot } from './harness/support';
import { passportFor } from '../support/passports';

test.describe('journey 3: printer trouble', () => {
  test.use({ demoAccounts: 300, invalidPassports: listedPassports(), printerQueue: JAM_QUEUE });

  test('the sheet fails, prints again with the same password; after the visit a new sheet means a reset', async ({
    app,
    core,
  }) => {
    test.skip(!core, 'reads the core directly');
    const c = core!;
    await seedStaff(c);
    const { account, resident } = await ownerAccount(c, 5);
    const queue = ensureQueue(JAM_QUEUE);
    await app.reload();
    await signInWithKeyboard(app, CLERK);
    await startIssue(app, account, resident);
    await typePassport(app, passportFor(resident.birthDate, today(), '731904'));
    await app.keyboard.press('Enter');
    await expectFocused(app, 'Распечатать согласие');
    await app.keyboard.press('Enter');
    await expect(app.getByText(/Бланк .+ отправлен на принтер/)).toBeVisible();
    await app.keyboard.press('Space');
    await expectFocused(app, 'Выдать пароль');

    // The printer goes offline just as the password is issued.
    rejectJobs(JAM_QUEUE);
    let sheetPath: string | null = null;
    try {
      await app.keyboard.press('Enter');
      const status = app.getByTestId('sheet-status');
      await expect(status).toHaveAttribute('data-result', 'failed', { timeout: 30_000 });
      const failedSerial = /Лист (\S+) не напечатан/.exec((await status.textContent()) ?? '')?.[1];
      expect(failedSerial).toMatch(/-I\d{6}$/);
      await expect(app.getByText(/Проверьте принтер: включён, есть бумага/)).toBeVisible();
      // Why, in the clerk's words; CUPS's English stays in the record for the supervisor.
      await expect(status).toContainText(`Принтер «${JAM_QUEUE}» не принимает задания`);
      await expect(status).not.toContainText('not accepting');
      const shown = (await app.getByTestId('issued-password').textContent()) ?? '';
      expect(shown).toMatch(PASSWORD);
      await expectFocused(app, 'Напечатать снова');
      await shot(app, 'visit-sheet-failed');
      await expectAccessible(app, 'sheet failed');

      // Paper in, printer back: Enter prints the same sheet again.
      acceptJobs(JAM_QUEUE);
      const since = Date.now();
      await app.keyboard.press('Enter');
      await expect(status).toHaveAttribute('data-result', 'printed', { timeout: 30_000 });
      await expect(status).toContainText(`Лист ${failedSerial} напечатан`);
      await expect(app.getByTestId('issued-password')).toHaveText(shown);
      const sheet = await waitForPrinted(queue, since, [account.payerCode, failedSerial!]);
      sheetPath = sheet.path;
      expect(passwordOnPaper(sheet.text)).toBe(shown);

      // Both attempts are on record: in the sheets table and in the audit log.
      const prints = await c.ctx.store.run((m) =>
        m.find(PrintedSheet, { where: { kind: 'info' }, order: { printedAt: 'ASC' } }),
      );
      expect(prints.map((p) => [p.serial, p.result, p.printer])).toEqual([
        [failedSerial, 'failed', JAM_QUEUE],
        [failedSerial, 'printed', JAM_QUEUE],
      ]);
      const actions = await c.ctx.store.run((m) => m.find(AuditEvent, { order: { seq: 'ASC' } }));
      const sheetActions = actions
        .filter((a) => a.action.startsWith('sheet.'))
        .map((a) => a.action);
      expect(sheetActions).toEqual(['sheet.printFailed', 'sheet.print']);

      // The visit ends; the account card can no longer print that sheet: its button is named for
      // what it gives (a new sheet, by a reset) and the dialog says why.
      await app.keyboard.press('Enter');
      await expect(app.getByLabel(SEARCH)).toBeFocused();
      await scan(app, account.payerCode);
      await expectFocused(app, 'Сбросить пароль');
      await app.keyboard.press('Tab');
      await expectFocused(app, 'Новый лист вместо утерянного');
      await app.keyboard.press('Enter');
      const dialog = app.getByRole('dialog', { name: 'Новый лист — только со сбросом пароля' });
      await expect(dialog).toBeVisible();
      await expect(dialog).toContainText('старый лист напечатать нельзя');
      await expect(dialog).toContainText('сбросьте пароль');
      await expectFocused(app, 'Сбросить пароль');
      await shot(app, 'account-reprint-dialog');
      await expectAccessible(app, 'reprint dialog');
      await app.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      // The password is nowhere on the screen any more.
      expect(await app.locator('body').innerText()).not.toContain(shown);
    } finally {
      acceptJobs(JAM_QUEUE);
      if (sheetPath) removePrinted(sheetPath);
    }
  });
});
