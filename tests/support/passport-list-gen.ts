// Deterministic synthetic invalid-passport lists for tests and the benchmark.
//
// Keys are `series * 10^6 + number` in [0, 10^10). The i-th synthetic entry is `perm(i)`,
// where `perm` is a seeded pseudo-random permutation of [0, 10^10) (a Feistel network on 34
// bits with cycle walking). So the first n images are n distinct, uniformly spread keys in
// random order (the worst case for compression, and the order a CSV may come in), and
// `perm(n + j)` are guaranteed non-members without holding a set of 137 million keys.
import { closeSync, openSync, writeSync } from 'node:fs';

export const KEY_SPACE = 10_000_000_000;

/** sfc32: a small, fast, seeded 32-bit PRNG (Chris Doty-Humphrey's Small Fast Counter). */
export function sfc32(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 16; i++) next(); // warm up: the first outputs of a fresh state are weak
  return next;
}

const HALF_BITS = 17;
const HALF = 1 << HALF_BITS; // 2^17; two halves cover 2^34 > 10^10
const HALF_MASK = HALF - 1;
const ROUNDS = 6;

function mix32(x: number): number {
  // murmur3's finaliser: every input bit affects every output bit.
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A seeded bijection of [0, 10^10) onto itself. */
export class KeyPermutation {
  private readonly roundKeys: Uint32Array;

  constructor(seed: number) {
    const rnd = sfc32(seed);
    this.roundKeys = new Uint32Array(ROUNDS);
    for (let r = 0; r < ROUNDS; r++) this.roundKeys[r] = rnd();
  }

  at(index: number): number {
    if (!(index >= 0 && index < KEY_SPACE && Number.isInteger(index))) {
      throw new RangeError(`index out of key space: ${index}`);
    }
    let v = index;
    // Cycle walking: the network permutes [0, 2^34); re-encrypt until we land below 10^10.
    // Starting below 10^10 this always terminates and stays a bijection on [0, 10^10).
    do v = this.encrypt(v);
    while (v >= KEY_SPACE);
    return v;
  }

  private encrypt(v: number): number {
    let hi = Math.floor(v / HALF);
    let lo = v - hi * HALF;
    const keys = this.roundKeys;
    for (let r = 0; r < ROUNDS; r++) {
      const f = mix32((lo ^ (keys[r] ?? 0)) >>> 0) & HALF_MASK;
      const t = hi ^ f;
      hi = lo;
      lo = t;
    }
    return hi * HALF + lo;
  }
}

export function splitKey(key: number): { series: string; number: string } {
  const series = Math.floor(key / 1_000_000);
  const num = key - series * 1_000_000;
  return { series: String(series).padStart(4, '0'), number: String(num).padStart(6, '0') };
}

export interface SyntheticList {
  perm: KeyPermutation;
  entries: number;
  /** The i-th member, i < entries. */
  member(i: number): number;
  /** The j-th guaranteed non-member. */
  nonMember(j: number): number;
}

export function syntheticList(seed: number, entries: number): SyntheticList {
  const perm = new KeyPermutation(seed);
  return {
    perm,
    entries,
    member: (i) => perm.at(i),
    nonMember: (j) => perm.at(entries + j),
  };
}

/** What a malformed row looks like; each kind is what the importer must count and skip. */
export const MALFORMED_SAMPLES = [
  '', // blank line
  '   ', // whitespace only
  '45A9,123456', // letter in the series
  '4509,12З456', // Cyrillic letter in the number
  'VII-ЖА,123456', // a Soviet-era series
  '450,123456', // short series (never padded, see csv.ts)
  '4509,12345', // short number
  '45091,123456', // long series
  '4509,1234567', // long number
  '4509', // one field
  '4509,123456,1', // three fields
] as const;

export interface CsvOptions {
  /** Write the header line `PASSP_SERIES,PASSP_NUMBER` (default true). */
  header?: boolean;
  /** Insert one malformed row (cycling through MALFORMED_SAMPLES) after every `malformedEvery` rows. */
  malformedEvery?: number;
  /** Repeat a previous valid row after every `duplicateEvery` rows (duplicates are not malformed). */
  duplicateEvery?: number;
  /** Line ending, default '\n'. */
  eol?: '\n' | '\r\n';
}

export interface CsvWritten {
  validRows: number;
  malformedRows: number;
  duplicateRows: number;
  sourceRows: number;
  bytes: number;
}

/** Writes the list as a CSV file, streaming: memory stays flat at any size. */
export function writeSyntheticCsv(
  path: string,
  list: SyntheticList,
  opts: CsvOptions = {},
): CsvWritten {
  const eol = Buffer.from(opts.eol ?? '\n', 'latin1');
  const chunk = Buffer.allocUnsafe(1 << 20);
  let used = 0;
  let bytes = 0;
  const fd = openSync(path, 'w');
  const flush = (): void => {
    let off = 0;
    while (off < used) off += writeSync(fd, chunk, off, used - off);
    bytes += used;
    used = 0;
  };
  const reserve = (n: number): void => {
    if (used + n > chunk.length) flush();
  };
  const putText = (s: string): void => {
    const b = Buffer.from(s, 'utf8');
    reserve(b.length + eol.length);
    used += b.copy(chunk, used);
    used += eol.copy(chunk, used);
  };
  const putKey = (key: number): void => {
    reserve(11 + eol.length);
    // Digits written by hand: String()+padStart per row would dominate at 137M rows.
    let series = Math.floor(key / 1_000_000);
    let num = key - series * 1_000_000;
    for (let i = 3; i >= 0; i--) {
      chunk[used + i] = 48 + (series % 10);
      series = Math.floor(series / 10);
    }
    chunk[used + 4] = 44;
    for (let i = 10; i >= 5; i--) {
      chunk[used + i] = 48 + (num % 10);
      num = Math.floor(num / 10);
    }
    used += 11;
    used += eol.copy(chunk, used);
  };
  let malformed = 0;
  let duplicates = 0;
  try {
    if (opts.header !== false) putText('PASSP_SERIES,PASSP_NUMBER');
    for (let i = 0; i < list.entries; i++) {
      putKey(list.member(i));
      if (opts.malformedEvery && (i + 1) % opts.malformedEvery === 0) {
        putText(MALFORMED_SAMPLES[malformed % MALFORMED_SAMPLES.length] ?? '');
        malformed++;
      }
      if (opts.duplicateEvery && (i + 1) % opts.duplicateEvery === 0) {
        putKey(list.member(Math.floor(i / 2)));
        duplicates++;
      }
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return {
    validRows: list.entries + duplicates,
    malformedRows: malformed,
    duplicateRows: duplicates,
    sourceRows: list.entries + duplicates + malformed,
    bytes,
  };
}
