// Streets and districts held in memory per store: every search matches street words
// against them and every result names its street and district. Loaded on first use and
// dropped by the write paths in this folder (bulk load, incremental changes), so the next
// search reloads a few thousand rows, once.
import type { Store } from '../db/store';
import { all } from './sql';
import { StreetIndex, type StreetInfo } from './streets';

export interface DistrictInfo {
  code: string;
  name: string;
  okrug: string;
}

export interface RegistryCache {
  streets: Map<number, StreetInfo>;
  districts: Map<string, DistrictInfo>;
  index: StreetIndex;
}

const caches = new WeakMap<Store, RegistryCache>();

export function forgetRegistryCache(store: Store): void {
  caches.delete(store);
}

/** Call while holding the store (inside `run`/`tx`). */
export async function registryCache(store: Store): Promise<RegistryCache> {
  const hit = caches.get(store);
  if (hit) return hit;
  const db = store.raw();
  const streets = await all<StreetInfo>(db, 'SELECT id, name, kind FROM street ORDER BY id');
  const districts = await all<DistrictInfo>(
    db,
    'SELECT code, name, okrug FROM district ORDER BY code',
  );
  const cache: RegistryCache = {
    streets: new Map(streets.map((s) => [s.id, s])),
    districts: new Map(districts.map((d) => [d.code, d])),
    index: new StreetIndex(streets),
  };
  caches.set(store, cache);
  return cache;
}
