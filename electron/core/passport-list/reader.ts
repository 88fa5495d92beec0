// Loads and fully validates an index file before anything may query it.
//
// The file is read once through one descriptor into one buffer: if the importer renames a new
// file over this path meanwhile, we keep reading the old inode; if someone rewrites it in
// place, the size check or the checksum refuses it. Nothing is trusted before the SHA-256 of
// the whole body matches, and the header fields must agree with each other and with the size.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { endianness } from 'node:os';
import { EliasFanoSet, countOnes } from './elias-fano';
import type { Header, PassportListMeta } from './format';
import { CHECKSUM_BYTES, PassportListError, readHeader, validateHeader } from './format';
import { parseSeries, parseNumber } from './keys';

export interface PassportList {
  readonly meta: PassportListMeta;
  /** series '4509' or '45 09', number '123456'; throws RangeError on any other shape. */
  has(series: string, number: string): boolean;
}

/** A loaded list. `hasKey` is the allocation-free path for callers holding numeric keys. */
export class LoadedPassportList implements PassportList {
  constructor(
    readonly meta: PassportListMeta,
    readonly duplicateRows: number,
    private readonly set: EliasFanoSet,
  ) {}

  has(series: string, number: string): boolean {
    const s = parseSeries(series);
    if (s < 0) throw new RangeError("passport series must be 4 digits ('4509' or '45 09')");
    const n = parseNumber(number);
    if (n < 0) throw new RangeError('passport number must be 6 digits');
    return this.set.has(s * 1_000_000 + n);
  }

  /** key = series * 10^6 + number. */
  hasKey(key: number): boolean {
    return this.set.has(key);
  }
}

export async function loadPassportList(path: string): Promise<LoadedPassportList> {
  if (endianness() !== 'LE') {
    throw new PassportListError(
      'PASSPORT_LIST_INVALID',
      'passport list index needs a little-endian CPU',
      'platform',
    );
  }
  const bytes = await readWhole(path);
  return parsePassportList(bytes);
}

/** Validates and wraps file bytes; the buffer must start 8-byte aligned (a fresh ArrayBuffer). */
export function parsePassportList(bytes: Uint8Array): LoadedPassportList {
  const header = readHeader(bytes);
  const body = bytes.length - CHECKSUM_BYTES;
  const digest = createHash('sha256').update(bytes.subarray(0, body)).digest();
  const stored = bytes.subarray(body);
  if (!digest.equals(stored)) {
    throw new PassportListError(
      'PASSPORT_LIST_INVALID',
      'passport list index is corrupted (checksum mismatch)',
      'checksum',
    );
  }
  const layout = validateHeader(header);
  if (bytes.byteOffset % 8 !== 0) throw new RangeError('index buffer must be 8-byte aligned');
  const buf = bytes.buffer;
  const at = (offset: number, words: number): Uint32Array =>
    new Uint32Array(buf, bytes.byteOffset + offset, words);
  const arrays = {
    low: at(layout.lowOffset, layout.lowWords),
    upper: at(layout.upperOffset, layout.upperWords),
    samples: at(layout.samplesOffset, layout.samplesWords),
    ranks: at(layout.ranksOffset, layout.ranksWords),
  };
  // A file with a good checksum can still come from a buggy writer; these checks are cheap
  // (one pass over the 37 MB upper bits) and keep a lookup from ever walking off its bucket.
  if (countOnes(arrays.upper, header.upperBits + 32) !== header.entries) {
    throw new PassportListError(
      'PASSPORT_LIST_INVALID',
      'passport list index is inconsistent: entry bits',
      'layout',
    );
  }
  checkSelectIndex(header, arrays.samples, arrays.ranks);
  const meta: PassportListMeta = {
    formatVersion: header.formatVersion,
    listDate: header.listDate,
    entries: header.entries,
    builtAt: new Date(header.builtAtMs).toISOString(),
    malformedRows: header.malformedRows,
    sourceRows: header.sourceRows,
    fileBytes: header.fileBytes,
    checksum: digest.toString('hex'),
  };
  return new LoadedPassportList(
    Object.freeze(meta),
    header.duplicateRows,
    new EliasFanoSet(header, arrays),
  );
}

function checkSelectIndex(h: Header, samples: Uint32Array, ranks: Uint32Array): void {
  const fail = (what: string): never => {
    throw new PassportListError(
      'PASSPORT_LIST_INVALID',
      `passport list index is inconsistent: ${what}`,
      'layout',
    );
  };
  let prev = -1;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]!;
    if (s <= prev || s >= h.upperBits) fail('samples');
    prev = s;
  }
  prev = 0;
  for (let i = 0; i < ranks.length; i++) {
    const r = ranks[i]!;
    if (r < prev || r > h.buckets) fail('ranks');
    prev = r;
  }
  if (ranks[0] !== 0 || ranks[ranks.length - 1] !== h.buckets) fail('ranks');
}

async function readWhole(path: string): Promise<Uint8Array> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new PassportListError(
        'PASSPORT_LIST_NOT_FOUND',
        `no passport list index at ${path}`,
        'missing',
        { cause: err },
      );
    }
    throw new PassportListError(
      'PASSPORT_LIST_INVALID',
      `cannot open passport list index: ${String(err)}`,
      'io',
      { cause: err },
    );
  }
  try {
    const { size } = await fh.stat();
    // A fresh ArrayBuffer is 8-byte aligned, which the u32 section views need.
    const bytes = new Uint8Array(new ArrayBuffer(size));
    let off = 0;
    while (off < size) {
      const { bytesRead } = await fh.read(bytes, off, Math.min(size - off, 1 << 24), off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    if (off !== size || (await fh.stat()).size !== size) {
      throw new PassportListError(
        'PASSPORT_LIST_INVALID',
        'passport list index changed while it was read',
        'truncated',
      );
    }
    return bytes;
  } finally {
    await fh.close();
  }
}
