// What the supervisor journey needs besides the shared harness: getting to a tab of the
// supervisor area with the keyboard, picking from an MUI select with the keyboard, and a
// day's counter work done through the core's own visit services (as the clerk at the next
// window would do it), so the supervisor's screens have something real to show.
import { expect, type Page } from '@playwright/test';
import type { Core } from '../../../electron/core';
import { signIn } from '../../../electron/core/staff/service';
import { approveVisit } from '../../../electron/core/visits/approve';
import { closeVisit } from '../../../electron/core/visits/close';
import { checkIdentity, startVisit } from '../../../electron/core/visits/identity';
import { issueCredential } from '../../../electron/core/visits/issue';
import { printInfoSheet } from '../../../electron/core/visits/print';
import type { AccountSummary, ResidentSummary } from '../../../shared/schemas/registry';
import type { ClerkSummary } from '../../../shared/schemas/session';
import type { PassportForm, PrintRecord } from '../../../shared/schemas/visit';
import { passportFor, personOf } from '../../support/passports';
import { expectFocused, signInWithKeyboard, today } from './journeys';

/**
 * The report journey's own CUPS queue (set up like the others in printer.ts): its sheets carry
 * the same payer codes and serials as other journeys' sheets in their own fresh databases,
 * and each journey deletes the PDFs it finds, so they must not share a queue.
 */
export const REPORT_QUEUE = 'AccessDeskE2EReport';

/** The supervisor area's tabs, in their order on the screen, with their Russian names. */
export const TABS = {
  audit: 'Журнал',
  report: 'Отчёт за день',
  approvals: 'Подтверждения',
  staff: 'Сотрудники',
  settings: 'Настройки',
  passportList: 'Список паспортов',
  personalData: 'Персональные данные',
  sync: 'Синхронизация',
} as const;
export type Tab = keyof typeof TABS;
const ORDER = Object.keys(TABS) as Tab[];

/**
 * The accessible name of the focused element, as far as these screens need it: labelled-by,
 * aria-label, a <label>, then the text. (Playwright asserts names but does not read them.)
 */
export function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '';
    const text = (s: string | null | undefined) => (s ?? '').replace(/[\u200b\s]+/g, ' ').trim();
    const ids = el.getAttribute('aria-labelledby');
    if (ids) {
      return text(
        ids
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      );
    }
    const aria = el.getAttribute('aria-label');
    if (aria) return text(aria);
    const labels = (el as HTMLInputElement).labels;
    if (labels && labels.length > 0) return text([...labels].map((l) => l.textContent).join(' '));
    return text(el.textContent);
  });
}

/** Presses `key` until the focus is on the element named `name`, at most `max` times. */
export async function pressUntilFocused(
  page: Page,
  key: string,
  name: string | RegExp,
  max = 40,
): Promise<void> {
  const matches = (s: string) => (typeof name === 'string' ? s === name : name.test(s));
  for (let i = 0; i < max && !matches(await focusedName(page)); i++) {
    await page.keyboard.press(key);
  }
  const now = await focusedName(page);
  if (typeof name === 'string') expect(now, `the focus after ${key}`).toBe(name);
  else expect(now, `the focus after ${key}`).toMatch(name);
}

/**
 * Signs `who` in with the keyboard and opens the supervisor area from the app bar: Shift+Tab
 * from the search field back to «Управление», Enter. The selected tab then has the focus.
 */
export async function openSupervisorArea(
  page: Page,
  who: { login: string; password: string; fullName: string },
): Promise<void> {
  await signInWithKeyboard(page, who);
  await pressUntilFocused(page, 'Shift+Tab', 'Управление');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Управление' })).toBeVisible();
  await expect(page.getByRole('tab', { selected: true })).toBeFocused();
}

/**
 * Moves along the tab list with the arrow keys from the selected tab to `tab` and opens it
 * with Enter. The focus must be on the tab list (where opening the area leaves it).
 */
