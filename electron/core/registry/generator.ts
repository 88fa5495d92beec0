// The deterministic demo registry: real Moscow districts and streets, buildings with
// корпуса and строения, flats (some split into `45` and `45А`), private houses without a
// flat, and households from households.ts. It loads the workstation on first start, the
// tests (which compute expected search hits from it) and the benchmarks, and the central
// PostgreSQL too, so it yields plain row objects, never SQL.
//
// Same seed and size → identical output; a smaller size is a prefix of a larger one (all
// state advances account by account, and districts and streets come first whatever the
// size). Roughly 2.5 residents per account.
import { DEMO_DISTRICTS, STREET_KINDS } from './demo-data/moscow';
import { dayOf } from './demo-data/dates';
import { HouseholdMaker } from './households';
import { Rng, WeightedTable } from './random';
import type { AccountIn, DistrictIn, RegistryBatch, ResidentIn, StreetIn } from './types';

export interface GenerateOptions {
  accounts: number;
  seed?: number;
  /** Accounts per yielded batch (their residents come in the same batch). */
  batchSize?: number;
}

/** The day the demo registry describes; fixed so that output never depends on the clock. */
export const DEMO_AS_OF = '2025-06-01';
const UPDATED_AT = '2025-06-01T00:00:00.000Z';
export const DEFAULT_SEED = 20250601;

interface DemoStreet extends StreetIn {
  districtCode: string;
  weight: number;
}

/** Districts and streets: fixed lists, independent of seed and size. */
export function demoDistricts(): DistrictIn[] {
  return DEMO_DISTRICTS.map(({ code, name, okrug }) => ({ code, name, okrug }));
}

export function demoStreets(): (StreetIn & { districtCode: string })[] {
  const out: (StreetIn & { districtCode: string })[] = [];
  for (const d of DEMO_DISTRICTS) {
    for (const entry of d.streets.split(';')) {
      const colon = entry.indexOf(':');
      const kind = STREET_KINDS[entry.slice(0, colon) as keyof typeof STREET_KINDS];
      if (!kind) throw new Error(`Unknown street kind in "${entry}".`);
      out.push({ id: out.length + 1, name: entry.slice(colon + 1), kind, districtCode: d.code });
    }
  }
  return out;
}

// How much housing a street of each kind carries, relative to an ordinary street.
const KIND_WEIGHT: Record<string, number> = {
  проспект: 4,
  шоссе: 3,
  улица: 2,
  набережная: 1.5,
  бульвар: 1.5,
  проезд: 1,
  аллея: 0.8,
  переулок: 0.7,
  площадь: 0.3,
  тупик: 0.2,
};

/**
 * Payer codes: 10 digits, unique and scattered, like real ones. A four-round Feistel
 * network on two 5-digit halves permutes [0, 10¹⁰); walking the cycle past values with a
 * leading zero keeps it a permutation of the 10-digit codes. A permutation of the account
 * index can never give two accounts one code, at any size.
 */
export function demoPayerCode(index: number, seed: number): string {
  let y = feistel(1_000_000_000 + index, seed);
  while (y < 1_000_000_000) y = feistel(y, seed);
  return String(y);
}

