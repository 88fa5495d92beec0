// One search field takes everything the clerk types or scans: a bill QR, a passport MRZ,
// a payer code, an address (street words in any order, house and flat optional), a
// surname prefix, a surname and a street, or a surname with a given name and patronymic. This decides what the text is and hands it
// to the finder for that kind (finders.ts); results are account summaries, ranked, capped.
import { foldName } from '../../../shared/domain/names';
import { parseScan } from '../../../shared/domain/scan';
import type { AccountSummary, SearchResult } from '../../../shared/schemas/registry';
import type { RawDb, Store } from '../db/store';
import { loadSummaries } from './address';
import { registryCache, type RegistryCache } from './cache';
import {
  findByAddress,
  findByFullName,
  findByPassport,
  findBySurname,
  findBySurnameOnStreets,
  type Found,
} from './finders';
import { payerCodeOf, tokenize, type Token } from './query';
import type { StreetIndex, StreetMatch } from './streets';

export { formatAddress } from './address';

type Kind = SearchResult['kind'];

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 200;
const MAX_QUERY = 400;
/** Shorter surname prefixes match a good part of the district and help nobody. */
const MIN_SURNAME = 2;

interface Ctx {
  db: RawDb;
  cache: RegistryCache;
  limit: number;
}

export async function searchRegistry(
  store: Store,
  query: string,
  opts: { limit?: number } = {},
): Promise<SearchResult> {
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(opts.limit ?? DEFAULT_LIMIT)));
  const text = typeof query === 'string' ? query.trim().slice(0, MAX_QUERY) : '';
  if (text === '') return { kind: 'none', accounts: [], truncated: false };
  return store.run(async () => {
    const ctx: Ctx = { db: store.raw(), cache: await registryCache(store), limit };
    const scan = parseScan(text);
    if (scan.kind === 'bill') {
      return scan.payerCode ? byPayerCode(ctx, scan.payerCode, 'bill') : empty('bill');
    }
    if (scan.kind === 'payerCode') return byPayerCode(ctx, scan.payerCode, 'payerCode');
    if (scan.kind === 'mrz') {
      const found = await findByPassport(ctx.db, scan.passport, limit);
      return { ...(await finish(ctx, 'mrz', found)), mrzChecksOk: scan.checksOk };
    }
    const code = payerCodeOf(text);
    if (code) return byPayerCode(ctx, code, 'payerCode');
    return byWords(ctx, tokenize(text));
  });
}

export async function getAccount(store: Store, accountId: number): Promise<AccountSummary | null> {
  if (!Number.isSafeInteger(accountId)) return null;
  return store.run(async () => {
    const found = await loadSummaries(store.raw(), await registryCache(store), {
      ids: [accountId],
    });
    return found.get(accountId) ?? null;
  });
}

export async function getAccountByPayerCode(
  store: Store,
  payerCode: string,
): Promise<AccountSummary | null> {
  if (typeof payerCode !== 'string' || !/^\d{10}$/.test(payerCode)) return null;
  return store.run(async () => {
    const found = await loadSummaries(store.raw(), await registryCache(store), { payerCode });
    return found.values().next().value ?? null;
  });
}

function empty(kind: Kind): SearchResult {
  return { kind, accounts: [], truncated: false };
}

/** payer_code is UNIQUE: one index probe, residents joined in the same statement. */
async function byPayerCode(ctx: Ctx, payerCode: string, kind: Kind): Promise<SearchResult> {
  const found = await loadSummaries(ctx.db, ctx.cache, { payerCode });
  return { kind, accounts: [...found.values()], truncated: false };
}

async function finish(
  ctx: Ctx,
  kind: Kind,
  found: Found,
  surnamePrefix?: string,
): Promise<SearchResult> {
  const ids = found.ids.slice(0, ctx.limit);
  const summaries = await loadSummaries(ctx.db, ctx.cache, { ids });
  const key = surnamePrefix === undefined ? null : foldName(surnamePrefix);
  const accounts: AccountSummary[] = [];
  for (const id of ids) {
    const acc = summaries.get(id);
    if (!acc) continue;
    acc.matchedResidentIds = acc.residents
      .filter(
        (r) => found.residentIds.has(r.id) || (key !== null && foldName(r.surname).startsWith(key)),
      )
      .map((r) => r.id);
    accounts.push(acc);
  }
  return { kind, accounts, truncated: found.more || found.ids.length > ctx.limit };
}

