// Journey: the personal-data lifecycle (issue 14). The resident withdraws their consent at the
// counter; thirty days later the supervisor sees what is due, destroys it, and prints the act
// and its log extract; the resident comes back and the clerk prints the answer to their
// request: what the operator holds about them, the act included. Keyboard only, axe-clean,
// and the printed PDFs read back from a real CUPS queue.
import { Consent, PassportCheck } from '../../electron/core/db/entities';
import { fullName } from '../../renderer/src/lib/names';
import { passportFor } from '../support/passports';
import { expectAccessible } from './harness/a11y';
import { expect, test } from './harness/fixtures';
import {
  expectFocused,
  ownerAccount,
  scan,
  signInWithKeyboard,
  today,
  typePassport,
  visitedEarlier,
} from './harness/journeys';
import { listedPassports } from './harness/passport-list';
import { ensureQueue, removePrinted, waitForPrinted } from './harness/printer';
import { openSupervisorArea, openTab, pressUntilFocused } from './harness/supervisor';
import { CLERK, SUPERVISOR, seedStaff, shot } from './harness/support';

const QUEUE = 'AccessDeskE2EPersonalData';
const DAY = 86_400_000;
const NUMBER = '407215';

test.describe('journey: destroying what a withdrawn consent covered', () => {
  test.use({ demoAccounts: 300, printerQueue: QUEUE, invalidPassports: listedPassports() });

  test('withdraw, destroy what is due, print the act and the extract, print a subject report', async ({
    app,
    core,
    clock,
  }) => {
    test.skip(!core, 'moves the core clock and reads the core directly');
    const c = core!;
    const q = ensureQueue(QUEUE);
    const printed: string[] = [];
    const { clerk } = await seedStaff(c);
    const { account, resident } = await ownerAccount(c, 7);
    await visitedEarlier(c, clerk, account, resident, NUMBER);

    // The resident withdraws the consent at the counter.
    await app.reload();
    await signInWithKeyboard(app, CLERK);
    await scan(app, account.payerCode);
    const withdraw = app.getByRole('button', {
      name: `Отозвать согласие: ${fullName(resident)}`,
    });
    await withdraw.focus();
    await app.keyboard.press('Enter');
    await expect(app.getByLabel('Причина (со слов жителя)')).toBeFocused();
    await app.keyboard.type('Письменное заявление жителя');
    await app.keyboard.press('Enter');
    await expect(app.getByRole('dialog', { name: 'Отзыв согласия' })).toBeHidden();

    // Thirty days later the supervisor opens the personal-data tab.
    clock.shift(30 * DAY);
    c.session.signOut();
    await app.reload();
    await openSupervisorArea(app, SUPERVISOR);
    await openTab(app, 'personalData');
    const due = app.getByRole('table', { name: 'Подлежит уничтожению' });
    const row = due.getByRole('row').filter({ hasText: account.payerCode });
    await expect(row).toContainText(fullName(resident));
    await expect(row).toContainText('отзыв согласия');
    await expect(row).toContainText('паспорт в записи согласия; проверки паспорта: 1');
    await shot(app, 'personal-data-due');
    await expectAccessible(app, 'personal data: due');

    // Destroy now: the dialog asks, the safe answer has the focus.
    await pressUntilFocused(app, 'Tab', 'Уничтожить сейчас');
    await app.keyboard.press('Enter');
    const dialog = app.getByRole('dialog', { name: 'Уничтожить персональные данные?' });
    await expect(dialog).toContainText('Это необратимо');
    await expectFocused(app, 'Отмена');
    await expectAccessible(app, 'personal data: confirm');
    await app.keyboard.press('Tab');
    await expectFocused(app, 'Уничтожить');
    await app.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(app.getByRole('status').filter({ hasText: 'Уничтожено' })).toHaveText(
      'Уничтожено, составлено актов: 1.',
    );
    await expect(app.getByText('Сейчас уничтожать нечего.')).toBeVisible();

    // The store holds the fact of the consent, not its passport.
    const consent = await c.ctx.store.run((m) =>
      m.findOneByOrFail(Consent, { accountId: account.accountId }),
    );
    expect(consent.destroyedAt).not.toBeNull();
    expect(consent.subject).not.toContain(NUMBER);
    const checks = await c.ctx.store.run((m) => m.find(PassportCheck));
    expect(checks.map((k) => k.number)).not.toContain(NUMBER);

    // The act, and its extract from the event log, go to the printer.
    const acts = app.getByRole('table', { name: 'Акты об уничтожении' });
    const actRow = acts.getByRole('row').filter({ hasText: account.payerCode });
    await expect(actRow).toContainText(SUPERVISOR.fullName);
    const serial = (await actRow.getByRole('cell').first().textContent())!.trim();
    expect(serial).toMatch(/-D\d{6}$/);
    await shot(app, 'personal-data-acts');
    await expectAccessible(app, 'personal data: acts');
    let since = Date.now();
    await pressUntilFocused(app, 'Tab', `Акт ${serial}`);
    await app.keyboard.press('Enter');
    await expect(app.getByRole('status').filter({ hasText: `Акт ${serial}` })).toHaveText(
      `Акт ${serial} отправлен(а) на принтер «${QUEUE}».`,
    );
    const act = await waitForPrinted(q, since, [
      'Акт об уничтожении персональных данных',
      serial,
      fullName(resident),
      'отзыв субъектом согласия',
      SUPERVISOR.fullName,
    ]);
    printed.push(act.path);
    since = Date.now();
    await pressUntilFocused(app, 'Tab', `Выписка к акту ${serial}`);
    await app.keyboard.press('Enter');
    const extract = await waitForPrinted(q, since, [
      'Выписка из журнала регистрации событий',
      serial,
      'Согласие отозвано',
      'Персональные данные уничтожены',
    ]);
    printed.push(extract.path);
    expect(act.text + extract.text).not.toContain(NUMBER);

    // The resident comes back and asks what is held about them: a visit, the passport, the report.
    c.session.signOut();
    await app.reload();
    await signInWithKeyboard(app, CLERK);
    await scan(app, account.payerCode);
    // The card keeps the fact of the consent and says its passport details went.
    const consentRow = app
      .getByRole('region', { name: 'Согласия на обработку персональных данных' })
      .getByRole('row')
      .filter({ hasText: fullName(resident) });
    await expect(consentRow).toContainText('отозвано');
    await expect(consentRow).toContainText('данные паспорта уничтожены');
    await expectFocused(app, 'Выдать доступ');
    await app.keyboard.press('Enter');
    await expectFocused(app, new RegExp(`${resident.surname} ${resident.givenName}`));
    await app.keyboard.press('Enter');
    await typePassport(app, passportFor(resident.birthDate, today(), NUMBER));
    await app.keyboard.press('Enter');
    await expect(
      app.getByRole('heading', { name: 'Согласие на обработку персональных данных' }),
    ).toBeVisible();
    await expectAccessible(app, 'visit with the subject report');
    since = Date.now();
    await pressUntilFocused(app, 'Tab', 'Печать сведений о данных жителя');
    await app.keyboard.press('Enter');
    await expect(app.getByRole('status').filter({ hasText: 'Сведения' })).toContainText(
      `на принтер «${QUEUE}»`,
    );
    await shot(app, 'visit-subject-report');
    const report = await waitForPrinted(q, since, [
      'Сведения о персональных данных субъекта',
      fullName(resident),
      account.payerCode,
      `Акт № ${serial}`,
      'данные паспорта уничтожены, проверка пройдена',
      'отозвано',
    ]);
    printed.push(report.path);
    expect(report.text).not.toContain(NUMBER);
    for (const p of printed) removePrinted(p);
  });
});
