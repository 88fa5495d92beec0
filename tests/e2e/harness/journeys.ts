// What the journeys share: finding demo residents, building what a scanner types, signing in
// with the keyboard, and reading the core's stores to check where a password went.
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract';
import { expect, type Page } from '@playwright/test';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../../../electron/core';
import { getAccount } from '../../../electron/core/registry/search';
import { officeDate } from '../../../shared/domain/office-time';
import { buildMrz } from '../../../shared/domain/mrz';
import type { AccountSummary, ResidentSummary } from '../../../shared/schemas/registry';
import type { ClerkSummary } from '../../../shared/schemas/session';
import type { Issued, PassportForm } from '../../../shared/schemas/visit';
import { isAdultOn, passportFor, personOf } from '../../support/passports';

export const today = (): string => officeDate(new Date());

/** The clerk's search field, by its Russian label. */
export const SEARCH = 'Лицевой счёт, адрес, фамилия или скан';
/** A temporary password as the screens show it: two groups of five from the alphabet. */
export const PASSWORD = /[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}/;

/** The temporary password as printed: one character per cell, so spaces come between them. */
export function passwordOnPaper(text: string): string {
  const squashed = text.replace(/[\s\u00a0]+/g, '').replace(/[\u2010\u2011]/g, '-');
  const m = PASSWORD.exec(squashed);
  if (!m) throw new Error(`no password on the sheet:\n${text}`);
  return m[0];
}

/** Accounts (by id order) with an adult resident of the given relation, and that resident. */
export async function residents(
  core: Core,
  relation: 'owner' | 'registered',
  count: number,
  skip = 0,
): Promise<{ account: AccountSummary; resident: ResidentSummary }[]> {
  const found: { account: AccountSummary; resident: ResidentSummary }[] = [];
  let seen = 0;
  for (let id = 1; id < 10_000 && found.length < count; id++) {
    const account = await getAccount(core.ctx.store, id);
    if (!account) continue;
    const resident = account.residents.find(
      (r) => r.relation === relation && isAdultOn(r.birthDate, today()),
    );
    if (resident && seen++ >= skip) found.push({ account, resident });
  }
  if (found.length < count) throw new Error(`not enough accounts with an adult ${relation}`);
  return found;
}

export async function ownerAccount(core: Core, skip = 0) {
  const [first] = await residents(core, 'owner', 1, skip);
  return first!;
}

/** A bill's QR code (GOST R 56042-2014) as a scanner types it. */
export function billQr(payerCode: string): string {
  return [
    'ST00012',
    'Name=ГБУ г. Москвы «ЕИРЦ города Москвы»',
    'PersonalAcc=40603810338000000001',
    'BankName=ПАО Сбербанк',
    'BIC=044525225',
    'CorrespAcc=30101810400000000225',
    `PersAcc=${payerCode}`,
    'PaymPeriod=1126',
    'Flat=45',
    'Sum=584312',
  ].join('|');
}

/**
 * A valid passport that has a machine-readable zone: those are printed only since July 2011,
 * so an older holder gets one issued (as a replacement) in 2018, after their last due birthday.
 */
export function passportWithMrz(birthDate: string, number: string): PassportForm {
  const p = passportFor(birthDate, today(), number);
  if (p.issueDate >= '2012-01-01') return p;
  return { ...p, issueDate: '2018-06-15', series: '4518' };
}

/** The two MRZ lines of a resident's passport. */
export function mrzLines(r: ResidentSummary, p: PassportForm): [string, string] {
  return buildMrz({
    surname: r.surname,
    givenName: r.givenName,
    patronymic: r.patronymic,
    series: p.series,
    number: p.number,
    birthDate: r.birthDate,
    issueDate: p.issueDate,
    departmentCode: p.departmentCode,
    sex: /(вна|кызы)$/i.test(r.patronymic) ? 'F' : 'M',
  });
}

/** `2010-03-15` → what the clerk types into a date field. */
export const typed = (iso: string): string => iso.split('-').reverse().join('.');