function streetsFor(
  index: StreetIndex,
  tokens: readonly Token[],
  skipWord: number | null,
): StreetMatch[] {
  const words: string[] = [];
  let kinds: string[] | null = null;
  const numbers: string[] = [];
  let w = 0;
  for (const t of tokens) {
    if (t.t === 'word') {
      if (w++ !== skipWord) words.push(...t.parts);
    } else if (t.t === 'ord') words.push(t.v);
    else if (t.t === 'kind') kinds = [...(kinds ?? []), ...t.kinds];
    else if (t.t === 'num') numbers.push(t.v);
  }
  return index.match(words, kinds, numbers);
}

/**
 * Text that is not a scan: decide between an address, a surname and a surname + street.
 * Numbers or address words (`ул.`, `д.`, `кв.`) make it an address; one bare word is a
 * surname (an address only if no surname matches); several bare words are a street if
 * they name one in full, else a surname with a given name (and patronymic) or a surname followed
 * (or preceded) by a street, else a double surname typed without its hyphen.
 */
async function byWords(ctx: Ctx, tokens: Token[]): Promise<SearchResult> {
  const words = tokens.filter((t): t is Extract<Token, { t: 'word' }> => t.t === 'word');
  const hasOrdinal = tokens.some((t) => t.t === 'ord');
  if (words.length === 0 && !hasOrdinal) return empty('none');
  const addressLike = tokens.some(
    (t) => t.t === 'num' || t.t === 'kind' || t.t === 'mark' || t.t === 'bld',
  );
  const index = ctx.cache.index;
  const asAddress = streetsFor(index, tokens, null);
  const address = async (): Promise<SearchResult> =>
    finish(ctx, 'address', await findByAddress(ctx.db, asAddress, tokens, ctx.limit));

  const surnameStreet = async (): Promise<SearchResult | null> => {
    let fallback: SearchResult | null = null;
    for (const at of [0, words.length - 1]) {
      const surname = words[at];
      if (!surname || surname.v.length < MIN_SURNAME) continue;
      const streets = streetsFor(index, tokens, at);
      if (streets.length === 0) continue;
      const found = await findBySurnameOnStreets(ctx.db, surname.v, streets, tokens, ctx.limit);
      const result = await finish(ctx, 'surnameStreet', found, surname.v);
      if (result.accounts.length > 0) return result;
      fallback ??= result;
    }
    return fallback;
  };

  if (addressLike) {
    if (asAddress.length > 0 || words.length < 2) return address();
    return (await surnameStreet()) ?? empty('address');
  }
  if (words.length === 1 && !hasOrdinal) {
    const surname = (words[0] as (typeof words)[number]).v;
    // One letter narrows nothing, as a surname or as a street.
    if (surname.length < MIN_SURNAME) return empty('none');
    const result = await finish(
      ctx,
      'surname',
      await findBySurname(ctx.db, surname, ctx.limit),
      surname,
    );
    return result.accounts.length > 0 || asAddress.length === 0 ? result : address();
  }
  if (asAddress.some((m) => m.exact)) return address();
  // Surname, given name, patronymic («андреева елена») or a surname and a street («иванов
  // ленина»). When the words after the surname are whole words of a street's name, the street
  // is tried first; otherwise the name is, and a street only if no one has that name.
  const [first, ...rest] = words;
  const fullName = async (): Promise<SearchResult | null> => {
    if (!first || first.v.length < MIN_SURNAME || rest.length > 2 || hasOrdinal) return null;
    const given = rest.map((w) => w.v).join(' ');
    const found = await findByFullName(ctx.db, first.v, given, ctx.limit);
    return finish(ctx, 'fullName', found);
  };
  const streetFirst = streetsFor(index, tokens, 0).some((m) => m.whole);
  const named = streetFirst ? null : await fullName();
  if (named && named.accounts.length > 0) return named;
  const pair = await surnameStreet();
  if (pair && pair.accounts.length > 0) return pair;
  if (streetFirst) {
    const late = await fullName();
    if (late && late.accounts.length > 0) return late;
  }
  // Two words that name no street may be a double surname typed without its hyphen.
  const joined = words.map((w) => w.v).join(' ');
  const double = await finish(
    ctx,
    'surname',
    await findBySurname(ctx.db, joined, ctx.limit),
    joined,
  );
  if (double.accounts.length > 0) return double;
  if (asAddress.length > 0) return address();
  return pair ?? double;
}
