// The system print dialog, the way out when the chosen printer cannot take the job (issue 15).
// The counter's printer is a real CUPS queue that refuses jobs; the dialog is the one part
// stood in for (on Windows SumatraPDF opens Windows' own, which cannot run here): the clerk
// "chooses" another real queue in it. The consent form and the sheet both go out that way,
// the sheet with the same password, and the record says they went through the dialog.
import { PrintedSheet } from '../../electron/core/db/entities';
import { SYSTEM_DIALOG } from '../../shared/domain/printing';
import { expectAccessible } from './harness/a11y';
import { expect, test } from './harness/fixtures';
import {
  expectFocused,
  ownerAccount,
  passwordOnPaper,
  signInWithKeyboard,
  today,
  typePassport,
  PASSWORD,
  startIssue,
} from './harness/journeys';
import { listedPassports } from './harness/passport-list';
import {
  DIALOG_QUEUE,
  acceptJobs,
  ensureQueue,
  rejectJobs,
  removePrinted,
  waitForPrinted,
} from './harness/printer';
import { CLERK, seedStaff, shot } from './harness/support';
import { passportFor } from '../support/passports';

/** The counter's own printer in this test: it refuses every job. Nobody else prints there. */
const OFF_QUEUE = 'AccessDeskE2EOff';

test.describe('printing through the system dialog', () => {
  test.use({
    demoAccounts: 300,
    invalidPassports: listedPassports(),
    printerQueue: OFF_QUEUE,
    dialogQueue: DIALOG_QUEUE,
  });

  test('after a failed print, the consent form and the sheet go out through the dialog', async ({
    app,
    core,
  }) => {
    test.skip(!core, 'reads the core directly');
    const c = core!;
    await seedStaff(c);
    const dialogQueue = ensureQueue(DIALOG_QUEUE);
    ensureQueue(OFF_QUEUE);
    rejectJobs(OFF_QUEUE);
    const printedPaths: string[] = [];
    try {
      const { account, resident } = await ownerAccount(c, 7);
      await app.reload();
      await signInWithKeyboard(app, CLERK);
      await startIssue(app, account, resident);
      await typePassport(app, passportFor(resident.birthDate, today(), '731905'));
      await app.keyboard.press('Enter');

      // The consent form fails on the counter's printer; the dialog is offered, and works.
      await expectFocused(app, 'Распечатать согласие');
      await app.keyboard.press('Enter');
      await expect(app.getByText(/Бланк .+ не напечатан/)).toBeVisible();
      const consentDialog = app.getByRole('button', { name: 'Печать через системный диалог' });
      await expect(consentDialog).toBeVisible();
      let since = Date.now();
      await consentDialog.click();
      await expect(
        app.getByText(/Бланк .+ передан на печать через системный диалог/),
      ).toBeVisible();
      await expect(consentDialog).toBeHidden();
      const consent = await waitForPrinted(dialogQueue, since, [account.payerCode]);
      printedPaths.push(consent.path);
      await app.getByRole('checkbox', { name: /подписал/ }).check();
      await app.getByRole('button', { name: 'Выдать пароль' }).click();

      // The sheet fails too; «Напечатать снова» keeps the focus, the dialog is the other way.
      const status = app.getByTestId('sheet-status');
      await expect(status).toHaveAttribute('data-result', 'failed', { timeout: 30_000 });
      await expectFocused(app, 'Напечатать снова');
      const shown = (await app.getByTestId('issued-password').textContent()) ?? '';
      expect(shown).toMatch(PASSWORD);
      await shot(app, 'visit-sheet-dialog-offered');
      await expectAccessible(app, 'sheet failed, dialog offered');
      since = Date.now();
      await app.getByRole('button', { name: 'Печать через системный диалог' }).click();
      await expect(status).toHaveAttribute('data-result', 'printed', { timeout: 30_000 });
      await expect(status).toContainText('передан на печать через системный диалог');
      await expect(status).toContainText('Убедитесь, что он вышел из принтера');
      const sheet = await waitForPrinted(dialogQueue, since, [account.payerCode, 'Логин']);
      printedPaths.push(sheet.path);
      expect(passwordOnPaper(sheet.text)).toBe(shown);
      await shot(app, 'visit-sheet-dialog-printed');

      // On record: the failures on the counter's printer, the prints through the dialog.
      const rows = await c.ctx.store.run((m) =>
        m.find(PrintedSheet, { order: { printedAt: 'ASC' } }),
      );
      expect(rows.map((r) => [r.kind, r.result, r.printer])).toEqual([
        ['consent', 'failed', OFF_QUEUE],
        ['consent', 'printed', SYSTEM_DIALOG],
        ['info', 'failed', OFF_QUEUE],
        ['info', 'printed', SYSTEM_DIALOG],
      ]);
    } finally {
      acceptJobs(OFF_QUEUE);
      for (const p of printedPaths) removePrinted(p);
    }
  });
});
