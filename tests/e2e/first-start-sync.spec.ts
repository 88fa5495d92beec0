// A workstation's first start (the first supervisor, then a clerk who must change the
// password he was given), and the sync state in the app bar against a real central
// PostgreSQL started by the test: online, offline while the centre is down (the counter
// keeps working), online again, and a change at the centre found by the clerk's search.
import { createClerk } from '../../electron/core/staff/admin';
import { expectAccessible } from './harness/a11y';
import { expect, test } from './harness/fixtures';
import { coreCall, expectFocused, scan, signInWithKeyboard, SEARCH } from './harness/journeys';
import { CLERK, SUPERVISOR, seedStaff, shot } from './harness/support';
import { startCentre, type Centre } from '../integration/sync/harness';

test.describe('first start', () => {
  test('the first supervisor is created with the keyboard; a new clerk must change the given password', async ({
    app,
    core,
  }) => {
    test.skip(!core, 'reads the core directly');
    const c = core!;
    await expect(app.getByRole('heading', { name: 'Первый запуск' })).toBeVisible();
    await expect(app.getByLabel('ФИО')).toBeFocused();
    await app.keyboard.press('Shift+Tab');
    await app.keyboard.press('ControlOrMeta+A');
    await app.keyboard.type('Расчётный центр «Лефортово»');
    await app.keyboard.press('Tab');
    await app.keyboard.type(SUPERVISOR.fullName);
    await app.keyboard.press('Tab');
    // A login in Cyrillic is refused with the characters a login may have, and the focus is
    // put on it.
    await app.keyboard.type('петрова');
    await app.keyboard.press('Tab');
    await app.keyboard.type(SUPERVISOR.password);
    await app.keyboard.press('Tab');
    await app.keyboard.type(`${SUPERVISOR.password}x`);
    await app.keyboard.press('Enter');
    const login = app.getByRole('textbox', { name: 'Логин' });
    await expect(login).toBeFocused();
    await expect(login).toHaveAccessibleDescription(
      'Только латинские буквы, цифры, точка, дефис и подчёркивание, например ivanova.a',
    );
    await app.keyboard.press('ControlOrMeta+A');
    await app.keyboard.type(SUPERVISOR.login);
    await app.keyboard.press('Enter');
    await expect(app.getByText('Пароли не совпадают')).toBeVisible();
    await expect(app.getByLabel('Пароль ещё раз')).toBeFocused();
    await shot(app, 'setup');
    await expectAccessible(app, 'setup');
    await app.keyboard.press('Backspace');
    await app.keyboard.press('Enter');
    await expect(app.getByText(`${SUPERVISOR.fullName} (Старший специалист)`)).toBeVisible();
    await expect(app.getByText('Access Desk · Расчётный центр «Лефортово»')).toBeVisible();

    // The supervisor hands a new clerk a first password; at first sign-in he must replace it.
    const sup = c.session.current().clerk!;
    await createClerk(c.ctx, sup, { ...CLERK, password: 'Given-by-sup-1', role: 'clerk' });
    await app.getByRole('button', { name: 'Выйти' }).focus();
    await app.keyboard.press('Enter');
    await expect(app.getByLabel('Логин')).toBeFocused();
    await app.keyboard.type(CLERK.login);
    await app.keyboard.press('Tab');
    await app.keyboard.type('Given-by-sup-1');
    await app.keyboard.press('Enter');
    await expect(app.getByRole('heading', { name: 'Смена пароля' })).toBeVisible();
    await expect(app.getByLabel('Текущий пароль')).toBeFocused();
    await shot(app, 'change-password');
    await expectAccessible(app, 'change password');
    await app.keyboard.type('Given-by-sup-1');
    await app.keyboard.press('Tab');
    await app.keyboard.type(CLERK.password);
    await app.keyboard.press('Tab');
    await app.keyboard.type(CLERK.password);
    await app.keyboard.press('Enter');
    await expect(app.getByLabel(SEARCH)).toBeFocused();
    await expect(app.getByText(`${CLERK.fullName} (Специалист)`)).toBeVisible();
    // The given password no longer opens anything.
    const old = await c.dispatch(
      { trusted: true, url: 'app://access-desk/index.html' },
      'session.signIn',
      { login: CLERK.login, password: 'Given-by-sup-1' },
    );
    expect(old).toMatchObject({ ok: false, code: 'BAD_CREDENTIALS' });
  });
});

