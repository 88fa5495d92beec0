// What the clerk typed, as tokens: words (a surname, street words), ordinals (`1-я`),
// house-like numbers (`12`, `12к2`, `45А`), buildings (`к2`, `с1`), markers (`д.`, `кв.`,
// `корп.`) and street kinds (`ул.`, `пр-т`). Which words are the street and which numbers
// are the house and flat is decided later, against the street list (`8 Марта`, `1905 года`
// carry numbers of their own). Pure: unit-tested without a database.
import { foldHouse, foldName } from '../../../shared/domain/names';

export type Mark = 'house' | 'korpus' | 'stroenie' | 'flat';

export type Token =
  /** `v` is the folded word; a hyphenated word keeps its parts (`иванова петрова`). */
  | { t: 'word'; v: string; parts: string[] }
  /** An ordinal, `1-я` / `1-й` → `1#`: street names only. */
  | { t: 'ord'; v: string }
  | { t: 'num'; v: string }
  | { t: 'bld'; v: string }
  | { t: 'mark'; m: Mark }
  | { t: 'kind'; kinds: string[] };

const KINDS: Record<string, string[]> = {
  ул: ['улица'],
  улица: ['улица'],
  пр: ['проспект', 'проезд'],
  просп: ['проспект'],
  проспект: ['проспект'],
  проезд: ['проезд'],
  пер: ['переулок'],
  переулок: ['переулок'],
  ш: ['шоссе'],
  шоссе: ['шоссе'],
  б: ['бульвар'],
  бул: ['бульвар'],
  бульвар: ['бульвар'],
  наб: ['набережная'],
  набережная: ['набережная'],
  пл: ['площадь'],
  площадь: ['площадь'],
  туп: ['тупик'],
  тупик: ['тупик'],
  ал: ['аллея'],
  аллея: ['аллея'],
};

const MARKS: Record<string, Mark> = {
  д: 'house',
  дом: 'house',
  вл: 'house',
  владение: 'house',
  к: 'korpus',
  корп: 'korpus',
  корпус: 'korpus',
  с: 'stroenie',
  стр: 'stroenie',
  строение: 'stroenie',
  кв: 'flat',
  квартира: 'flat',
};

/** Words that say nothing about the address within the replica. */
const NOISE = new Set(['г', 'город', 'москва', 'мск', 'россия', 'рф']);

// Abbreviations written with a hyphen, which folding would split.
const HYPHENATED_KINDS: [RegExp, string][] = [
  [/(^|[^а-я])пр-к?т(?![а-я])/g, '$1 просп '],
  [/(^|[^а-я])пр-д(?![а-я])/g, '$1 проезд '],
  [/(^|[^а-я])б-р(?![а-я])/g, '$1 бульвар '],
];
const ORDINAL = /(\d+)\s*-?\s*(?:ый|ий|ой|ая|яя|ое|ее|й|я|е|го)(?![а-я0-9])/g;

export function tokenize(query: string): Token[] {
  let s = query.toLocaleLowerCase('ru-RU').replace(/ё/g, 'е');
  for (const [re, to] of HYPHENATED_KINDS) s = s.replace(re, to);
  s = s.replace(ORDINAL, ' $1# ');
  // Punctuation separates; `/` between digits belongs to a corner house (`5/2`).
  s = s.replace(/(\d)\s*\/\s*(\d)/g, '$1/$2').replace(/[,;.()"'«»№:!?\\]|\/(?!\d)|(?<!\d)\//g, ' ');
  const out: Token[] = [];
  for (const raw of s.split(/\s+/)) {
    if (raw === '') continue;
    // A marker glued to its number: `д12`, `кв45`, `корп2`.
    const glued = /^(д|дом|кв|корп|стр)(\d.*)$/.exec(raw);
    if (glued && glued[1] && glued[2]) {
      out.push({ t: 'mark', m: MARKS[glued[1]] as Mark });
      pushNumber(out, glued[2]);
      continue;
    }
    if (/^\d+#$/.test(raw)) out.push({ t: 'ord', v: raw });
    else if (/^\d/.test(raw)) pushNumber(out, raw);
    else if (/^[кс]\d+$/.test(raw)) out.push({ t: 'bld', v: raw });
    else if (MARKS[raw]) out.push({ t: 'mark', m: MARKS[raw] });
    else if (KINDS[raw]) out.push({ t: 'kind', kinds: KINDS[raw] });
    else if (NOISE.has(raw)) continue;
    else {
      const v = foldName(raw);
      const parts = v.split(' ').filter((p) => p !== '');
      if (parts.length > 0) out.push({ t: 'word', v: parts.join(' '), parts });
    }
  }
  return out;
}

function pushNumber(out: Token[], raw: string): void {
  // Dashes inside a number token (`12-45`) separate a house from a flat.
  for (const piece of raw.split(/[-‐‑‒–—―]/)) {
    if (piece !== '') out.push({ t: 'num', v: foldHouse(piece) });
  }
}

export interface HouseFlat {
  house: string | null;
  flat: string | null;
}

/**
 * House and flat from the numbers and markers left after the street took its own: the
 * first bare number is the house, the second the flat, unless markers say otherwise
 * (`кв. 45, д. 12`); `к 2`, `корп. 2`, `к2`, `с1` attach to the house.
 */
export function houseAndFlat(tokens: readonly Token[]): HouseFlat {
  let house: string | null = null;
  let flat: string | null = null;
  let pending: Mark | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] as Token;
    if (tok.t === 'mark') {
      pending = tok.m;
      continue;
    }
    if (tok.t === 'bld') {
      if (house !== null) house += tok.v;
      continue;
    }
    if (tok.t !== 'num') continue;
    let v = tok.v;
    // `12к.2` arrives as `12к` and `2`.
    const next = tokens[i + 1];
    if (/[кс]$/.test(v) && next?.t === 'num' && /^\d+$/.test(next.v)) {
      v += next.v;
      i++;
    }
    if (pending === 'korpus' || pending === 'stroenie') {
      if (house !== null) house += `${pending === 'korpus' ? 'к' : 'с'}${v}`;
    } else if (pending === 'flat') {
      flat = v;
    } else if (pending === 'house' || house === null) {
      house = v;
    } else if (flat === null) {
      flat = v;
    }
    pending = null;
  }
  return { house, flat };
}

/** Ten digits, possibly typed in groups (`770 000 1111`): a payer code. */
export function payerCodeOf(query: string): string | null {
  const digits = query.replace(/[\s-]/g, '');
  return /^\d{10}$/.test(digits) ? digits : null;
}

/**
 * The key range of every folded house or flat that starts with `key` and does not go on
 * with a digit: `12` finds `12`, `12а`, `12к2`, `12с1`, not `120`.
 */
export function numberRange(key: string): { lo: string; hi: string; nextCharAt: number } {
  return { lo: key, hi: `${key}\uffff`, nextCharAt: [...key].length + 1 };
}
