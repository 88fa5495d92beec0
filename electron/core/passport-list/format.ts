// The on-disk index format, version 1. All integers little-endian.
//
//   offset size field
//        0    8 magic 89 41 44 50 4C 0D 0A 1A  ("\x89ADPL\r\n\x1a": catches text-mode and
//                                              7-bit transfers the way PNG's magic does)
//        8    4 formatVersion (u32) = 1
//       12    4 headerBytes (u32) = 128
//       16    8 fileBytes (u64), the whole file including the checksum trailer
//       24    8 universe (u64) = 10^10 keys: key = series * 10^6 + number
//       32    8 entries n (u64): distinct keys stored
//       40    8 sourceRows (u64): data lines read (header line excluded)
//       48    8 malformedRows (u64): lines skipped as malformed
//       56    8 duplicateRows (u64): valid lines whose key was already seen
//       64    8 builtAt (f64, ms since the epoch)
//       72   16 listDate, ASCII "YYYY-MM-DD", NUL-padded
//       88    1 lowBits L (Elias–Fano low width, 0..blockBits)
//       89    1 blockBits B: blocks of 2^B keys (13)
//       90    6 reserved, zero
//       96    8 blocks nb (u64) = ceil(universe / 2^B)
//      104    8 dataBits (u64): length of the block bit stream
//      112   16 reserved, zero
//      128      sections, each a u32 array starting on an 8-byte boundary, zero-padded:
//               offsets  nb + 1 words: bit where block b starts; offsets[nb] = dataBits
//               kinds    ceil(nb / 32) words: bit b set = block b is a bitmap
//               data     ceil(dataBits / 32) + 1 words (the extra word keeps straddling
//                        reads in bounds): the blocks, see elias-fano.ts
//  fileBytes-32  32 SHA-256 of bytes [0, fileBytes - 32)
//
// The layout is fully determined by the header, so the reader recomputes it and refuses any
// file whose size or fields disagree, before trusting a single offset.

export const MAGIC = Uint8Array.from([0x89, 0x41, 0x44, 0x50, 0x4c, 0x0d, 0x0a, 0x1a]);
export const FORMAT_VERSION = 1;
export const HEADER_BYTES = 128;
export const CHECKSUM_BYTES = 32;
export const UNIVERSE = 10_000_000_000;
export const BLOCK_BITS = 13;
/** Keeps every bit position below 2^32, so lookups stay in 32-bit integer arithmetic. */
export const MAX_ENTRIES = 500_000_000;

export type PassportListErrorCode = 'PASSPORT_LIST_INVALID' | 'PASSPORT_LIST_NOT_FOUND';

