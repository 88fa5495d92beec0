import { z } from 'zod';
import { text } from './text';
import { IsoDate, PayerCode } from './common';

export const Relation = z.enum(['owner', 'registered']);

export const ResidentSummary = z.object({
  id: z.number().int(),
  surname: z.string(),
  givenName: z.string(),
  patronymic: z.string(),
  birthDate: IsoDate,
  relation: Relation,
  registeredFrom: IsoDate.nullable(),
  registeredTo: IsoDate.nullable(),
});
export type ResidentSummary = z.infer<typeof ResidentSummary>;

export const Address = z.object({
  districtCode: z.string(),
  /** e.g. "Москва, Юго-Восточный административный округ" */
  districtName: z.string(),
  okrug: z.string(),
  street: z.string(),
  streetKind: z.string(),
  house: z.string(),
  building: z.string(),
  flat: z.string(),
  /** One line, formatted the Russian way: "ул. Маршала Жукова, д. 12, корп. 2, кв. 45". */
  line: z.string(),
});
export type Address = z.infer<typeof Address>;

export const AccountSummary = z.object({
  accountId: z.number().int(),
  payerCode: PayerCode,
  address: Address,
  residents: z.array(ResidentSummary),
  /** Residents whose name matched the query, for highlighting; empty for address searches. */
  matchedResidentIds: z.array(z.number().int()),
});
export type AccountSummary = z.infer<typeof AccountSummary>;

export const SearchKind = z.enum([
  'payerCode',
  'bill',
  'mrz',
  'address',
  'surname',
  'surnameStreet',
  'fullName',
  'none',
]);

export const SearchInput = z.object({ query: text().trim().min(1).max(400) });
export const SearchResult = z.object({
  /** How the query was understood (scanned bill, MRZ, payer code, address, surname…). */
  kind: SearchKind,
  accounts: z.array(AccountSummary),
  /** True when more matched than the cap: the clerk should narrow the query. */
  truncated: z.boolean(),
  /** For an MRZ scan: the passport read from it, so the form can be pre-filled. */
  mrzChecksOk: z.boolean().optional(),
});
export type SearchResult = z.infer<typeof SearchResult>;
