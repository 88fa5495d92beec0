// The search field at the counter: a surname typed any way (lower case, е for ё), ranked
// results walked with the arrows, an address, nothing found, and a passport MRZ scanned into
// the search that carries through to the visit's form.
import { getAccount } from '../../electron/core/registry/search';
import { foldName } from '../../shared/domain/names';
import { expectAccessible } from './harness/a11y';
import { expect, test } from './harness/fixtures';
import {
  expectFocused,
  mrzLines,
  passportWithMrz,
  residents,
  scan,
  signInWithKeyboard,
  SEARCH,
} from './harness/journeys';
import { CLERK, seedStaff, shot } from './harness/support';

test.describe('search', () => {
  test.use({ demoAccounts: 300 });

  test('a surname typed in lower case with е for ё lists its accounts; arrows and Enter open one', async ({
    app,
    core,
  }) => {
    test.skip(!core, 'reads the core directly');
    const c = core!;
    await seedStaff(c);
    // A surname with ё that more than one account has, so the list is a real choice.
    const owners = await residents(c, 'owner', 150);
    const bySurname = new Map<string, number[]>();
    for (const { account, resident } of owners) {
      const ids = bySurname.get(resident.surname) ?? [];
      bySurname.set(resident.surname, [...ids, account.accountId]);
    }
    const [surname, ids] =
      [...bySurname].find(([s, list]) => /ё/i.test(s) && list.length > 1) ??
      [...bySurname].find(([, list]) => list.length > 1)!;
    const typedSurname = surname.toLowerCase().replace(/ё/g, 'е');

    await app.reload();
    await signInWithKeyboard(app, CLERK);
    await scan(app, typedSurname);
    await expect(app.getByRole('status')).toContainText('Распознано как: фамилия.');
    const results = app.getByRole('list', { name: 'Результаты поиска' }).getByRole('button');
    expect(await results.count()).toBeGreaterThanOrEqual(ids.length);
    // Every account with that surname is there (whatever the case and ё/е of the query).
    for (const id of ids) {
      const a = (await getAccount(c.ctx.store, id))!;
      await expect(results.filter({ hasText: a.payerCode })).toHaveCount(1);
    }
    // Ranked: every listed account has a resident whose surname starts with the query.
    const first = (await results.first().textContent()) ?? '';
    expect(foldName(first)).toContain(foldName(typedSurname));
    await shot(app, 'search-results');
    await expectAccessible(app, 'search results');

    await app.keyboard.press('ArrowDown');
    await expect(results.first()).toBeFocused();
    await app.keyboard.press('ArrowDown');
    await expect(results.nth(1)).toBeFocused();
    await app.keyboard.press('ArrowUp');
    await app.keyboard.press('ArrowUp');
    await expect(app.getByLabel(SEARCH)).toBeFocused();
    await app.keyboard.press('ArrowDown');
    const payerCode = /\d{10}/.exec((await results.first().textContent()) ?? '')?.[0] ?? '';
    await app.keyboard.press('Enter');
    await expect(app.getByRole('heading', { name: `Лицевой счёт ${payerCode}` })).toBeVisible();

    // Esc comes back to the same results with the query selected: a new scan replaces it.
    await app.keyboard.press('Escape');
    await expect(app.getByLabel(SEARCH)).toBeFocused();
    await expect(app.getByLabel(SEARCH)).toHaveValue(typedSurname);
    await expect(results.first()).toBeVisible();
    await scan(app, 'Несуществующая-Фамилия');
    await expect(app.getByText('Ничего не найдено.', { exact: false })).toBeVisible();
    await expectAccessible(app, 'nothing found');

    // An address: street, house, flat.
    const target = (await getAccount(c.ctx.store, ids[0]!))!;
    await app.getByLabel(SEARCH).fill('');
    await scan(app, target.address.line);
    await expect(
      app.getByRole('heading', { name: `Лицевой счёт ${target.payerCode}` }),
    ).toBeVisible();
  });

  test('a passport MRZ scanned into the search finds the account and fills the visit', async ({
    app,
    core,
  }) => {
    test.skip(!core, 'reads the core directly');
    const c = core!;
    await seedStaff(c);
    const [found] = await residents(c, 'owner', 1, 11);
    const { account, resident } = found!;
    const passport = passportWithMrz(resident.birthDate, '640128');
    const [line1, line2] = mrzLines(resident, passport);

    await app.reload();
    await signInWithKeyboard(app, CLERK);
    await scan(app, line1);
    await expect(app.getByText('Получена первая строка MRZ, ожидается вторая…')).toBeVisible();
    await scan(app, line2);
    await expect(
      app.getByRole('heading', { name: `Лицевой счёт ${account.payerCode}` }),
    ).toBeVisible();
    await expectFocused(app, 'Выдать доступ');
    await app.keyboard.press('Enter');
    // The person is known from the scan; the form waits only for "issued by".
    await expect(app.getByLabel('Кем выдан')).toBeFocused();
    await expect(app.getByLabel('Серия')).toHaveValue(passport.series);
    await expect(app.getByLabel('Номер')).toHaveValue(passport.number);
    await expect(app.getByLabel('Фамилия')).toHaveValue(resident.surname);
    await expect(app.getByText(`Житель: ${resident.surname} ${resident.givenName}`)).toBeVisible();
  });
});
