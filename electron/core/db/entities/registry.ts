import { EntitySchema } from 'typeorm';

// The registry is a replica of the centre's. Bulk paths (replication, demo seeding) write
// these tables with multi-row statements; the entities serve reads and single updates.

export interface DistrictRow {
  code: string;
  name: string;
  okrug: string;
}

export const District = new EntitySchema<DistrictRow>({
  name: 'District',
  tableName: 'district',
  columns: {
    code: { type: 'text', primary: true },
    name: { type: 'text' },
    okrug: { type: 'text' },
  },
});

export interface StreetRow {
  id: number;
  name: string;
  kind: string;
  nameKey: string;
}

export const Street = new EntitySchema<StreetRow>({
  name: 'Street',
  tableName: 'street',
  columns: {
    id: { type: 'integer', primary: true },
    name: { type: 'text' },
    kind: { type: 'text' },
    nameKey: { type: 'text', name: 'name_key' },
  },
});

export interface AccountRow {
  id: number;
  payerCode: string;
  districtCode: string;
  streetId: number;
  house: string;
  building: string;
  flat: string;
  houseKey: string;
  flatKey: string;
  updatedAt: string;
}

export const Account = new EntitySchema<AccountRow>({
  name: 'Account',
  tableName: 'account',
  columns: {
    id: { type: 'integer', primary: true },
    payerCode: { type: 'text', name: 'payer_code' },
    districtCode: { type: 'text', name: 'district_code' },
    streetId: { type: 'integer', name: 'street_id' },
    house: { type: 'text' },
    building: { type: 'text' },
    flat: { type: 'text' },
    houseKey: { type: 'text', name: 'house_key' },
    flatKey: { type: 'text', name: 'flat_key' },
    updatedAt: { type: 'text', name: 'updated_at' },
  },
});

export type Relation = 'owner' | 'registered';

export interface ResidentRow {
  id: number;
  accountId: number;
  streetId: number;
  surname: string;
  givenName: string;
  patronymic: string;
  birthDate: string;
  relation: Relation;
  registeredFrom: string | null;
  registeredTo: string | null;
  surnameKey: string;
  nameKey: string;
  updatedAt: string;
}

export const Resident = new EntitySchema<ResidentRow>({
  name: 'Resident',
  tableName: 'resident',
  columns: {
    id: { type: 'integer', primary: true },
    accountId: { type: 'integer', name: 'account_id' },
    streetId: { type: 'integer', name: 'street_id' },
    surname: { type: 'text' },
    givenName: { type: 'text', name: 'given_name' },
    patronymic: { type: 'text' },
    birthDate: { type: 'text', name: 'birth_date' },
    relation: { type: 'text' },
    registeredFrom: { type: 'text', name: 'registered_from', nullable: true },
    registeredTo: { type: 'text', name: 'registered_to', nullable: true },
    surnameKey: { type: 'text', name: 'surname_key' },
    nameKey: { type: 'text', name: 'name_key', default: '' },
    updatedAt: { type: 'text', name: 'updated_at' },
  },
});
