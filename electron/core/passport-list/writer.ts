// Encodes sorted keys into the index file and writes it so a reader never sees half a file:
// temp file in the target's directory, fsync, rename over the target, fsync the directory.
import { createHash, randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { SortedKeys } from './collector';
import { PART_BITS } from './collector';
import { fillBlocks, planBlocks } from './elias-fano';
import type { Header } from './format';
import {
  BLOCK_BITS,
  CHECKSUM_BYTES,
  FORMAT_VERSION,
  MAX_ENTRIES,
  UNIVERSE,
  blockCount,
  chooseLowBits,
  computeLayout,
  writeHeader,
} from './format';

export interface EncodeInfo {
  listDate: string;
  builtAtMs: number;
  sourceRows: number;
  malformedRows: number;
  /** Tests only: force the low width (0..13) to exercise every block shape on small sets. */
  lowBits?: number;
}

export interface Encoded {
  bytes: Uint8Array;
  header: Header;
  checksum: string;
}

export function encodeIndex(keys: SortedKeys, info: EncodeInfo): Encoded {
  const entries = keys.entries;
  if (entries > MAX_ENTRIES)
    throw new RangeError(`too many entries: ${entries} (max ${MAX_ENTRIES})`);
  const lowBits = info.lowBits ?? chooseLowBits(entries);
  const blocks = blockCount(BLOCK_BITS);
  // Offsets and kinds are planned first: their sizes are known, the stream's length is not.
  const offsets = new Uint32Array(blocks + 1);
  const kinds = new Uint32Array(Math.ceil(blocks / 32));
  const dataBits = planBlocks(keys.parts, PART_BITS, lowBits, BLOCK_BITS, offsets, kinds);
  const header: Header = {
    formatVersion: FORMAT_VERSION,
    fileBytes: 0,
    universe: UNIVERSE,
    entries,
    sourceRows: info.sourceRows,
    malformedRows: info.malformedRows,
    duplicateRows: keys.duplicates,
    builtAtMs: info.builtAtMs,
    listDate: info.listDate,
    lowBits,
    blockBits: BLOCK_BITS,
    blocks,
    dataBits,
  };
  const layout = computeLayout(header);
  header.fileBytes = layout.fileBytes;
  // One zero-filled buffer for the whole file: sections are built in place, hashed, written.
  const buf = new ArrayBuffer(layout.fileBytes);
  const bytes = new Uint8Array(buf);
  new Uint32Array(buf, layout.offsetsOffset, layout.offsetsWords).set(offsets);
  new Uint32Array(buf, layout.kindsOffset, layout.kindsWords).set(kinds);
  const data = new Uint32Array(buf, layout.dataOffset, layout.dataWords);
  fillBlocks(keys.parts, PART_BITS, header, offsets, kinds, data);
  writeHeader(bytes, header);
  const body = layout.fileBytes - CHECKSUM_BYTES;
  const digest = createHash('sha256').update(bytes.subarray(0, body)).digest();
  bytes.set(digest, body);
  return { bytes, header, checksum: digest.toString('hex') };
}

/** Writes bytes to path atomically (same-directory temp file, fsync, rename, fsync dir). */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', 0o644);
  let renamed = false;
  try {
    let off = 0;
    while (off < bytes.length) {
      const { bytesWritten } = await fh.write(bytes, off, Math.min(bytes.length - off, 1 << 24));
      off += bytesWritten;
    }
    await fh.sync();
    await fh.close();
    await rename(tmp, path);
    renamed = true;
    await syncDir(dir);
  } finally {
    if (!renamed) {
      await fh.close().catch(() => undefined);
      await unlink(tmp).catch(() => undefined);
    }
  }
}

async function syncDir(dir: string): Promise<void> {
  // Makes the rename itself durable. Windows cannot open a directory for fsync: the rename
  // there is already atomic for readers, and durability is the filesystem's journal's job.
  let dh;
  try {
    dh = await open(dir, 'r');
    await dh.sync();
  } catch {
    // best effort, see above
  } finally {
    await dh?.close().catch(() => undefined);
  }
}
