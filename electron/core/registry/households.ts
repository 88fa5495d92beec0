// Who lives in one demo flat: a household drawn from a few realistic shapes (a single
// owner, a couple with children, a single parent, three generations, unrelated tenants),
// with the grammar a clerk checks against a passport: surnames in the right gender form,
// a wife who took her husband's surname (or joined both with a hyphen), children's
// patronymics from their father's given name, registration dates after birth.
import {
  FEMALE_NAMES,
  MALE_NAMES,
  SURNAMES,
  femaleSurname,
  type MaleName,
} from './demo-data/names';
import { daysInYear, isoDay, yearOf, yearStart } from './demo-data/dates';
import { WeightedTable, type Rng } from './random';
import type { ResidentIn } from './types';

const SURNAME_M = SURNAMES;
const SURNAME_F = SURNAMES.map(femaleSurname);

function cohort(year: number): 0 | 1 | 2 | 3 {
  return year < 1960 ? 0 : year < 1985 ? 1 : year < 2005 ? 2 : 3;
}

const COHORTS = [0, 1, 2, 3] as const;
// Zipf-like: the most frequent surname (Иванов) is about 1.8 % of people, as in Russia.
const surnameTable = new WeightedTable(
  SURNAMES.map((_, i) => i),
  SURNAMES.map((_, i) => 1 / (i + 20)),
);
const maleTables = COHORTS.map(
  (c) =>
    new WeightedTable(
      MALE_NAMES,
      MALE_NAMES.map((n) => n.weights[c]),
    ),
);
const femaleTables = COHORTS.map(
  (c) =>
    new WeightedTable(
      FEMALE_NAMES.map((n) => n.name),
      FEMALE_NAMES.map((n) => n.weights[c]),
    ),
);

interface Draft {
  surname: string;
  given: string;
  patronymic: string;
  birth: number;
  owner: boolean;
  male: boolean;
}

/** An adult seen earlier, kept so that a later account can hold a namesake. */
type Seen = Omit<Draft, 'owner'>;

export class HouseholdMaker {
  private readonly asOfYear: number;
  private readonly seen: Seen[] = [];
  private seenNext = 0;

  constructor(
    private readonly rng: Rng,
    private readonly asOf: number,
    private readonly updatedAt: string,
  ) {
    this.asOfYear = yearOf(asOf);
  }

  /** The residents of one account, owners first, ids from `firstId`. */
  make(accountId: number, firstId: number): ResidentIn[] {
    const rng = this.rng;
    const people: Draft[] = [];
    const kind = rng.int(100);
    if (kind < 24) this.single(people);
    else if (kind < 72) this.couple(people);
    else if (kind < 82) this.singleParent(people);
    else if (kind < 93) this.threeGenerations(people);
    else this.unrelated(people);
    if (people.length > 6) people.length = 6;

    const head = people[0] as Draft;
    // Only where no one else's name derives from the head's (a wife's or child's surname).
    if (kind < 24 || kind >= 93) this.namesake(head);
    this.remember(head);

    // The family moved in after the head came of age (and not before the 1960s housing).
    const earliest = Math.max(yearStart(1965), head.birth + 18 * 365);
    const latest = this.asOf - 30;
    const moveIn = earliest >= latest ? latest : earliest + rng.int(latest - earliest);

    people.sort((a, b) => Number(b.owner) - Number(a.owner));
    const out: ResidentIn[] = [];
    for (let i = 0; i < people.length; i++) {
      const p = people[i] as Draft;
      let from: number | null = Math.min(
        this.asOf,
        Math.max(moveIn + rng.int(30), p.birth + rng.int(45)),
      );
      let to: number | null = null;
      // Owners need not live in the flat they own; some residents have since moved out.
      if (p.owner && rng.chance(0.12)) from = null;
      else if (!p.owner && rng.chance(0.04) && from + 180 < this.asOf) {
        to = from + 180 + rng.int(this.asOf - from - 180);
      }
      out.push({
        id: firstId + i,
        accountId,
        surname: p.surname,
        givenName: p.given,
        patronymic: p.patronymic,
        birthDate: isoDay(p.birth),
        relation: p.owner ? 'owner' : 'registered',
        registeredFrom: from === null ? null : isoDay(from),
        registeredTo: to === null ? null : isoDay(to),
        updatedAt: this.updatedAt,
      });
    }
    return out;
  }

  private birthIn(year: number): number {
    const start = yearStart(year);
    // Nobody is born after the day the registry describes.
    const days = year === this.asOfYear ? Math.max(1, this.asOf - start) : daysInYear(year);
    return start + this.rng.int(days);
  }

  private adultYear(min = 20): number {
    return this.asOfYear - (min + this.rng.int(50) + this.rng.int(22));
  }

  private father(year: number): MaleName {
    return (maleTables[cohort(year - 28)] as WeightedTable<MaleName>).draw(this.rng);
  }

  private man(
    surnameIdx: number,
    year: number,
    father: MaleName,
    owner: boolean,
  ): Draft & { name: MaleName } {
    const name = (maleTables[cohort(year)] as WeightedTable<MaleName>).draw(this.rng);
    return this.spell({
      surname: SURNAME_M[surnameIdx] as string,
      given: name.name,
      patronymic: father.patronymicM,
      birth: this.birthIn(year),
      owner,
      male: true,
      name,
    });
  }

  private woman(surname: string, year: number, father: MaleName, owner: boolean): Draft {
    return this.spell({
      surname,
      given: (femaleTables[cohort(year)] as WeightedTable<string>).draw(this.rng),
      patronymic: father.patronymicF,
      birth: this.birthIn(year),
      owner,
      male: false,
    });
  }

