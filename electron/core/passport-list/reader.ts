// Loads and fully validates an index file before anything may query it.
//
// The file is read once through one descriptor into one buffer: if the importer renames a new
// file over this path meanwhile, we keep reading the old inode; if someone rewrites it in
// place, the size check or the checksum refuses it. Nothing is trusted before the SHA-256 of
// the whole body matches, and the header fields must agree with each other and with the size.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { endianness } from 'node:os';
import { EliasFanoSet, countBits } from './elias-fano';
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
  const { bytes, digest } = await readAndHash(path);
  return parsePassportList(bytes, digest);
}

/** Validates and wraps file bytes; the buffer must start 8-byte aligned (a fresh ArrayBuffer). */
export function parsePassportList(bytes: Uint8Array, bodyDigest?: Buffer): LoadedPassportList {
  const header = readHeader(bytes);
  const body = bytes.length - CHECKSUM_BYTES;
  const digest = bodyDigest ?? createHash('sha256').update(bytes.subarray(0, body)).digest();
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
    offsets: at(layout.offsetsOffset, layout.offsetsWords),
    kinds: at(layout.kindsOffset, layout.kindsWords),
    data: at(layout.dataOffset, layout.dataWords),
  };
  checkBlocks(header, arrays.offsets, arrays.kinds, arrays.data);
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

/**
 * A file with a good checksum can still come from a buggy writer. Every block's length must be
 * the one its key count implies, so no lookup can read outside its own block; the key counts
 * must add up to the header's. One pass over 1.2M offsets, plus the (rare) bitmap blocks.
 */
function checkBlocks(h: Header, offsets: Uint32Array, kinds: Uint32Array, data: Uint32Array): void {
  const fail = (what: string): never => {
    throw new PassportListError(
      'PASSPORT_LIST_INVALID',
      `passport list index is inconsistent: ${what}`,
      'layout',
    );
  };
  if (offsets[0] !== 0 || offsets[h.blocks] !== h.dataBits) fail('block offsets');
  const Z = 2 ** (h.blockBits - h.lowBits);
  const perKey = h.lowBits + 1;
  const bitmapBits = 2 ** h.blockBits;
  let keys = 0;
  // Allocation-free: this loop runs 1.2M times on every load.
  for (let b = 0; b < h.blocks; b++) {
    const start = offsets[b]!;
    const len = offsets[b + 1]! - start;
    if (len === 0) continue;
    if (len < 0) fail('block offsets');
    if ((kinds[b >>> 5]! >>> (b & 31)) & 1) {
      // A bitmap only where Elias–Fano would have been longer.
      const count = countBits(data, start, start + len);
      if (len !== bitmapBits || count * perKey + Z <= bitmapBits) fail(`block ${b}`);
      keys += count;
    } else {
      const count = (len - Z) / perKey;
      if (count < 1 || count !== Math.floor(count) || len > bitmapBits) fail(`block ${b}`);
      keys += count;
    }
  }
  if (keys !== h.entries) fail('entry count');
  const spare = h.blocks & 31;
  if (spare !== 0 && kinds[kinds.length - 1]! >>> spare !== 0) fail('block kinds');
}

const READ_CHUNK = 8 << 20;

/**
 * Reads the file and hashes its body in one pass: the next chunk is read on libuv's thread
 * pool while this thread hashes the previous one, so the checksum costs little extra time.
 */
async function readAndHash(path: string): Promise<{ bytes: Uint8Array; digest: Buffer }> {
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
        {
          cause: err,
        },
      );
    }
    throw new PassportListError(
      'PASSPORT_LIST_INVALID',
      `cannot open passport list index: ${String(err)}`,
      'io',
      {
        cause: err,
      },
    );
  }
  try {
    const { size } = await fh.stat();
    // A fresh ArrayBuffer is 8-byte aligned, which the u32 section views need.
    const bytes = new Uint8Array(new ArrayBuffer(size));
    const body = Math.max(0, size - CHECKSUM_BYTES);
    const hash = createHash('sha256');
    const readAt = (off: number): Promise<number> =>
      off >= size
        ? Promise.resolve(0)
        : fh.read(bytes, off, Math.min(size - off, READ_CHUNK), off).then((r) => r.bytesRead);
    let off = 0;
    let pending = readAt(0);
    for (;;) {
      const n = await pending;
      if (n === 0) break;
      const from = off;
      off += n;
      pending = readAt(off);
      if (from < body) hash.update(bytes.subarray(from, Math.min(off, body)));
    }
    if (off !== size || (await fh.stat()).size !== size) {
      throw new PassportListError(
        'PASSPORT_LIST_INVALID',
        'passport list index changed while it was read',
        'truncated',
      );
    }
    return { bytes, digest: hash.digest() };
  } finally {
    await fh.close();
  }
}