/** A keyboard-wedge scanner: the text, then Enter. */
export async function scan(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

export async function signInWithKeyboard(
  page: Page,
  who: { login: string; password: string; fullName: string },
): Promise<void> {
  await expect(page.getByLabel('Логин')).toBeFocused();
  await page.keyboard.type(who.login);
  await page.keyboard.press('Tab');
  await page.keyboard.type(who.password);
  await page.keyboard.press('Enter');
  await expect(page.getByText(who.fullName, { exact: false }).first()).toBeVisible();
}

/** The element that has the keyboard focus, by its accessible name or text. */
export async function expectFocused(page: Page, name: string | RegExp): Promise<void> {
  await expect(page.locator(':focus')).toHaveAccessibleName(name);
}

/** Everything the store holds, decrypted, as one string: every table, every row. */
export async function storeDump(core: Core): Promise<string> {
  return core.ctx.store.run(async (m) => {
    const tables = await m.query<{ name: string }[]>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    );
    const parts: string[] = [];
    for (const { name } of tables) {
      parts.push(JSON.stringify(await m.query(`SELECT * FROM "${name.replace(/"/g, '""')}"`)));
    }
    return parts.join('\n');
  });
}

/** The database files as written on disk (SQLCipher pages, WAL, shared memory). */
export function databaseFiles(dataDir: string): Buffer[] {
  return ['access-desk.db', 'access-desk.db-wal', 'access-desk.db-shm']
    .map((f) => join(dataDir, f))
    .filter(existsSync)
    .map((f) => readFileSync(f));
}

/** Every log file under `<dataDir>/logs`. */
export function logFiles(dataDir: string): string[] {
  const dir = join(dataDir, 'logs');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'));
}

const TRUSTED = { trusted: true, url: 'app://access-desk/index.html' };

/** A channel called as the app's window calls it; throws the failure's code. */
export async function coreCall<C extends Channel>(
  core: Core,
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const res = await core.dispatch(TRUSTED, channel, input);
  if (!res.ok) throw new Error(`${channel}: ${res.code} ${res.message}`);
  return res.data as ChannelOutput<C>;
}

/**
 * An earlier visit at this counter, made through the same channels the screens use (so its
 * rows are the real ones): `clerk` issued access to `resident` (or reset it) and closed the
 * visit. The session is left signed out, as the page expects before its own sign-in.
 */
export async function visitedEarlier(
  core: Core,
  clerk: ClerkSummary,
  account: AccountSummary,
  resident: ResidentSummary,
  number: string,
  kind: 'issue' | 'reset' = 'issue',
): Promise<Issued> {
  core.session.signIn(clerk);
  try {
    const v = await coreCall(core, 'visit.start', {
      accountId: account.accountId,
      kind,
    });
    await coreCall(core, 'visit.check', {
      visitId: v.visitId,
      residentId: resident.id,
      person: personOf(resident),
      passport: passportFor(resident.birthDate, today(), number),
      source: 'typed',
    });
    const issued = await coreCall(core, 'visit.issue', {
      visitId: v.visitId,
      consentSigned: kind === 'issue',
      representative: null,
    });
    await coreCall(core, 'visit.close', { visitId: v.visitId });
    return issued;
  } finally {
    core.session.signOut();
  }
}

/** Types a passport into the visit's form field by field, Tab between them (focus on the MRZ field). */
export async function typePassport(page: Page, p: PassportForm): Promise<void> {
  await expect(page.getByLabel('Скан паспорта (MRZ)')).toBeFocused();
  for (const value of [
    p.series,
    p.number,
    typed(p.issueDate).replace(/\./g, ''),
    p.departmentCode,
    p.issuedBy,
  ]) {
    await page.keyboard.press('Tab');
    await page.keyboard.type(value);
  }
}

/**
 * The start of every issue journey, by keyboard: the scanned bill opens the account, Enter
 * takes «Выдать доступ», Enter takes the resident (focused first); the passport form is next.
 */
export async function startIssue(
  page: Page,
  account: { payerCode: string },
  resident: { surname: string; givenName: string },
): Promise<void> {
  await scan(page, account.payerCode);
  await expectFocused(page, 'Выдать доступ');
  await page.keyboard.press('Enter');
  await expectFocused(page, new RegExp(`${resident.surname} ${resident.givenName}`));
  await page.keyboard.press('Enter');
}
