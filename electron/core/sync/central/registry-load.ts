// Loads registry rows into the central database: the demo registry for `npm run central`,
// the tests and the benchmark. One multi-row INSERT ... SELECT FROM unnest(arrays) per
// table per batch (a few statements per thousand rows, not one per row), upserting, so a
// reload of the same generator output is harmless.
import type { DataSource, EntityManager } from 'typeorm';
import type {
  AccountIn,
  DistrictIn,
  RegistryBatch,
  ResidentIn,
  StreetIn,
} from '../../registry/types';

export interface CentralLoadOptions {
  /**
   * Write change-feed rows for these rows (true: they are changes workstations must pull).
   * An initial load of an empty centre does not need them, and skipping them halves its
   * cost; it needs a superuser (session_replication_role).
   */
  feed?: boolean;
}

export async function loadCentralRegistry(
  ds: DataSource,
  batches: Iterable<RegistryBatch> | AsyncIterable<RegistryBatch>,
  opts: CentralLoadOptions = {},
): Promise<{ accounts: number; residents: number }> {
  let accounts = 0;
  let residents = 0;
  for await (const b of batches) {
    await ds.transaction(async (m) => {
      if (opts.feed === false) await m.query(`SET LOCAL session_replication_role = replica`);
      if (b.districts?.length) await upsertDistricts(m, b.districts);
      if (b.streets?.length) await upsertStreets(m, b.streets);
      if (b.accounts?.length) await upsertAccounts(m, b.accounts);
      if (b.residents?.length) await upsertResidents(m, b.residents);
    });
    accounts += b.accounts?.length ?? 0;
    residents += b.residents?.length ?? 0;
  }
  if (opts.feed === false) await ds.query(`ANALYZE`);
  return { accounts, residents };
}

export async function upsertDistricts(
  m: EntityManager | DataSource,
  rows: DistrictIn[],
): Promise<void> {
  await m.query(
    `INSERT INTO district (code, name, okrug)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, okrug = EXCLUDED.okrug, updated_at = now()`,
    [rows.map((r) => r.code), rows.map((r) => r.name), rows.map((r) => r.okrug)],
  );
}

export async function upsertStreets(
  m: EntityManager | DataSource,
  rows: StreetIn[],
): Promise<void> {
  await m.query(
    `INSERT INTO street (id, name, kind)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, updated_at = now()`,
    [rows.map((r) => r.id), rows.map((r) => r.name), rows.map((r) => r.kind)],
  );
}

export async function upsertAccounts(
  m: EntityManager | DataSource,
  rows: AccountIn[],
): Promise<void> {
  await m.query(
    `INSERT INTO account (id, payer_code, district_code, street_id, house, building, flat, updated_at)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[],
       $7::text[], $8::timestamptz[])
     ON CONFLICT (id) DO UPDATE SET payer_code = EXCLUDED.payer_code,
       district_code = EXCLUDED.district_code, street_id = EXCLUDED.street_id,
       house = EXCLUDED.house, building = EXCLUDED.building, flat = EXCLUDED.flat,
       updated_at = EXCLUDED.updated_at`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.payerCode),
      rows.map((r) => r.districtCode),
      rows.map((r) => r.streetId),
      rows.map((r) => r.house),
      rows.map((r) => r.building),
      rows.map((r) => r.flat),
      rows.map((r) => r.updatedAt),
    ],
  );
}

export async function upsertResidents(
  m: EntityManager | DataSource,
  rows: ResidentIn[],
): Promise<void> {
  await m.query(
    `INSERT INTO resident (id, account_id, surname, given_name, patronymic, birth_date, relation,
       registered_from, registered_to, updated_at)
     SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::date[],
       $7::text[], $8::date[], $9::date[], $10::timestamptz[])
     ON CONFLICT (id) DO UPDATE SET account_id = EXCLUDED.account_id, surname = EXCLUDED.surname,
       given_name = EXCLUDED.given_name, patronymic = EXCLUDED.patronymic,
       birth_date = EXCLUDED.birth_date, relation = EXCLUDED.relation,
       registered_from = EXCLUDED.registered_from, registered_to = EXCLUDED.registered_to,
       updated_at = EXCLUDED.updated_at`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.accountId),
      rows.map((r) => r.surname),
      rows.map((r) => r.givenName),
      rows.map((r) => r.patronymic),
      rows.map((r) => r.birthDate),
      rows.map((r) => r.relation),
      rows.map((r) => r.registeredFrom),
      rows.map((r) => r.registeredTo),
      rows.map((r) => r.updatedAt),
    ],
  );
}
