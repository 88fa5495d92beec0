// Journey 6 (sign-in and lock): the screen locks on Ctrl+L and after the configured idle time,
// hides every resident's data until the same clerk signs in again (or another takes over),
// ends an open visit; five wrong passwords lock the login for a while.
import { AuditEvent, Visit } from '../../electron/core/db/entities';
import { expectAccessible } from './harness/a11y';
import { expect, test } from './harness/fixtures';
import { expectFocused, ownerAccount, scan, signInWithKeyboard, SEARCH } from './harness/journeys';
import { CLERK, SUPERVISOR, seedStaff, shot } from './harness/support';
import { fullName } from '../../renderer/src/lib/names';

test.describe('journey 6: sign-in and lock', () => {
  test.use({ demoAccounts: 300 });

  test('Ctrl+L hides the resident and the same clerk comes back to an empty search', async ({
    app,
    core,
  }) => {
    test.skip(!core, 'reads the core directly');
    const c = core!;
    await seedStaff(c);
    const { account, resident } = await ownerAccount(c, 3);
    await app.reload();
    await signInWithKeyboard(app, CLERK);
    await scan(app, account.payerCode);
    await expect(app.getByText(fullName(resident)).first()).toBeVisible();

    await app.keyboard.press('Control+KeyL');
    await expect(app.getByRole('heading', { name: 'Экран заблокирован' })).toBeVisible();
    await expect(
      app.getByText(`${CLERK.fullName}, введите свой пароль, чтобы продолжить работу.`, {
        exact: false,
      }),
    ).toBeVisible();
    const locked = await app.locator('body').innerText();
    expect(locked).not.toContain(account.payerCode);
    expect(locked).not.toContain(resident.surname);
    // The core refuses personal data while locked, whatever the page asks.
    const refused = await c.dispatch(
      { trusted: true, url: 'app://access-desk/index.html' },
      'registry.account',
      {
        accountId: account.accountId,
      },
    );
    expect(refused).toMatchObject({ ok: false, code: 'SESSION_LOCKED' });
    await expect(app.getByLabel('Пароль')).toBeFocused();
    await expect(app.getByLabel('Логин')).toHaveValue(CLERK.login);
    await shot(app, 'locked');
    await expectAccessible(app, 'locked');

    // A wrong password keeps it locked; the right one opens an empty search, not the card.
    await app.keyboard.type('not-my-password');
    await app.keyboard.press('Enter');
    await expect(app.getByRole('alert')).toHaveText('Неверный логин или пароль.');
    await expect(app.getByLabel('Пароль')).toBeFocused();
    await app.keyboard.type(CLERK.password);
    await app.keyboard.press('Enter');
    await expect(app.getByLabel(SEARCH)).toBeFocused();
    await expect(app.getByLabel(SEARCH)).toHaveValue('');
    expect(await app.locator('body').innerText()).not.toContain(account.payerCode);
  });

  test('idle time locks the screen mid-visit and ends the visit; another clerk can take over', async ({
    app,
    core,
  }) => {
    test.skip(!core, 'reads the core directly');
    const c = core!;
    await seedStaff(c);
    await c.ctx.store.tx((m) => c.ctx.settings.update(m, { idleLockMinutes: 2 }, new Date()));
    const { account, resident } = await ownerAccount(c, 4);
    await app.clock.install();
    await app.reload();
    await signInWithKeyboard(app, CLERK);
    await scan(app, account.payerCode);
    await expectFocused(app, 'Выдать доступ');
    await app.keyboard.press('Enter');
    await expect(app.getByRole('heading', { name: 'Кто обратился?' })).toBeVisible();

    // A minute of silence is not enough; two are.
    await app.clock.fastForward('01:00');
    await expect(app.getByRole('heading', { name: 'Кто обратился?' })).toBeVisible();
    await app.clock.fastForward('01:01');
    await expect(app.getByRole('heading', { name: 'Экран заблокирован' })).toBeVisible();
    expect(await app.locator('body').innerText()).not.toContain(resident.surname);
    // The visit was ended by the lock, not left open with a resident's data behind it.
    await expect
      .poll(() => c.ctx.store.run(async (m) => (await m.find(Visit)).map((v) => v.outcome)))
      .toEqual(['abandoned']);

    // Another clerk takes the workstation.
    await app.getByRole('button', { name: 'Войти под другим пользователем' }).focus();
    await app.keyboard.press('Enter');
    await expect(app.getByLabel('Логин')).toBeFocused();
    await expect(app.getByLabel('Логин')).toHaveValue('');
    await expect(app.getByLabel('Логин')).toBeEditable();
    await app.keyboard.type(SUPERVISOR.login);
    await app.keyboard.press('Tab');
    await expect(app.getByLabel('Пароль')).toBeFocused();
    await app.keyboard.type(SUPERVISOR.password);
    await expect(app.getByLabel('Логин')).toHaveValue(SUPERVISOR.login);
    await app.keyboard.press('Enter');
    await expect(app.getByText(`${SUPERVISOR.fullName} (Старший специалист)`)).toBeVisible();
    await expect(app.getByLabel(SEARCH)).toBeFocused();
  });

  test('five wrong passwords lock the login; then even the right one is refused', async ({
    app,
    core,
  }) => {
    test.skip(!core, 'reads the core directly');
    const c = core!;
    await seedStaff(c);
    await app.reload();
    await expect(app.getByLabel('Логин')).toBeFocused();
    await app.keyboard.type(CLERK.login);
    await app.keyboard.press('Tab');
    for (let i = 0; i < 5; i++) {
      await app.keyboard.type(`wrong-password-${i}`);
      await app.keyboard.press('Enter');
      await expect(app.getByRole('alert')).toBeVisible();
      await expect(app.getByLabel('Пароль')).toBeFocused();
      await expect(app.getByLabel('Пароль')).toHaveValue('');
    }
    // Now even the right password is refused until the lock runs out.
    await app.keyboard.type(CLERK.password);
    await app.keyboard.press('Enter');
    await expect(app.getByRole('alert')).toContainText('Слишком много неудачных попыток');
    await shot(app, 'signin-locked-out');
    await expectAccessible(app, 'sign-in locked out');
    const failures = await c.ctx.store.run((m) =>
      m.count(AuditEvent, { where: { action: 'staff.signInFailed' } }),
    );
    expect(failures).toBeGreaterThanOrEqual(5);
    expect(
      await c.ctx.store.run((m) => m.count(AuditEvent, { where: { action: 'staff.signIn' } })),
    ).toBe(0);
  });
});