function feistel(x: number, key: number): number {
  let l = Math.floor(x / 100_000);
  let r = x % 100_000;
  for (let round = 0; round < 4; round++) {
    let h = Math.imul(r ^ (key + round * 0x632be5ab), 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
    h = (h ^ (h >>> 13)) >>> 0;
    const next = (l + (h % 100_000)) % 100_000;
    l = r;
    r = next;
  }
  return l * 100_000 + r;
}

interface StreetState {
  house: number;
  letter: string;
  korpus: number;
  korpusLeft: number;
}

class Addresses {
  private readonly table: WeightedTable<DemoStreet>;
  private readonly state = new Map<number, StreetState>();
  street: DemoStreet | undefined;
  house = '';
  building = '';
  private flats = 0;
  private nextFlat = 1;
  private splitPending = '';

  constructor(
    private readonly rng: Rng,
    streets: DemoStreet[],
  ) {
    this.table = new WeightedTable(
      streets,
      streets.map((s) => s.weight),
    );
  }

  /** The next flat, moving to a new building when this one is full. */
  next(): string {
    if (this.splitPending) {
      const flat = this.splitPending;
      this.splitPending = '';
      return flat;
    }
    if (this.nextFlat > this.flats) this.newBuilding();
    if (this.flats === 0) {
      this.nextFlat = 1;
      return '';
    }
    const flat = String(this.nextFlat++);
    // A flat split in two after a sale: `45` and `45А` are two accounts.
    if (this.rng.chance(0.015)) this.splitPending = `${flat}А`;
    return flat;
  }

  private newBuilding(): void {
    const rng = this.rng;
    // A house's корпуса are built (and numbered) one after another.
    const street =
      this.street && (this.state.get(this.street.id)?.korpusLeft ?? 0) > 0
        ? this.street
        : this.table.draw(rng);
    let st = this.state.get(street.id);
    if (!st) {
      st = { house: 0, letter: '', korpus: 0, korpusLeft: 0 };
      this.state.set(street.id, st);
    }
    this.street = street;
    if (st.korpusLeft > 0) {
      st.korpus++;
      st.korpusLeft--;
      this.building = `к${st.korpus}`;
    } else {
      st.house += 1 + rng.int(2);
      st.letter = rng.chance(0.03) ? 'А' : '';
      const r = rng.int(100);
      if (r < 18) {
        st.korpus = 1;
        st.korpusLeft = 1 + rng.int(3);
        this.building = 'к1';
      } else {
        this.building = r < 23 ? 'с1' : '';
      }
    }
    this.house = `${st.house}${st.letter}`;
    const size = rng.int(100);
    // Private houses have one account and no flat; blocks range from old five-storey
    // buildings to towers.
    this.flats =
      size < 4
        ? 0
        : size < 30
          ? 12 + rng.int(28)
          : size < 78
            ? 48 + rng.int(100)
            : 150 + rng.int(250);
    this.nextFlat = 1;
  }
}

/** The demo registry in batches: districts and streets first, then accounts with residents. */
export function* generateRegistry(options: GenerateOptions): Generator<RegistryBatch> {
  const seed = options.seed ?? DEFAULT_SEED;
  const total = Math.max(0, Math.floor(options.accounts));
  const batchSize = Math.max(1, options.batchSize ?? 5000);
  const rng = new Rng(seed);

  const streets: DemoStreet[] = demoStreets().map((s) => ({
    ...s,
    weight: (KIND_WEIGHT[s.kind] ?? 1) * (0.5 + rng.int(1000) / 1000),
  }));
  yield {
    districts: demoDistricts(),
    streets: streets.map(({ id, name, kind }) => ({ id, name, kind })),
  };

  const addresses = new Addresses(rng, streets);
  const households = new HouseholdMaker(rng, dayOf(DEMO_AS_OF), UPDATED_AT);
  let residentId = 1;
  for (let start = 0; start < total; start += batchSize) {
    const end = Math.min(total, start + batchSize);
    const accounts: AccountIn[] = [];
    const residents: ResidentIn[] = [];
    for (let i = start; i < end; i++) {
      const flat = addresses.next();
      const id = i + 1;
      accounts.push({
        id,
        payerCode: demoPayerCode(i, seed),
        districtCode: addresses.street?.districtCode ?? '',
        streetId: addresses.street?.id ?? 0,
        house: addresses.house,
        building: addresses.building,
        flat,
        updatedAt: UPDATED_AT,
      });
      const made = households.make(id, residentId);
      for (const r of made) residents.push(r);
      residentId += made.length;
    }
    yield { accounts, residents };
  }
}

/** Every row of a small demo registry at once, for tests that compute expected results. */
export function generateAll(options: GenerateOptions): Required<RegistryBatch> {
  const all: Required<RegistryBatch> = { districts: [], streets: [], accounts: [], residents: [] };
  for (const b of generateRegistry(options)) {
    if (b.districts) all.districts.push(...b.districts);
    if (b.streets) all.streets.push(...b.streets);
    if (b.accounts) for (const a of b.accounts) all.accounts.push(a);
    if (b.residents) for (const r of b.residents) all.residents.push(r);
  }
  return all;
}
