// The SQL behind each kind of search. Each reads one index range per rank, in display
// order, and stops after a page (limit + 1 accounts, to know whether more exist); none
// scans the account or resident table (tests check EXPLAIN QUERY PLAN).
import { foldName, prefixRange, sameName } from '../../../shared/domain/names';
import type { RawDb } from '../db/store';
import { compareNumbers } from './address';
import { houseAndFlat, numberRange, type Token } from './query';
import { all } from './sql';
import type { StreetMatch } from './streets';

export interface Found {
  /** Account ids, best first, at most limit + 1. */
  ids: number[];
  /** More matched than `ids` holds, or than were read. */
  more: boolean;
  /** Residents whose name matched, for highlighting. */
  residentIds: Set<number>;
}

/** Streets tried per query: more means the words were too vague to help the clerk. */
export const MAX_STREETS = 30;
/** Accounts read per house before the natural (door-list) sort. */
const MAX_HOUSE_ROWS = 1000;

function collect(found: Found, accountId: number, limit: number): boolean {
  if (!found.ids.includes(accountId)) found.ids.push(accountId);
  return found.ids.length > limit;
}

/**
 * Surname prefix: exact owners, exact registered, then prefix owners and prefix registered,
 * each an index range on resident_surname (surname_key, relation, birth_date, account_id, …)
 * read in that order, index-only, page by page until limit + 1 accounts are found.
 */
export async function findBySurname(db: RawDb, prefix: string, limit: number): Promise<Found> {
  const [lo, hi] = prefixRange(prefix);
  const found: Found = { ids: [], more: false, residentIds: new Set() };
  const ranks: [string, unknown[]][] = [];
  for (const relation of ['owner', 'registered']) {
    ranks.push([
      'surname_key = ? AND relation = ? ORDER BY birth_date, account_id',
      [lo, relation],
    ]);
  }
  for (const relation of ['owner', 'registered']) {
    ranks.push([
      'surname_key > ? AND surname_key < ? AND relation = ? ORDER BY surname_key, relation, birth_date, account_id',
      [lo, hi, relation],
    ]);
  }
  for (const [where, params] of ranks) {
    // Co-owners share an account: read a little more than a page, then page on.
    const page = (limit + 1) * 3;
    for (let offset = 0; ; offset += page) {
      const rows = await all<{ account_id: number }>(
        db,
        `SELECT account_id FROM resident INDEXED BY resident_surname WHERE ${where} LIMIT ? OFFSET ?`,
        [...params, page, offset],
      );
      for (const r of rows) {
        if (collect(found, r.account_id, limit)) {
          found.more = true;
          return found;
        }
      }
      if (rows.length < page) break;
    }
  }
  return found;
}

/**
 * Surname + given name (+ patronymic): the folded surname exactly and the rest as a prefix of
 * the folded `given patronymic` key. resident_surname carries name_key last, so this reads the
 * surname's index range in display order (owners, then the eldest) and tests the name key
 * in the index itself, a page at a time; the commonest surname has ~23,000 entries at 1M
 * accounts. With one word after the surname, whole given names come first («александр …»
 * before «александра …»): no folded key holds a character below the space, so the whole
 * names are the keys from `александр` up to `александр \uffff`, and the longer ones follow.
 */
export async function findByFullName(
  db: RawDb,
  surname: string,
  rest: string,
  limit: number,
): Promise<Found> {
  const found: Found = { ids: [], more: false, residentIds: new Set() };
  const key = foldName(surname);
  const [lo, hi] = prefixRange(rest);
  if (key === '' || lo === '') return found;
  const ranks: [string, string][] = lo.includes(' ')
    ? [[lo, hi]]
    : [
        [lo, `${lo} \uffff`],
        [`${lo} \uffff`, hi],
      ];
  const page = (limit + 1) * 3;
  for (const [from, to] of ranks) {
    for (let offset = 0; ; offset += page) {
      const rows = await all<{ id: number; account_id: number }>(
        db,
        `SELECT id, account_id FROM resident INDEXED BY resident_surname
          WHERE surname_key = ? AND relation IN ('owner', 'registered') AND name_key >= ? AND name_key < ?
          ORDER BY relation, birth_date, account_id LIMIT ? OFFSET ?`,
        [key, from, to, page, offset],
      );
      for (const r of rows) {
        if (!found.ids.includes(r.account_id)) {
          if (found.ids.length > limit) {
            found.more = true;
            return found;
          }
          found.ids.push(r.account_id);
        }
        found.residentIds.add(r.id);
      }
      if (rows.length < page) break;
    }
  }
  return found;
}

/** Passport: surname + date of birth on resident_surname, given name and patronymic compared folded. */
export async function findByPassport(
  db: RawDb,
  p: { surname: string; givenName: string; patronymic: string; birthDate: string },
  limit: number,
): Promise<Found> {
  const found: Found = { ids: [], more: false, residentIds: new Set() };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(p.birthDate) || foldName(p.surname) === '') return found;
  const rows = await all<{
    id: number;
    account_id: number;
    given_name: string;
    patronymic: string;
  }>(
    db,
    `SELECT id, account_id, given_name, patronymic FROM resident
      WHERE surname_key = ? AND relation IN ('owner', 'registered') AND birth_date = ?
      ORDER BY relation, account_id, id`,
    [foldName(p.surname), p.birthDate],
  );
  for (const r of rows) {
    if (!sameName(r.given_name, p.givenName) || !sameName(r.patronymic, p.patronymic)) continue;
    found.residentIds.add(r.id);
    if (collect(found, r.account_id, limit)) found.more = true;
  }
  found.ids = found.ids.slice(0, limit + 1);
  return found;
}

