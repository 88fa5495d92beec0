// A counter under IT's machine policy (issue 15, docs/deploy.md): the settings the policy sets
// show «задано администратором» and cannot be typed into; the rest is the supervisor's, and
// saving it keeps the policy's values. Keyboard only, axe-checked.
import { expectAccessible } from './harness/a11y';
import { expect, test } from './harness/fixtures';
import { openSupervisorArea, openTab, tabTo } from './harness/supervisor';
import { SUPERVISOR, seedStaff, shot } from './harness/support';

const PORTAL = 'https://lk.policy.example.ru';

test.describe('a machine policy', () => {
  test.use({ policy: { portalUrl: PORTAL, language: 'ru', districts: ['0302'] } });

  test('the fields it sets are read-only and say so; the others are saved as before', async ({
    app,
    core,
  }) => {
    test.skip(!core, 'reads the settings back from the in-process core');
    const c = core!;
    await seedStaff(c);
    await app.reload();
    await openSupervisorArea(app, SUPERVISOR);
    await openTab(app, 'settings');

    const portal = app.getByLabel('Адрес личного кабинета');
    await expect(portal).toHaveValue(PORTAL);
    await expect(portal).toHaveAttribute('readonly', '');
    await expect(portal).toHaveAccessibleDescription('задано администратором');
    await tabTo(app, 'Адрес личного кабинета');
    await app.keyboard.type('x');
    await expect(portal).toHaveValue(PORTAL);
    const districts = app.getByLabel(/^Районы/);
    await expect(districts).toHaveValue('0302');
    await expect(districts).toHaveAttribute('readonly', '');
    await shot(app, 'supervisor-settings-policy');
    await expectAccessible(app, 'settings under a machine policy');

    // A field of the supervisor's own: saved, and the policy's values stay in force.
    await tabTo(app, 'Телефон офиса');
    await app.keyboard.press('Control+A');
    await app.keyboard.type('+7 495 765-43-21');
    await app.keyboard.press('Enter');
    await expect(app.getByRole('tabpanel').getByRole('status')).toHaveText('Настройки сохранены.');
    expect(c.ctx.settings.get()).toMatchObject({
      portalUrl: PORTAL,
      office: { phone: '+7 495 765-43-21' },
      central: { districts: '0302' },
    });
  });
});

test.describe('a machine policy with the central connection', () => {
  test.use({
    policy: {
      // Nobody listens there: the counter works offline; this test is about the settings.
      central: { url: 'postgres://desk_msk1@127.0.0.1:9/central?sslmode=disable', password: 'p' },
    },
  });

  test('shows the connection read-only and offers no password or key form', async ({
    app,
    core,
  }) => {
    test.skip(!core, 'the policy is given to the in-process core');
    await seedStaff(core!);
    await app.reload();
    await openSupervisorArea(app, SUPERVISOR);
    await openTab(app, 'settings');
    const host = app.getByLabel('Сервер');
    await expect(host).toHaveValue('127.0.0.1');
    await expect(host).toHaveAttribute('readonly', '');
    await expect(app.getByTestId('central-credentials-managed')).toContainText(
      'задан администратором в политике этого компьютера',
    );
    await expect(app.getByLabel('Пароль подключения')).toHaveCount(0);
    await expectAccessible(app, 'central connection under a machine policy');
  });
});
