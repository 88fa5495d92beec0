// A counter whose store key is lost (issue 12), in Chromium against the real recovery core and
// a real central PostgreSQL: the screen says what happened in Russian and that nothing was
// deleted, tells what the centre confirms, and lets a supervisor of the office start again
// from the centre with the keyboard; the old files are kept aside.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../../electron/core';
import { Clerk } from '../../electron/core/db/entities';
import { DB_FILE } from '../../electron/core/files';
import { memorySink } from '../../electron/core/log/logger';
import { openRecovery } from '../../electron/core/recovery';
import { toSummary } from '../../electron/core/staff/service';
import { expectAccessible } from './harness/a11y';
import { attach, CENTRE_OFFICE, expect, type StaffSeed, test } from './harness/fixtures';
import { coreCall } from './harness/journeys';
import { shot } from './harness/support';

const SUP: StaffSeed = {
  id: 'lost-sup',
  login: 'zhukova',
  fullName: 'Жукова Нина Петровна',
  password: 'Zhukova-Centre-2026',
  role: 'supervisor',
};

test.describe('a lost store key', () => {
  test.use({ centreSetup: { staff: [SUP] } });

  test('is said plainly, and a supervisor starts again from the centre', async ({
    harnessBrowser,
    centre,
  }) => {
    test.skip(!harnessBrowser || !centre, 'needs Chromium from the harness and a centre');
    const dir = mkdtempSync(join(tmpdir(), 'access-desk-e2e-lost-'));
    try {
      // A counter of the office that worked and synced everything, then closed.
      const { url } = await centre!.enrol(CENTRE_OFFICE, { name: 'окно 4' });
      const core = await openCore({
        dataDir: dir,
        dbKey: randomBytes(32),
        logSinks: [memorySink()],
        demoAccounts: 50,
        sync: { env: { ACCESS_DESK_CENTRAL_URL: url }, tuning: { idleCheckMs: 100 } },
      });
      await expect
        .poll(async () => (await coreCall(core, 'app.info', {})).needsSetup, {
          timeout: 20_000,
        })
        .toBe(false);
      const sup = await core.ctx.store.run((m) => m.findOneByOrFail(Clerk, { login: SUP.login }));
      core.session.signIn(toSummary(sup));
      await expect
        .poll(async () => {
          const s = await coreCall(core, 'sync.now', {});
          return s.state === 'online' && s.pending === 0 && s.registryAt !== null;
        })
        .toBe(true);
      await core.close();

      // Its keyring cannot open the key any more.
      const recovery = openRecovery({
        dataDir: dir,
        loss: 'unreadable',
        logSinks: [memorySink()],
        env: { ACCESS_DESK_CENTRAL_URL: url },
      });
      const context = await harnessBrowser!.newContext({
        locale: 'ru-RU',
        timezoneId: 'Europe/Moscow',
        viewport: { width: 1280, height: 900 },
        reducedMotion: 'reduce',
      });
      const page = await context.newPage();
      const attached = await attach(page, recovery);
      try {
        await expect(
          page.getByRole('heading', { name: 'База данных рабочего места недоступна' }),
        ).toBeVisible();
        await expect(
          page.getByText('Ничего не удалено: файл базы остаётся на месте.', { exact: false }),
        ).toBeVisible();
        await expect(
          page.getByText(/Центр подтверждает: когда он последний раз получал данные/),
        ).toBeVisible();
        await shot(page, 'key-lost');
        await expectAccessible(page, 'key lost');

        await page.getByLabel('Логин старшего специалиста').focus();
        await page.keyboard.type(SUP.login);
        await page.keyboard.press('Tab');
        await page.keyboard.type(SUP.password);
        await page.keyboard.press('Enter');
        await expect(page.getByRole('status')).toContainText('Готово. Старый файл отложен в папку');
        const kept = readdirSync(dir).find((f) => f.startsWith('key-lost-'));
        expect(kept).toBeDefined();
        expect(readdirSync(join(dir, kept!))).toContain(DB_FILE);
        expect(existsSync(join(dir, DB_FILE))).toBe(false);
      } finally {
        await context.close();
        await attached.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