export class PassportListError extends Error {
  override readonly name = 'PassportListError';
  constructor(
    readonly code: PassportListErrorCode,
    message: string,
    /** Which check failed, e.g. 'checksum', 'truncated', 'magic', 'version', 'layout', 'source'. */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface PassportListMeta {
  formatVersion: number;
  /** The date printed on the MVD list, YYYY-MM-DD. */
  listDate: string;
  entries: number;
  /** ISO timestamp of the import. */
  builtAt: string;
  malformedRows: number;
  sourceRows: number;
  fileBytes: number;
  /** SHA-256 of the file body, hex; identifies the list in the audit log. */
  checksum: string;
}

export interface Header {
  formatVersion: number;
  fileBytes: number;
  universe: number;
  entries: number;
  sourceRows: number;
  malformedRows: number;
  duplicateRows: number;
  builtAtMs: number;
  listDate: string;
  lowBits: number;
  blockBits: number;
  blocks: number;
  dataBits: number;
}

export interface Layout {
  offsetsOffset: number;
  offsetsWords: number;
  kindsOffset: number;
  kindsWords: number;
  dataOffset: number;
  dataWords: number;
  fileBytes: number;
}

const align8 = (n: number): number => Math.ceil(n / 8) * 8;

/**
 * The Elias–Fano low width that minimises n*L + n + U/2^L: floor(log2(U/n)), capped by the
 * block width (a block then holds a single bucket).
 */
export function chooseLowBits(
  entries: number,
  universe = UNIVERSE,
  blockBits = BLOCK_BITS,
): number {
  if (entries <= 0) return blockBits;
  return Math.max(0, Math.min(blockBits, Math.floor(Math.log2(universe / entries))));
}

export function blockCount(blockBits: number, universe = UNIVERSE): number {
  return Math.ceil(universe / 2 ** blockBits);
}

export function computeLayout(h: Pick<Header, 'blocks' | 'dataBits'>): Layout {
  const offsetsWords = h.blocks + 1;
  const kindsWords = Math.ceil(h.blocks / 32);
  const dataWords = Math.ceil(h.dataBits / 32) + 1;
  const offsetsOffset = HEADER_BYTES;
  const kindsOffset = align8(offsetsOffset + offsetsWords * 4);
  const dataOffset = align8(kindsOffset + kindsWords * 4);
  const fileBytes = align8(dataOffset + dataWords * 4) + CHECKSUM_BYTES;
  return { offsetsOffset, offsetsWords, kindsOffset, kindsWords, dataOffset, dataWords, fileBytes };
}

export function writeHeader(buf: Uint8Array, h: Header): void {
  const v = new DataView(buf.buffer, buf.byteOffset, HEADER_BYTES);
  buf.fill(0, 0, HEADER_BYTES);
  buf.set(MAGIC, 0);
  v.setUint32(8, h.formatVersion, true);
  v.setUint32(12, HEADER_BYTES, true);
  v.setBigUint64(16, BigInt(h.fileBytes), true);
  v.setBigUint64(24, BigInt(h.universe), true);
  v.setBigUint64(32, BigInt(h.entries), true);
  v.setBigUint64(40, BigInt(h.sourceRows), true);
  v.setBigUint64(48, BigInt(h.malformedRows), true);
  v.setBigUint64(56, BigInt(h.duplicateRows), true);
  v.setFloat64(64, h.builtAtMs, true);
  for (let i = 0; i < h.listDate.length && i < 16; i++)
    buf[72 + i] = h.listDate.charCodeAt(i) & 0x7f;
  v.setUint8(88, h.lowBits);
  v.setUint8(89, h.blockBits);
  v.setBigUint64(96, BigInt(h.blocks), true);
  v.setBigUint64(104, BigInt(h.dataBits), true);
}

function invalid(detail: string, message: string): PassportListError {
  return new PassportListError('PASSPORT_LIST_INVALID', message, detail);
}

/** Parses and checks the header fields against each other; the checksum is checked by the reader. */
export function readHeader(buf: Uint8Array): Header {
  if (buf.length < HEADER_BYTES + CHECKSUM_BYTES) {
    throw invalid('truncated', `passport list index is truncated or empty (${buf.length} bytes)`);
  }
  for (let i = 0; i < MAGIC.length; i++) {
    if (buf[i] !== MAGIC[i]) throw invalid('magic', 'not a passport list index (bad magic bytes)');
  }
  const v = new DataView(buf.buffer, buf.byteOffset, HEADER_BYTES);
  const u64 = (off: number, what: string): number => {
    const big = v.getBigUint64(off, true);
    if (big > BigInt(Number.MAX_SAFE_INTEGER))
      throw invalid('header', `passport list index header field ${what} is out of range`);
    return Number(big);
  };
  const formatVersion = v.getUint32(8, true);
  if (formatVersion !== FORMAT_VERSION) {
    throw invalid(
      'version',
      `unsupported passport list format version ${formatVersion} (this build reads ${FORMAT_VERSION})`,
    );
  }
  if (v.getUint32(12, true) !== HEADER_BYTES)
    throw invalid('header', 'passport list index has an unexpected header size');
  const fileBytes = u64(16, 'fileBytes');
  if (fileBytes !== buf.length) {
    throw invalid(
      fileBytes > buf.length ? 'truncated' : 'size',
      `passport list file is ${buf.length} bytes, its header says ${fileBytes}` +
        (fileBytes > buf.length ? ' (truncated)' : ''),
    );
  }
  for (const [from, to] of [
    [90, 96],
    [112, 128],
  ] as const) {
    for (let i = from; i < to; i++)
      if (buf[i] !== 0)
        throw invalid('header', 'passport list index header has non-zero reserved bytes');
  }
  let listDate = '';
  for (let i = 72; i < 88 && buf[i] !== 0; i++) listDate += String.fromCharCode(buf[i] ?? 0);
  const h: Header = {
    formatVersion,
    fileBytes,
    universe: u64(24, 'universe'),
    entries: u64(32, 'entries'),
    sourceRows: u64(40, 'sourceRows'),
    malformedRows: u64(48, 'malformedRows'),
    duplicateRows: u64(56, 'duplicateRows'),
    builtAtMs: v.getFloat64(64, true),
    listDate,
    lowBits: v.getUint8(88),
    blockBits: v.getUint8(89),
    blocks: u64(96, 'blocks'),
    dataBits: u64(104, 'dataBits'),
  };
  return h;
}

/** Cross-checks that only hold for a well-formed file; run after the checksum matched. */
export function validateHeader(h: Header): Layout {
  const fail = (what: string): never => {
    throw invalid('layout', `passport list header is inconsistent: ${what}`);
  };
  if (h.universe !== UNIVERSE) fail('universe');
  if (h.entries > MAX_ENTRIES) fail('entries');
  if (!isListDate(h.listDate)) fail('listDate');
  if (!Number.isFinite(h.builtAtMs)) fail('builtAt');
  if (h.blockBits !== BLOCK_BITS) fail('blockBits');
  if (h.lowBits > h.blockBits) fail('lowBits');
  if (h.blocks !== blockCount(h.blockBits, h.universe)) fail('blocks');
  if (h.dataBits >= 2 ** 32 - 64) fail('dataBits');
  if (
    h.malformedRows > h.sourceRows ||
    h.entries + h.duplicateRows + h.malformedRows !== h.sourceRows
  ) {
    fail('row counts');
  }
  const layout = computeLayout(h);
  if (layout.fileBytes !== h.fileBytes) fail('section sizes');
  return layout;
}

export function isListDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
