// Journey 4 (the account card): residents, consent state, credential state as this counter
// and the portal (through the centre) report it, the history of visits; and withdrawing a
// consent from the card, which revokes access and asks for a new consent before a new issue.
import { Consent, Credential, Outbox } from '../../electron/core/db/entities';
import { applyCredentialImage } from '../../electron/core/sync/credential-feed';
import { expectAccessible } from './harness/a11y';
import { expect, test } from './harness/fixtures';
import {
  coreCall,
  expectFocused,
  ownerAccount,
  scan,
  signInWithKeyboard,
  today,
  typePassport,
  visitedEarlier,
} from './harness/journeys';
import { LISTED_NUMBER, listedPassports, recentListDate } from './harness/passport-list';
import { fullName } from '../../renderer/src/lib/names';
import { passportFor, personOf } from '../support/passports';
import { CLERK, seedStaff, shot } from './harness/support';

const ruDate = (d: Date | string) =>
  new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow' }).format(new Date(d));

test.describe('journey 4: the account card', () => {
  test.use({ demoAccounts: 300, invalidPassports: listedPassports() });

  test('shows residents, consent, every credential with the portal state, and the visits; a withdrawn consent revokes access', async ({
    app,
    core,
  }) => {
    test.skip(!core, 'reads the core directly');
    const c = core!;
    const { clerk } = await seedStaff(c);
    const { account, resident } = await ownerAccount(c, 7);
    await visitedEarlier(c, clerk, account, resident, '118822', 'issue');
    const reset = await visitedEarlier(c, clerk, account, resident, '118822', 'reset');
    // A third visit refused: the passport shown was on the MVD list.
    c.session.signIn(clerk);
    const refused = await coreCall(c, 'visit.start', {
      accountId: account.accountId,
      kind: 'reset',
    });
    await coreCall(c, 'visit.check', {
      visitId: refused.visitId,
      residentId: resident.id,
      person: personOf(resident),
      passport: passportFor(resident.birthDate, today(), LISTED_NUMBER),
      source: 'typed',
    });
    await coreCall(c, 'visit.close', { visitId: refused.visitId });
    c.session.signOut();
    // The centre reports the resident's first login and new password on the portal.
    const firstLogin = new Date(Date.now() - 2 * 3600_000);
    const changed = new Date(Date.now() - 3600_000);
    await c.ctx.store.tx((m) =>
      applyCredentialImage(
        m,
        {
          id: reset.credentialId,
          account_id: account.accountId,
          status: 'active',
          must_change: false,
          revoked_at: null,
          revoke_reason: null,
          superseded_by: null,
          portal_first_login_at: firstLogin.toISOString(),
          portal_password_changed_at: changed.toISOString(),
          portal_locked: false,
        },
        new Date(),
      ),
    );

    await app.reload();
    await signInWithKeyboard(app, CLERK);
    await scan(app, account.payerCode);
    await expect(
      app.getByRole('heading', { name: `Лицевой счёт ${account.payerCode}` }),
    ).toBeVisible();

    const section = (name: string) => app.getByRole('region', { name });
    const people = section('Собственники и зарегистрированные');
    const access = section('Доступ в личный кабинет');
    const consents = section('Согласия на обработку персональных данных');
    const visits = section('История обращений');

    // Residents: every one of the account's people, owners first.
    for (const r of account.residents) {
      await expect(people.getByRole('row').filter({ hasText: fullName(r) })).toHaveCount(1);
    }
    await expect(people.getByRole('row').nth(1)).toContainText('собственник');

    // Access: the current credential works and the portal says it has been used.
    await expect(
      app.getByText(`Доступ выдан ${ruDate(new Date())}; житель уже входил в личный кабинет.`),
    ).toBeVisible();
    const v2 = access.getByRole('row').filter({ hasText: reset.sheetSerial });
    await expect(v2).toContainText('действует');
    await expect(v2).toContainText(ruDate(firstLogin));
    const v1 = access
      .getByRole('row')
      .filter({ hasText: 'отозван' })
      .filter({ hasText: 'сброс пароля' });
    await expect(v1).toHaveCount(1);
    await expect(v1).toContainText('ещё нет');

    // The consent in force, and the three visits with their outcomes.
    const consentRow = consents.getByRole('row').filter({ hasText: fullName(resident) });
    await expect(consentRow).toHaveCount(1);
    await expect(consentRow).toContainText('действует');
    for (const outcome of ['доступ выдан', 'пароль сброшен', 'отказ']) {
      await expect(
        visits.getByRole('row').filter({ hasText: CLERK.fullName }).filter({ hasText: outcome }),
      ).toHaveCount(1);
    }
    await expect(
      app.getByText(
        `Паспорта сверяются со списком недействительных от ${ruDate(recentListDate())}.`,
      ),
    ).toBeVisible();
    await shot(app, 'account-card');
    await expectAccessible(app, 'account card with history');

    // The resident withdraws the consent: the dialog takes the reason, Enter confirms.
    const withdraw = app.getByRole('button', {
      name: `Отозвать согласие: ${fullName(resident)}`,
    });
    await withdraw.focus();
    await app.keyboard.press('Enter');
    const dialog = app.getByRole('dialog', { name: 'Отзыв согласия' });
    await expect(dialog).toContainText('Доступ в личный кабинет будет отозван');
    await expect(app.getByLabel('Причина (со слов жителя)')).toBeFocused();
    await shot(app, 'account-withdraw-consent');
    await expectAccessible(app, 'withdraw consent');
    await app.keyboard.type('Письменное заявление жителя');
    await app.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(
      app.getByText(
        `Доступ отозван ${ruDate(new Date())}. Чтобы житель снова мог войти, выдайте доступ.`,
      ),
    ).toBeVisible();
    await expect(access.getByRole('row').filter({ hasText: 'отзыв согласия' })).toHaveCount(1);
    await expect(consentRow).toContainText(`отозвано ${ruDate(new Date())}`);

    // In the store: the consent withdrawn, the credential revoked, both sent to the centre.
    const consent = await c.ctx.store.run((m) =>
      m.findOneByOrFail(Consent, { accountId: account.accountId }),
    );
    expect(consent.withdrawnAt).not.toBeNull();
    expect(consent.withdrawReason).toBe('Письменное заявление жителя');
    const cred = await c.ctx.store.run((m) =>
      m.findOneByOrFail(Credential, { id: reset.credentialId }),
    );
    expect([cred.status, cred.revokeReason]).toEqual(['revoked', 'consent-withdrawn']);
    const kinds = (await c.ctx.store.run((m) => m.find(Outbox))).map((o) => o.kind);
    expect(kinds).toEqual(expect.arrayContaining(['consent.withdraw', 'credential.revoke']));

    // A new issue is offered, and it cannot skip a new consent.
    await expectFocused(app, 'Выдать доступ');
    await app.keyboard.press('Enter');
    await expectFocused(app, new RegExp(`${resident.surname} ${resident.givenName}`));
    await app.keyboard.press('Enter');
    await typePassport(app, passportFor(resident.birthDate, today(), '118822'));
    await app.keyboard.press('Enter');
    await expect(
      app.getByRole('heading', { name: 'Согласие на обработку персональных данных' }),
    ).toBeVisible();
    // Esc asks first; the safe answer has the focus, then the way back to the passport,
    // then "end".
    await app.keyboard.press('Escape');
    await expect(app.getByRole('dialog', { name: 'Завершить обращение?' })).toBeVisible();
    await expectFocused(app, 'Продолжить обращение');
    await app.keyboard.press('Tab');
    await expectFocused(app, 'Вернуться к паспорту');
    await app.keyboard.press('Tab');
    await expectFocused(app, 'Завершить');
    await app.keyboard.press('Enter');
    await expect(
      app.getByRole('heading', { name: `Лицевой счёт ${account.payerCode}` }),
    ).toBeVisible();
    await expect(
      visits.getByRole('row').filter({ hasText: CLERK.fullName }).filter({ hasText: 'прервано' }),
    ).toHaveCount(1);
  });

  test('an unused temporary password that expired is shown as expired, and access is offered anew', async ({
    app,
    core,
  }) => {
    test.skip(!core, 'reads the core directly');
    const c = core!;
    const { clerk } = await seedStaff(c);
    const { account, resident } = await ownerAccount(c, 8);
    const issued = await visitedEarlier(c, clerk, account, resident, '220044');
    // Thirty-one days later nobody has logged in: the stored expiry is in the past.
    const expired = new Date(Date.now() - 86_400_000).toISOString();
    await c.ctx.store.run((m) =>
      m.query(`UPDATE credential SET expires_at = ? WHERE id = ?`, [expired, issued.credentialId]),
    );
    await app.reload();
    await signInWithKeyboard(app, CLERK);
    await scan(app, account.payerCode);
    await expect(
      app.getByText(
        `Временный пароль истёк ${ruDate(expired)}: житель не вошёл вовремя. Выдайте доступ заново.`,
      ),
    ).toBeVisible();
    await expect(app.getByRole('row').filter({ hasText: issued.sheetSerial })).toContainText(
      'истёк',
    );
    await expectFocused(app, 'Выдать доступ');
    await expect(app.getByRole('button', { name: 'Сбросить пароль' })).toHaveCount(0);
  });
});