export async function openTab(page: Page, tab: Tab): Promise<void> {
  const selected = page.getByRole('tab', { selected: true });
  await expect(selected).toBeFocused();
  const current = ((await selected.textContent()) ?? '').trim();
  const from = ORDER.find((t) => TABS[t] === current);
  if (!from) throw new Error('no tab is selected');
  const steps = ORDER.indexOf(tab) - ORDER.indexOf(from);
  for (let i = 0; i < Math.abs(steps); i++) {
    await page.keyboard.press(steps > 0 ? 'ArrowRight' : 'ArrowLeft');
  }
  await expectFocused(page, TABS[tab]);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: TABS[tab] })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel')).toHaveAttribute(
    'aria-labelledby',
    `supervisor-tab-${tab}`,
  );
}

/** Back to the tab list from wherever the focus is in a panel: Shift+Tab up to the selected tab. */
export async function backToTabs(page: Page): Promise<void> {
  const name = ((await page.getByRole('tab', { selected: true }).textContent()) ?? '').trim();
  await pressUntilFocused(page, 'Shift+Tab', name, 60);
  await expect(page.getByRole('tab', { selected: true })).toBeFocused();
}

/**
 * Picks `option` from the MUI select labelled `label` with the keyboard: Tab (or Shift+Tab)
 * to it is the caller's job; here ArrowDown opens the list, arrows walk it, Enter picks.
 */
export async function chooseWithKeyboard(
  page: Page,
  label: string,
  option: string | RegExp,
): Promise<void> {
  await expect(page.getByRole('combobox', { name: label })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const listbox = page.getByRole('listbox');
  await expect(listbox).toBeVisible();
  const target = listbox.getByRole('option', { name: option });
  await expect(target).toHaveCount(1);
  for (let i = 0; i < 60; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press('ArrowDown');
  }
  await expect(target).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(listbox).toBeHidden();
}

/** Tabs forward to the field or button named `name`. */
export const tabTo = (page: Page, name: string | RegExp) => pressUntilFocused(page, 'Tab', name);

/** A staff member's summary as the core's own sign-in gives it (records a sign-in). */
export function staffMember(core: Core, who: { login: string; password: string }) {
  return signIn(core.ctx, who.login, who.password);
}

export interface CounterVisit {
  visitId: string;
  account: AccountSummary;
  resident: ResidentSummary;
  passport: PassportForm;
}

/**
 * Opens a visit for `resident` and checks `passport` (by default one the rules accept), the
 * way the visit screen does it, as `clerk`. Runs in the core, outside the window's session.
 */
export async function checkedVisit(
  core: Core,
  clerk: ClerkSummary,
  kind: 'issue' | 'reset',
  account: AccountSummary,
  resident: ResidentSummary,
  passport: PassportForm = passportFor(resident.birthDate, today(), '834521'),
): Promise<CounterVisit> {
  const deps = core.visits;
  const visit = await startVisit(deps, clerk, account.accountId, kind);
  await checkIdentity(deps, clerk, {
    visitId: visit.visitId,
    residentId: resident.id,
    person: personOf(resident),
    passport,
    source: 'typed',
  });
  return { visitId: visit.visitId, account, resident, passport };
}

/** Issues the password; a reset relies on the consent already in force. */
export const issue = (core: Core, clerk: ClerkSummary, v: CounterVisit, consentSigned = true) =>
  issueCredential(core.visits, clerk, { visitId: v.visitId, consentSigned, representative: null });

export const printSheet = (
  core: Core,
  clerk: ClerkSummary,
  v: CounterVisit,
): Promise<PrintRecord> => printInfoSheet(core.visits, clerk, v.visitId);

export const close = (core: Core, clerk: ClerkSummary, v: CounterVisit) =>
  closeVisit(core.visits, clerk, v.visitId);

/** A supervisor's approval given on the clerk's screen: their own login, password and a reason. */
export const approve = (
  core: Core,
  clerk: ClerkSummary,
  v: CounterVisit,
  supervisor: { login: string; password: string },
  reason: string,
) =>
  approveVisit(core.visits, clerk, {
    visitId: v.visitId,
    login: supervisor.login,
    password: supervisor.password,
    reason,
  });
