// Addresses the Russian way, and the account summaries search returns.
import type { AccountSummary, ResidentSummary } from '../../../shared/schemas/registry';
import type { RawDb } from '../db/store';
import type { RegistryCache } from './cache';
import { normaliseBuilding } from './keys';
import { all } from './sql';

const KIND_ABBREVIATIONS: Record<string, string> = {
  улица: 'ул.',
  проспект: 'просп.',
  переулок: 'пер.',
  шоссе: 'ш.',
  бульвар: 'б-р',
  набережная: 'наб.',
  площадь: 'пл.',
  проезд: 'пр.',
  тупик: 'туп.',
  аллея: 'ал.',
};

export interface AddressParts {
  street: string;
  streetKind: string;
  house: string;
  building: string;
  flat: string;
}

/** `ул. Маршала Жукова, д. 12, корп. 2, кв. 45`; a private house has no `кв.`. */
export function formatAddress(a: AddressParts): string {
  const parts = [`${KIND_ABBREVIATIONS[a.streetKind] ?? a.streetKind} ${a.street}`.trim()];
  if (a.house) parts.push(`д. ${a.house}`);
  const building = normaliseBuilding(a.building);
  const k = /к(\d+\S*?)(?=с|$)/.exec(building);
  const s = /с(\d+\S*)$/.exec(building);
  if (k?.[1]) parts.push(`корп. ${k[1]}`);
  if (s?.[1]) parts.push(`стр. ${s[1]}`);
  if (!k && !s && building) parts.push(building);
  if (a.flat) parts.push(`кв. ${a.flat}`);
  return parts.join(', ');
}

/** The whole address for a document: the city (which the registry does not repeat) first. */
export function fullAddress(city: string, line: string): string {
  return [city.trim(), line].filter(Boolean).join(', ');
}

/** Orders `2` before `10` and `12` before `12а` before `12к1`: the order on a door list. */
export function compareNumbers(a: string, b: string): number {
  const na = parseInt(a, 10);
  const nb = parseInt(b, 10);
  if (Number.isNaN(na) !== Number.isNaN(nb)) return Number.isNaN(na) ? 1 : -1;
  if (na !== nb && !Number.isNaN(na)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Row {
  id: number;
  payer_code: string;
  district_code: string;
  street_id: number;
  house: string;
  building: string;
  flat: string;
  r_id: number | null;
  surname: string | null;
  given_name: string | null;
  patronymic: string | null;
  birth_date: string | null;
  relation: 'owner' | 'registered' | null;
  registered_from: string | null;
  registered_to: string | null;
}

// One round trip per result page: accounts by primary key, residents through
// resident_account.
const SUMMARY_SELECT = `SELECT a.id, a.payer_code, a.district_code, a.street_id, a.house, a.building, a.flat,
    r.id AS r_id, r.surname, r.given_name, r.patronymic, r.birth_date, r.relation,
    r.registered_from, r.registered_to
  FROM account a LEFT JOIN resident r ON r.account_id = a.id`;

export async function loadSummaries(
  db: RawDb,
  cache: RegistryCache,
  where: { ids: readonly number[] } | { payerCode: string },
): Promise<Map<number, AccountSummary>> {
  let rows: Row[];
  if ('ids' in where) {
    if (where.ids.length === 0) return new Map();
    rows = await all<Row>(
      db,
      `${SUMMARY_SELECT} WHERE a.id IN (${where.ids.map(() => '?').join(', ')})`,
      [...where.ids],
    );
  } else {
    rows = await all<Row>(db, `${SUMMARY_SELECT} WHERE a.payer_code = ?`, [where.payerCode]);
  }
  const out = new Map<number, AccountSummary>();
  for (const row of rows) {
    let acc = out.get(row.id);
    if (!acc) {
      const street = cache.streets.get(row.street_id);
      const district = cache.districts.get(row.district_code);
      const parts = {
        street: street?.name ?? '',
        streetKind: street?.kind ?? '',
        house: row.house,
        building: row.building,
        flat: row.flat,
      };
      acc = {
        accountId: row.id,
        payerCode: row.payer_code,
        address: {
          districtCode: row.district_code,
          districtName: district?.name ?? '',
          okrug: district?.okrug ?? '',
          ...parts,
          line: formatAddress(parts),
        },
        residents: [],
        matchedResidentIds: [],
      };
      out.set(row.id, acc);
    }
    if (row.r_id !== null) acc.residents.push(resident(row));
  }
  for (const acc of out.values()) acc.residents.sort(byRelationThenAge);
  return out;
}

function resident(row: Row): ResidentSummary {
  return {
    id: row.r_id ?? 0,
    surname: row.surname ?? '',
    givenName: row.given_name ?? '',
    patronymic: row.patronymic ?? '',
    birthDate: row.birth_date ?? '',
    relation: row.relation ?? 'registered',
    registeredFrom: row.registered_from,
    registeredTo: row.registered_to,
  };
}

/** Owners first, then the eldest, then by id: the order a clerk reads a household in. */
export function byRelationThenAge(a: ResidentSummary, b: ResidentSummary): number {
  if (a.relation !== b.relation) return a.relation === 'owner' ? -1 : 1;
  if (a.birthDate !== b.birthDate) return a.birthDate < b.birthDate ? -1 : 1;
  return a.id - b.id;
}