  private person(
    surnameIdx: number,
    male: boolean,
    year: number,
    father: MaleName,
    owner: boolean,
  ): Draft {
    return male
      ? this.man(surnameIdx, year, father, owner)
      : this.woman(SURNAME_F[surnameIdx] as string, year, father, owner);
  }

  /** Registries are inconsistent about `ё`: some people are written with `е`. */
  private spell<T extends Draft>(d: T): T {
    if (this.rng.chance(0.15)) {
      d.surname = d.surname.replace(/ё/g, 'е');
      d.given = d.given.replace(/ё/g, 'е');
      d.patronymic = d.patronymic.replace(/ё/g, 'е');
    }
    return d;
  }

  private children(
    out: Draft[],
    surnameIdx: number,
    father: MaleName,
    motherYear: number,
    max: number,
  ): void {
    const rng = this.rng;
    const weights = [22, 38, 29, 11];
    let n = 0;
    for (let r = rng.int(100); n < 3 && r >= (weights[n] ?? 0); n++) r -= weights[n] ?? 0;
    for (let i = 0; i < Math.min(n, max); i++) {
      const year = motherYear + 20 + rng.int(20);
      // Not born yet, or grown up and moved out.
      if (year > this.asOfYear || this.asOfYear - year > 40) continue;
      const owner = this.asOfYear - year >= 14 && rng.chance(0.1);
      out.push(this.person(surnameIdx, rng.chance(0.5), year, father, owner));
    }
  }

  private single(out: Draft[]): void {
    const rng = this.rng;
    const s = surnameTable.draw(rng);
    const year = this.adultYear();
    out.push(this.person(s, rng.chance(0.45), year, this.father(year), true));
    if (rng.chance(0.15)) {
      const childYear = year + 22 + rng.int(14);
      if (this.asOfYear - childYear >= 18)
        out.push(this.person(s, rng.chance(0.5), childYear, this.father(childYear), false));
    }
  }

  private couple(out: Draft[]): void {
    const rng = this.rng;
    const s = surnameTable.draw(rng);
    const hy = this.adultYear(22);
    const husband = this.man(s, hy, this.father(hy), true);
    const wy = Math.min(hy + rng.range(-2, 6), this.asOfYear - 19);
    const r = rng.int(100);
    const maiden = SURNAME_F[surnameTable.draw(rng)] as string;
    const wifeSurname =
      r < 85 ? (SURNAME_F[s] as string) : r < 88 ? `${SURNAME_F[s] as string}-${maiden}` : maiden;
    out.push(husband, this.woman(wifeSurname, wy, this.father(wy), rng.chance(0.55)));
    this.children(out, s, husband.name, wy, 3);
  }

  private singleParent(out: Draft[]): void {
    const rng = this.rng;
    const s = surnameTable.draw(rng);
    const year = this.asOfYear - (25 + rng.int(30));
    out.push(this.woman(SURNAME_F[s] as string, year, this.father(year), true));
    const before = out.length;
    this.children(out, s, this.father(year + 2), year, 2);
    if (out.length === before) {
      const kidYear = Math.min(this.asOfYear, year + 22 + rng.int(10));
      out.push(this.person(s, rng.chance(0.5), kidYear, this.father(year + 2), false));
    }
  }

  private threeGenerations(out: Draft[]): void {
    const rng = this.rng;
    const s = surnameTable.draw(rng);
    const gy = this.asOfYear - (62 + rng.int(30));
    const grandfather = rng.chance(0.35);
    const gpFather = this.father(gy);
    const gp = grandfather
      ? this.man(s, gy, gpFather, true)
      : this.woman(SURNAME_F[s] as string, gy, gpFather, true);
    const sy = Math.min(gy + 22 + rng.int(14), this.asOfYear - 20);
    const son = this.man(
      s,
      sy,
      grandfather ? (gp as Draft & { name: MaleName }).name : this.father(sy),
      rng.chance(0.4),
    );
    const wy = Math.min(sy + rng.range(-2, 5), this.asOfYear - 19);
    out.push(gp, son, this.woman(SURNAME_F[s] as string, wy, this.father(wy), false));
    this.children(out, s, son.name, wy, 3);
  }

  private unrelated(out: Draft[]): void {
    const rng = this.rng;
    const n = 2 + rng.int(2);
    for (let i = 0; i < n; i++) {
      const year = this.adultYear(19);
      out.push(
        this.person(
          surnameTable.draw(rng),
          rng.chance(0.5),
          year,
          this.father(year),
          i === 0 || rng.chance(0.3),
        ),
      );
    }
  }

  /** Now and then the head of a household shares the full name of someone seen before. */
  private namesake(head: Draft): void {
    const rng = this.rng;
    if (this.seen.length < 16 || !rng.chance(0.04)) return;
    // Same sex and a similar age, so the household around the head still makes sense.
    let other: Seen | undefined;
    for (let i = 0; i < 8 && !other; i++) {
      const s = rng.pick(this.seen);
      if (s.male === head.male && Math.abs(s.birth - head.birth) < 12 * 365) other = s;
    }
    if (!other) return;
    head.surname = other.surname;
    head.given = other.given;
    head.patronymic = other.patronymic;
    // Often the same birth year, sometimes the very same birthday.
    head.birth = rng.chance(0.3) ? other.birth : this.birthIn(yearOf(other.birth));
  }

  private remember(p: Draft): void {
    const entry = {
      surname: p.surname,
      given: p.given,
      patronymic: p.patronymic,
      birth: p.birth,
      male: p.male,
    };
    if (this.seen.length < 256) this.seen.push(entry);
    else this.seen[this.seenNext] = entry;
    this.seenNext = (this.seenNext + 1) % 256;
  }
}
