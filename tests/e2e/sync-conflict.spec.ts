// A credential conflict as the clerk and the supervisor read it: two workstations changed the
// same account's password, the centre decided, and this workstation recorded its side. The
// account card and the supervisor's sync tab say what happened in Russian, built from the
// conflict's facts (the stored English text stays the record underneath).
import { randomUUID } from 'node:crypto';
import type { Core } from '../../electron/core';
import { Credential } from '../../electron/core/db/entities';
import { applyConflictImage, type ConflictSide } from '../../electron/core/sync/credential-feed';
import { expectAccessible } from './harness/a11y';
import { expect, test } from './harness/fixtures';
import { ownerAccount, scan, signInWithKeyboard, visitedEarlier } from './harness/journeys';
import { listedPassports } from './harness/passport-list';
import { openSupervisorArea, openTab } from './harness/supervisor';
import { CLERK, SUPERVISOR, seedStaff, shot } from './harness/support';

const MOSCOW = 'Europe/Moscow';
const moscow = (iso: string, o: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat('ru-RU', { timeZone: MOSCOW, ...o }).format(new Date(iso));

/** «в 10:02», or «01.06.2025 в 23:58» when the other time of the pair is on another day. */
function at(iso: string, other: string): string {
  const day = (s: string) => moscow(s, { dateStyle: 'short' });
  const time = `в ${moscow(iso, { timeStyle: 'short' })}`;
  return day(iso) === day(other) ? time : `${day(iso)} ${time}`;
}

const side = (
  credentialId: string,
  issuedAt: string,
  officeId: string,
  kind: 'issue' | 'reset',
): ConflictSide => ({
  credentialId,
  issuedAt,
  officeId,
  workstationId: `ws-${officeId}`,
  kind,
  issuedBy: `clerk-${officeId}`,
  version: 1,
  opId: randomUUID(),
});

/** What the centre's feed brings for a conflict, applied as the sync loop applies it. */
async function conflict(core: Core, accountId: number, winner: ConflictSide, loser: ConflictSide) {
  const ctx = core.ctx;
  const actor = { workstationId: ctx.workstationId, officeId: ctx.officeId(), clerkId: null };
  const rec = await ctx.store.tx((m) =>
    applyConflictImage(
      m,
      {
        id: Math.floor(Math.random() * 1e9),
        accountId,
        rule: 'latest-issued-wins',
        detectedAt: new Date().toISOString(),
        winner,
        loser,
      },
      actor,
      new Date(),
      MOSCOW,
    ),
  );
  expect(rec).not.toBeNull();
  return rec!;
}

test.describe('a sync conflict, in the reader’s language', () => {
  test.use({ demoAccounts: 300, invalidPassports: listedPassports() });

  test('the account card and the supervisor’s sync tab say which sheet was replaced, by what, when and where', async ({
    app,
    core,
  }) => {
    test.skip(!core, 'applies the centre’s conflict image in the in-process core');
    const c = core!;
    const { clerk } = await seedStaff(c);
    const office = c.ctx.officeId();
    const credentialOf = (id: string) =>
      c.ctx.store.run((m) => m.findOneByOrFail(Credential, { id }));

    // Lost: our sheet, then a password reset in office 7 a minute later that the centre kept.
    const lostCase = await ownerAccount(c, 3);
    const ours = await visitedEarlier(c, clerk, lostCase.account, lostCase.resident, '118822');
    const oursAt = (await credentialOf(ours.credentialId)).issuedAt;
    const theirsAt = new Date(new Date(oursAt).getTime() + 60_000).toISOString();
    const lost = await conflict(
      c,
      lostCase.account.accountId,
      side(randomUUID(), theirsAt, '7', 'reset'),
      side(ours.credentialId, oursAt, office, 'issue'),
    );
    const lostText =
      `Лист, напечатанный ${at(oursAt, theirsAt)} в офисе ${office}, заменён сбросом пароля ` +
      `${at(theirsAt, oursAt)} в офисе 7: пароль с этого листа больше не действует.`;

    // Won: office 7's sheet from a minute before ours was replaced by our issue.
    const wonCase = await ownerAccount(c, 4);
    const mine = await visitedEarlier(c, clerk, wonCase.account, wonCase.resident, '220044');
    const mineAt = (await credentialOf(mine.credentialId)).issuedAt;
    const earlierAt = new Date(new Date(mineAt).getTime() - 60_000).toISOString();
    await conflict(
      c,
      wonCase.account.accountId,
      side(mine.credentialId, mineAt, office, 'issue'),
      side(randomUUID(), earlierAt, '7', 'issue'),
    );
    const wonText =
      `Лист, напечатанный ${at(earlierAt, mineAt)} в офисе 7, заменён выдачей доступа ` +
      `${at(mineAt, earlierAt)} на этом рабочем месте (офис ${office}): ` +
      'действует пароль, выданный здесь.';

    // The clerk opens the account whose sheet lost: the sentence, not the English record.
    await app.reload();
    await signInWithKeyboard(app, CLERK);
    await scan(app, lostCase.account.payerCode);
    const access = app.getByRole('region', { name: 'Доступ в личный кабинет' });
    const row = access.getByRole('row').filter({ hasText: ours.sheetSerial });
    await expect(row).toContainText('отозван');
    await expect(row).toContainText(lostText);
    await expect(app.getByText(lost.text)).toHaveCount(0);
    await shot(app, 'account-card-conflict-lost');
    await expectAccessible(app, 'account card after a lost conflict');

    // The account whose issue won: the password in force says what it replaced.
    await app.keyboard.press('Escape');
    await scan(app, wonCase.account.payerCode);
    const wonRow = access.getByRole('row').filter({ hasText: mine.sheetSerial });
    await expect(wonRow).toContainText('действует');
    await expect(wonRow).toContainText(wonText);

    // The supervisor's sync tab lists both, each in Russian, with whose password stands.
    c.session.signOut();
    await app.reload();
    await openSupervisorArea(app, SUPERVISOR);
    await openTab(app, 'sync');
    const rows = app.getByRole('region', { name: 'Конфликты' }).locator('tbody tr');
    await expect(rows).toHaveCount(2);
    const lostRow = rows.filter({ hasText: lostText });
    await expect(lostRow).toHaveCount(1);
    await expect(lostRow).toContainText('выданный в офисе 7');
    // Accounts are named the way the supervisor knows them: by payer code.
    await expect(lostRow).toContainText(lostCase.account.payerCode);
    const wonListed = rows.filter({ hasText: wonText });
    await expect(wonListed).toHaveCount(1);
    await expect(wonListed).toContainText('выданный здесь');
    await expect(wonListed).toContainText(wonCase.account.payerCode);
    await expect(app.getByText(/The sheet printed/)).toHaveCount(0);
    await shot(app, 'supervisor-sync-conflicts');
    await expectAccessible(app, 'sync tab with conflicts');
  });
});
