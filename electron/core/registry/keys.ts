// Stored search keys, derived from the registry's own columns with the shared folding
// (shared/domain/names.ts), so that what the clerk types folds to the same key.
import { foldHouse, foldName } from '../../../shared/domain/names';

/**
 * Moscow writes a building as корпус or строение: `к2`, `с1`, `к2с1`. A bare number
 * means корпус (`12`, building `2` is `12к2`), which is how most source systems send it.
 */
export function normaliseBuilding(building: string): string {
  const b = building.trim();
  return /^\d+$/.test(b) ? `к${b}` : b;
}

export function houseKey(house: string, building: string): string {
  return foldHouse(`${house}${normaliseBuilding(building)}`);
}

export function flatKey(flat: string): string {
  return foldHouse(flat);
}

export function surnameKey(surname: string): string {
  return foldName(surname);
}

/** Given name and patronymic, folded, one space between: `елена сергеевна`. */
export function nameKey(givenName: string, patronymic: string): string {
  return joinNameKey(foldName(givenName), foldName(patronymic));
}

/** Two folded parts (no outer spaces) as one name key: the same as folding them together. */
export function joinNameKey(given: string, patronymic: string): string {
  return given === '' ? patronymic : patronymic === '' ? given : `${given} ${patronymic}`;
}

/**
 * A memo for key functions during a bulk load: a million accounts share a few thousand
 * house and flat strings and a few thousand surnames, and the regex folding costs more
 * than a map lookup. Cleared when it grows, so odd input cannot exhaust memory.
 */
export function memo(fn: (s: string) => string, max = 100_000): (s: string) => string {
  const cache = new Map<string, string>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      v = fn(s);
      if (cache.size >= max) cache.clear();
      cache.set(s, v);
    }
    return v;
  };
}
