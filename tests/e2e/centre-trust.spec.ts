// The centre's trust model at the counter (issue 11), in Chromium against the real core and
// a real central PostgreSQL: a counter joining an office that has staff waits for the
// centre, takes the office's directory, and its people sign in (nobody founds the office
// again); a supervisor sees what the centre held over a ceiling and what it refused, and
// releases the held issue from the keyboard.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { setCeilings } from '../../electron/core/sync/central/enrol';
import { FAKE_VERIFIER } from '../integration/sync/harness';
import { expectAccessible } from './harness/a11y';
import { CENTRE_OFFICE, expect, type StaffSeed, test } from './harness/fixtures';
import { signInWithKeyboard } from './harness/journeys';
import { openSupervisorArea, openTab, pressUntilFocused } from './harness/supervisor';
import { shot } from './harness/support';

const SUP: StaffSeed = {
  id: 'centre-sup',
  login: 'orlova',
  fullName: 'Орлова Вера Николаевна',
  password: 'Orlova-Centre-2026',
  role: 'supervisor',
};
const CLERK: StaffSeed = {
  id: 'centre-clerk',
  login: 'belov',
  fullName: 'Белов Игорь Андреевич',
  password: 'Belov-Centre-2026',
  role: 'clerk',
};

test.describe('joining an office', () => {
  test.use({ centreSetup: { staff: [SUP, CLERK], down: true }, demoAccounts: 300 });

  test('waits for the centre, takes the office’s staff from it, and they sign in', async ({
    app,
    core,
    centre,
  }) => {
    test.skip(!core || !centre, 'needs the in-process core and a centre');
    // The centre is down: the counter says it waits, and why; no first-supervisor form.
    await expect(app.getByRole('heading', { name: 'Подключение к центру' })).toBeVisible();
    await expect(app.getByText('Ждём ответа центра…')).toBeVisible();
    await expect(app.getByText('Центр пока не отвечает:')).toBeVisible({ timeout: 15_000 });
    await expect(app.getByRole('heading', { name: 'Первый запуск' })).toHaveCount(0);
    await shot(app, 'setup-waiting-for-centre');
    await expectAccessible(app, 'waiting for the centre');

    centre!.pg.start();
    await expect(app.getByLabel('Логин')).toBeVisible({ timeout: 30_000 });
    await expect(app.getByRole('heading', { name: 'Первый запуск' })).toHaveCount(0);
    await signInWithKeyboard(app, CLERK);
    await expect(app.getByText(`${CLERK.fullName} (Специалист)`)).toBeVisible();
    // Only the office's people are here, as the centre has them.
    const clerks = await core!.ctx.store.run((m) =>
      m.query<{ login: string }[]>(`SELECT login FROM clerk ORDER BY login`),
    );
    expect(clerks.map((c) => c.login)).toEqual([CLERK.login, SUP.login]);
  });
});

test.describe('what the centre holds and refuses', () => {
  test.use({ centreSetup: { staff: [SUP, CLERK] }, demoAccounts: 300 });

  test('a supervisor releases an issue held over the ceiling and reads the security events', async ({
    app,
    core,
    centre,
  }) => {
    test.skip(!core || !centre, 'needs the in-process core and a centre');
    const c = centre!;
    await setCeilings(c.admin, { clerkPerHour: 1 });
    // Another counter of the office: its clerk issues twice in an hour (the second is held),
    // and one operation names another office (refused).
    const other = await c.enrol(CENTRE_OFFICE, { name: 'окно 2' });
    const client = new pg.Client({ connectionString: other.url });
    await client.connect();
    const ws = `ws-window-2-${randomUUID().slice(0, 6)}`;
    await client.query(`SELECT sync_hello($1, 'e2e')`, [ws]);
    const [a1, a2] = [c.accounts[3]!, c.accounts[4]!];
    const issue = (account: number, office = CENTRE_OFFICE) => ({
      opId: randomUUID(),
      kind: 'credential.issue',
      payload: {
        credentialId: randomUUID(),
        accountId: account,
        login: 'x',
        passwordHash: FAKE_VERIFIER,
        mustChange: true,
        issuedAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        version: 1,
        replacesCredentialId: null,
        consentId: randomUUID(),
        kind: 'issue',
        issuedBy: CLERK.id,
        officeId: office,
        workstationId: ws,
      },
    });
    const ops = [issue(a1.id), issue(a2.id), issue(a1.id, 'MSK-999')];
    const res = await client.query<{ r: { status: string }[] }>(
      `SELECT sync_apply_batch($1::jsonb) AS r`,
      [JSON.stringify(ops)],
    );
    expect(res.rows[0]!.r.map((o) => o.status)).toEqual(['applied', 'held', 'refused']);
    await client.end();

    await openSupervisorArea(app, SUP);
    await openTab(app, 'sync');
    const panel = app.getByRole('tabpanel');
    await expect(panel.getByTestId('enrolment')).toContainText(`офис ${CENTRE_OFFICE}`);
    const held = panel.getByRole('table').first();
    await expect(held).toContainText(a2.payerCode);
    await expect(held).toContainText(CLERK.fullName);
    await expect(held).toContainText('лимит сотрудника за час');
    await expect(panel).toContainText('операция отклонена центром');
    await expect(panel).toContainText('рабочее место настроено на другой офис');
    await shot(app, 'supervisor-centre');
    await expectAccessible(app, 'centre review');

    await pressUntilFocused(app, 'Tab', `Разрешить выдачу по счёту ${a2.payerCode}`);
    await app.keyboard.press('Enter');
    await expect(panel.getByRole('status')).toContainText('Разрешено: 1, отклонено: 0.');
    await expect(panel).toContainText('Задержанных операций нет.');
    await expect(panel).toContainText('задержанная операция разрешена');
    const [cred] = await c.admin.query<{ status: string }[]>(
      `SELECT status FROM credential WHERE id = $1`,
      [ops[1]!.payload.credentialId],
    );
    expect(cred).toEqual({ status: 'active' });
    // The row went with the decision: the focus is on what was decided, not lost.
    await expect(panel.getByRole('status')).toBeFocused();
  });
});
