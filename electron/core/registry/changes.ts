// Incremental registry changes from the centre, applied in the order given, in one
// transaction: either the whole feed page lands or none of it does, and the sync cursor
// (saved by the caller in the same transaction, or after) never runs ahead of the data.
import { foldName } from '../../../shared/domain/names';
import { AppError } from '../../../shared/errors';
import type { RawStatement, Store } from '../db/store';
import { forgetRegistryCache } from './cache';
import { flatKey, houseKey, nameKey, surnameKey } from './keys';
import { finalize, prepare, stmtRun } from './sql';
import type { RegistryChange } from './types';

const SQL = {
  district: `INSERT INTO district (code, name, okrug) VALUES (?, ?, ?)
    ON CONFLICT (code) DO UPDATE SET name = excluded.name, okrug = excluded.okrug`,
  street: `INSERT INTO street (id, name, kind, name_key) VALUES (?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, name_key = excluded.name_key`,
  account: `INSERT INTO account (id, payer_code, district_code, street_id, house, building, flat,
      house_key, flat_key, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET payer_code = excluded.payer_code,
      district_code = excluded.district_code, street_id = excluded.street_id,
      house = excluded.house, building = excluded.building, flat = excluded.flat,
      house_key = excluded.house_key, flat_key = excluded.flat_key, updated_at = excluded.updated_at`,
  // An account that moved street takes its residents' denormalised street with it.
  accountStreet: `UPDATE resident SET street_id = ? WHERE account_id = ? AND street_id <> ?`,
  accountDelete: `DELETE FROM account WHERE id = ?`,
  // Residents go with their account: the centre sends their deletes too, but a replica
  // must never keep people at an address that no longer exists.
  accountResidentsDelete: `DELETE FROM resident WHERE account_id = ?`,
  // street_id comes from the account; NULL (no such account) fails the NOT NULL check.
  resident: `INSERT INTO resident (id, account_id, street_id, surname, given_name, patronymic,
      birth_date, relation, registered_from, registered_to, surname_key, name_key, updated_at)
    VALUES (?, ?, (SELECT street_id FROM account WHERE id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, street_id = excluded.street_id,
      surname = excluded.surname, given_name = excluded.given_name, patronymic = excluded.patronymic,
      birth_date = excluded.birth_date, relation = excluded.relation,
      registered_from = excluded.registered_from, registered_to = excluded.registered_to,
      surname_key = excluded.surname_key, name_key = excluded.name_key,
      updated_at = excluded.updated_at`,
  residentDelete: `DELETE FROM resident WHERE id = ?`,
} as const;

type Key = keyof typeof SQL;

export async function applyRegistryChanges(
  store: Store,
  changes: readonly RegistryChange[],
): Promise<void> {
  if (changes.length === 0) return;
  await store.tx(async () => {
    const db = store.raw();
    const prepared = new Map<Key, RawStatement>();
    const exec = async (key: Key, params: unknown[]): Promise<void> => {
      let stmt = prepared.get(key);
      if (!stmt) {
        stmt = await prepare(db, SQL[key]);
        prepared.set(key, stmt);
      }
      await stmtRun(stmt, params);
    };
    try {
      for (const c of changes) {
        if (c.table === 'district') {
          await exec('district', [c.row.code, c.row.name, c.row.okrug]);
        } else if (c.table === 'street') {
          await exec('street', [c.row.id, c.row.name, c.row.kind, foldName(c.row.name)]);
        } else if (c.table === 'account' && c.op === 'upsert') {
          const a = c.row;
          await exec('account', [
            a.id,
            a.payerCode,
            a.districtCode,
            a.streetId,
            a.house,
            a.building,
            a.flat,
            houseKey(a.house, a.building),
            flatKey(a.flat),
            a.updatedAt,
          ]);
          await exec('accountStreet', [a.streetId, a.id, a.streetId]);
        } else if (c.table === 'account') {
          await exec('accountResidentsDelete', [c.id]);
          await exec('accountDelete', [c.id]);
        } else if (c.op === 'upsert') {
          const r = c.row;
          try {
            await exec('resident', [
              r.id,
              r.accountId,
              r.accountId,
              r.surname,
              r.givenName,
              r.patronymic,
              r.birthDate,
              r.relation,
              r.registeredFrom,
              r.registeredTo,
              surnameKey(r.surname),
              nameKey(r.givenName, r.patronymic),
              r.updatedAt,
            ]);
          } catch (e) {
            if (
              e instanceof Error &&
              /NOT NULL constraint failed: resident\.street_id/.test(e.message)
            ) {
              throw new AppError(
                'ACCOUNT_NOT_FOUND',
                `Resident ${r.id} refers to account ${r.accountId}, which the replica does not hold.`,
                {
                  accountId: r.accountId,
                  residentId: r.id,
                },
              );
            }
            throw e;
          }
        } else {
          await exec('residentDelete', [c.id]);
        }
      }
    } finally {
      for (const stmt of prepared.values()) await finalize(stmt);
      // Dropped whether the transaction commits or not: the next search reloads it.
      if (changes.some((c) => c.table === 'street' || c.table === 'district'))
        forgetRegistryCache(store);
    }
  });
}
