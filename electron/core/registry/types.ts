// Registry rows as they arrive from the centre (replication) or from the demo generator.
// Plain objects, no SQL: the same shapes load the workstation's SQLite and the central
// PostgreSQL. Search keys and the resident's denormalised street are derived on write.

export interface DistrictIn {
  code: string;
  name: string;
  okrug: string;
}

export interface StreetIn {
  id: number;
  name: string;
  kind: string;
}

export interface AccountIn {
  id: number;
  payerCode: string;
  districtCode: string;
  streetId: number;
  /** `12`, `12А`. */
  house: string;
  /** `к2` (корпус), `с1` (строение), `к2с1`, or ''. A bare number means корпус. */
  building: string;
  /** `45`, `45А`, or '' for a private house. */
  flat: string;
  updatedAt: string;
}

export interface ResidentIn {
  id: number;
  accountId: number;
  surname: string;
  givenName: string;
  patronymic: string;
  birthDate: string;
  relation: 'owner' | 'registered';
  registeredFrom: string | null;
  registeredTo: string | null;
  updatedAt: string;
}

export interface RegistryBatch {
  districts?: DistrictIn[];
  streets?: StreetIn[];
  accounts?: AccountIn[];
  residents?: ResidentIn[];
}

export type RegistryChange =
  | { table: 'district'; op: 'upsert'; row: DistrictIn }
  | { table: 'street'; op: 'upsert'; row: StreetIn }
  | { table: 'account'; op: 'upsert'; row: AccountIn }
  | { table: 'account'; op: 'delete'; id: number }
  | { table: 'resident'; op: 'upsert'; row: ResidentIn }
  | { table: 'resident'; op: 'delete'; id: number };
