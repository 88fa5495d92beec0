// A counter PC with a 1024×700 screen at Windows' 125 %: 819×560 CSS pixels. Every screen a
// clerk and a supervisor use fits it: the app bar keeps who and where whole in little height,
// every supervisor tab is in sight, the audit filters keep their labels, the daily report does
// not scroll sideways.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './harness/fixtures';
import { residents, signInWithKeyboard, SEARCH } from './harness/journeys';
import { listedPassports } from './harness/passport-list';
import {
  checkedVisit,
  close,
  issue,
  openSupervisorArea,
  openTab,
  staffMember,
  TABS,
} from './harness/supervisor';
import { CLERK, SUPERVISOR, seedStaff, shot } from './harness/support';

const SMALL = { width: 819, height: 560, scale: 1.25 };

/** True when the element's text is cut: wider (or taller) inside than the box that shows it. */
function truncated(el: Locator): Promise<boolean> {
  return el.evaluate(
    (e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1,
  );
}

/** The page's horizontal overflow: how many CSS pixels wider the document is than the window. */
function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Nothing in the app bar is cut short or pushed out of the window. */
async function expectWholeAppBar(page: Page): Promise<void> {
  const bar = page.getByTestId('app-bar');
  for (const el of await bar.locator('p, button, .MuiChip-label').all()) {
    expect(await truncated(el), (await el.textContent()) ?? '').toBe(false);
    const box = (await el.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(SMALL.width);
  }
}

test.describe('1024×700 at 125 %', () => {
  test.use({ display: SMALL, demoAccounts: 300, invalidPassports: listedPassports() });
  test.describe.configure({ timeout: 120_000 });

  test('the app bar, the supervisor tabs, the audit filters and the daily report fit the screen', async ({
    app,
    core,
  }) => {
    test.skip(!core, 'makes visits through the core');
    const c = core!;
    await seedStaff(c);
    const clerk = await staffMember(c, CLERK);
    const [a] = await residents(c, 'owner', 1);
    const v = await checkedVisit(c, clerk, 'issue', a!.account, a!.resident);
    await issue(c, clerk, v);
    await close(c, clerk, v);
    await app.reload();

    // The counter: the app bar says where and who, whole, in under a fifth of the height.
    await signInWithKeyboard(app, CLERK);
    await expect(app.getByLabel(SEARCH)).toBeFocused();
    const bar = app.getByTestId('app-bar');
    await expect(app.getByTestId('app-bar-office')).toHaveText(
      'Access Desk · Расчётный центр «Лефортово»',
    );
    await expect(app.getByTestId('app-bar-clerk')).toHaveText(`${CLERK.fullName} (Специалист)`);
    await expectWholeAppBar(app);
    // The whole sync state shows, and the button is still named for what it is.
    await expect(app.getByTestId('sync-indicator')).toHaveText(/^Центр не подключён/);
    await expect(
      app.getByRole('button', { name: /^Синхронизация: центр не подключён/ }),
    ).toBeVisible();
    expect((await bar.boundingBox())!.height).toBeLessThanOrEqual(SMALL.height / 5);
    expect(await sidewaysOverflow(app)).toBe(0);
    await shot(app, 'small-screen-search', { fullPage: false });
    await app.getByRole('button', { name: 'Выйти' }).click();

    // The supervisor: all seven tabs in sight, none behind a scroll arrow.
    await openSupervisorArea(app, SUPERVISOR);
    await expectWholeAppBar(app);
    await expect(app.getByRole('tab')).toHaveCount(Object.keys(TABS).length);
    const tabList = app.getByRole('tablist');
    const within = await tabList.boundingBox();
    for (const tab of await app.getByRole('tab').all()) {
      const box = (await tab.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(within!.x);
      expect(box.x + box.width).toBeLessThanOrEqual(within!.x + within!.width + 0.5);
      expect(await truncated(tab)).toBe(false);
    }
    await expect(tabList.locator('.MuiTabs-scrollButtons')).toHaveCount(0);

    // The audit filters keep their labels whole.
    const filters = app.getByRole('search', { name: 'Отбор записей' });
    const labels = filters.locator('.MuiInputLabel-root');
    expect(await labels.count()).toBe(5);
    for (const label of await labels.all()) expect(await truncated(label)).toBe(false);
    expect(await sidewaysOverflow(app)).toBe(0);
    await shot(app, 'small-screen-audit', { fullPage: false });

    // The daily report fits the width: no sideways scrolling, the page's or the table's.
    await openTab(app, 'report');
    await expect(app.getByRole('heading', { name: 'По сотрудникам' })).toBeVisible();
    expect(await sidewaysOverflow(app)).toBe(0);
    const card = (await app.getByRole('region', { name: 'Отчёт за день' }).boundingBox())!;
    for (const table of await app.getByRole('table').all()) {
      const box = (await table.boundingBox())!;
      // Inside the card's border, not poking out past it.
      expect(box.x + box.width).toBeLessThanOrEqual(card.x + card.width);
    }
    // The clerk's name wraps between words, the office after it stays whole.
    await expect(app.getByRole('rowheader', { name: `${CLERK.fullName} (MSK-001)` })).toBeVisible();
    await shot(app, 'small-screen-report', { fullPage: true });
  });
});