/** SQL condition for a house or flat key typed as `key`: itself, or it plus a non-digit. */
function numberCondition(column: string, key: string): { sql: string; params: unknown[] } {
  const r = numberRange(key);
  return {
    sql: `(${column} = ? OR (${column} > ? AND ${column} < ? AND substr(${column}, ?, 1) NOT BETWEEN '0' AND '9'))`,
    params: [key, r.lo, r.hi, r.nextCharAt],
  };
}

/** The tokens left for house and flat once a street has taken the numbers in its name. */
function withoutNumbers(tokens: readonly Token[], used: readonly string[]): Token[] {
  const left = [...used];
  return tokens.filter((t) => {
    if (t.t !== 'num') return true;
    const at = left.indexOf(t.v);
    if (at < 0) return true;
    left.splice(at, 1);
    return false;
  });
}

/**
 * Address: for each matched street, best first, account_address (street_id, house_key,
 * flat_key) read index-only. With a house, its accounts come sorted like a door list.
 */
export async function findByAddress(
  db: RawDb,
  streets: readonly StreetMatch[],
  tokens: readonly Token[],
  limit: number,
): Promise<Found> {
  const found: Found = { ids: [], more: streets.length > MAX_STREETS, residentIds: new Set() };
  for (const m of streets.slice(0, MAX_STREETS)) {
    const { house, flat } = houseAndFlat(withoutNumbers(tokens, m.usesNumbers));
    const where = ['street_id = ?'];
    const params: unknown[] = [m.street.id];
    if (house !== null) {
      const c = numberCondition('house_key', house);
      where.push(c.sql);
      params.push(...c.params);
    }
    if (flat !== null) {
      const c = numberCondition('flat_key', flat);
      where.push(c.sql);
      params.push(...c.params);
    }
    const need = limit + 1 - found.ids.length;
    const cap = house === null ? need : MAX_HOUSE_ROWS;
    const rows = await all<{ id: number; house_key: string; flat_key: string }>(
      db,
      `SELECT id, house_key, flat_key FROM account INDEXED BY account_address WHERE ${where.join(' AND ')}
        ORDER BY house_key, flat_key LIMIT ?`,
      [...params, cap],
    );
    if (house !== null) {
      if (rows.length === cap) found.more = true;
      rows.sort(
        (a, b) =>
          compareNumbers(a.house_key, b.house_key) ||
          compareNumbers(a.flat_key, b.flat_key) ||
          a.id - b.id,
      );
    }
    for (const r of rows) {
      if (collect(found, r.id, limit)) {
        found.more = true;
        return found;
      }
    }
  }
  return found;
}

/**
 * Surname + street: resident_street_surname (street_id, surname_key), street by street in
 * match order, exact surname before prefix, a page at a time; with a house or flat typed,
 * each candidate's account is checked by primary key. Within what was read, owners come
 * first, then the eldest. (The index has no `relation`: owners-first is global when the
 * street holds no more than a page of matches, and page-local otherwise, where the clerk
 * is told to narrow anyway. Widening the index to cover it cost 20–35 % more time to build
 * it at 1M accounts.)
 */
export async function findBySurnameOnStreets(
  db: RawDb,
  prefix: string,
  streets: readonly StreetMatch[],
  tokens: readonly Token[],
  limit: number,
): Promise<Found> {
  const found: Found = { ids: [], more: streets.length > MAX_STREETS, residentIds: new Set() };
  const [lo, hi] = prefixRange(prefix);
  const { house, flat } = houseAndFlat(tokens);
  const extra: string[] = [];
  const extraParams: unknown[] = [];
  for (const [column, key] of [
    ['a.house_key', house],
    ['a.flat_key', flat],
  ] as const) {
    if (key === null) continue;
    const c = numberCondition(column, key);
    extra.push(c.sql);
    extraParams.push(...c.params);
  }
  const join = extra.length > 0 ? 'JOIN account a ON a.id = r.account_id' : '';
  const ranks: [string, unknown[]][] = [
    ['r.surname_key = ?', [lo]],
    ['r.surname_key > ? AND r.surname_key < ?', [lo, hi]],
  ];
  const page = (limit + 1) * 3;
  for (const m of streets.slice(0, MAX_STREETS)) {
    for (const [cond, params] of ranks) {
      for (let offset = 0; ; offset += page) {
        const rows = await all<{ account_id: number; relation: string; birth_date: string }>(
          db,
          `SELECT r.account_id, r.relation, r.birth_date FROM resident r INDEXED BY resident_street_surname ${join}
            WHERE r.street_id = ? AND ${[cond, ...extra].join(' AND ')}
            ORDER BY r.surname_key, r.id LIMIT ? OFFSET ?`,
          [m.street.id, ...params, ...extraParams, page, offset],
        );
        rows.sort(
          (a, b) =>
            (a.relation === b.relation ? 0 : a.relation === 'owner' ? -1 : 1) ||
            (a.birth_date < b.birth_date ? -1 : a.birth_date > b.birth_date ? 1 : 0) ||
            a.account_id - b.account_id,
        );
        for (const r of rows) {
          if (collect(found, r.account_id, limit)) {
            found.more = true;
            return found;
          }
        }
        if (rows.length < page) break;
      }
    }
  }
  return found;
}