test.describe('sync state in the app bar', () => {
  test.use({ demoAccounts: 300 });
  let centre: Centre | null = null;
  test.afterEach(async () => {
    await centre?.close();
    centre = null;
  });

  test('online, offline with the counter still working, online again; a change at the centre is found', async ({
    app,
    core,
  }) => {
    test.skip(!core, 'reads the core directly');
    const c = core!;
    centre = await startCentre({ accounts: 300 });
    const { supervisor } = await seedStaff(c);
    // IT enrolled this counter's login for its office; the supervisor's settings screen
    // sends what follows (that screen has its own test).
    const { cfg } = await centre.enrol(c.ctx.officeId());
    c.session.signIn(supervisor);
    const view = await coreCall(c, 'settings.get', {});
    await coreCall(c, 'settings.update', {
      central: {
        ...view.settings.central,
        host: cfg.host,
        port: cfg.port,
        database: cfg.database,
        user: cfg.user,
        sslMode: 'disable',
        districts: '',
      },
    });
    await coreCall(c, 'settings.setCentralPassword', { password: cfg.password });
    c.session.signOut();

    await app.reload();
    await signInWithKeyboard(app, CLERK);
    const indicator = app.getByTestId('sync-indicator');
    await expect(indicator).toHaveAttribute('data-state', 'online', { timeout: 20_000 });
    await expect(indicator).toHaveText('Синхронизация: на связи');
    // The centre's registry replaced the demo one: no demo label any more.
    await expect(app.getByText('Демонстрационный реестр')).toHaveCount(0);

    await indicator.focus();
    await app.keyboard.press('Enter');
    const dialog = app.getByRole('dialog', { name: 'Синхронизация с центральной базой' });
    await expect(dialog).toContainText('на связи');
    await expectFocused(app, 'Синхронизировать сейчас');
    await shot(app, 'sync-dialog-online');
    await expectAccessible(app, 'sync dialog');

    // The centre goes down: "sync now" says so, and how to carry on.
    centre.pg.stop();
    await app.keyboard.press('Enter');
    await expect(dialog).toContainText('нет связи', { timeout: 20_000 });
    await expect(dialog).toContainText('Работа продолжается');
    await shot(app, 'sync-dialog-offline');
    await app.keyboard.press('Escape');
    await expect(indicator).toHaveAttribute('data-state', 'offline');
    await expect(indicator).toContainText('нет связи с');
    await expect(app.getByLabel(SEARCH)).toBeVisible();

    // The counter still finds accounts while the centre is away.
    const acc = centre.accounts[10]!;
    await app.getByLabel(SEARCH).focus();
    await scan(app, acc.payerCode);
    await expect(app.getByRole('heading', { name: `Лицевой счёт ${acc.payerCode}` })).toBeVisible();
    await app.keyboard.press('Escape');

    // Back: the loop reconnects by itself; a flat renumbered at the centre shows up here.
    centre.pg.start();
    await expect(indicator).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
    await centre.admin.query(`UPDATE account SET flat = '77Ж', updated_at = now() WHERE id = $1`, [
      acc.id,
    ]);
    await expect
      .poll(
        async () => {
          const r = await coreCall(c, 'registry.search', { query: acc.payerCode });
          return r.accounts[0]?.address.line ?? '';
        },
        { timeout: 20_000 },
      )
      .toContain('кв. 77Ж');
    await expect(app.getByLabel(SEARCH)).toBeFocused();
    await scan(app, acc.payerCode);
    await expect(app.getByText(/кв\. 77Ж/).first()).toBeVisible();
  });
});
