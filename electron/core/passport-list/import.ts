// CSV (or .csv.bz2) to index file: stream, parse, collect, sort, encode, write atomically.
import { KeyCollector } from './collector';
import type { MalformedCounts } from './csv';
import { CsvKeyParser } from './csv';
import type { PassportListMeta } from './format';
import { FORMAT_VERSION, PassportListError, isListDate } from './format';
import type { Bz2Decoder, SourceInfo } from './source';
import { openSource } from './source';
import { encodeIndex, writeFileAtomic } from './writer';

export interface ImportOptions {
  /** The date of the MVD list, YYYY-MM-DD (shown to clerks and in the audit log). */
  listDate: string;
  /** Called about every `progressEvery` rows with the number of data rows read so far. */
  onProgress?: (rows: number) => void;
  /** How often onProgress is called, in rows (a million by default). */
  progressEvery?: number;
  /** Called when reading is done and sorting starts, and when writing starts. */
  onPhase?: (phase: 'sorting' | 'writing') => void;
  /** How to decompress .bz2 input; 'auto' prefers the system bzip2 (see source.ts). */
  decoder?: Bz2Decoder;
  /** Build time to record; defaults to now. */
  now?: () => Date;
}

export interface ImportResult extends PassportListMeta {
  malformedRows: number;
  duplicateRows: number;
  malformed: MalformedCounts;
  source: SourceInfo;
  /** Wall time of the phases, ms: read+parse (incl. decompression), sort, encode+write. */
  timings: { parseMs: number; sortMs: number; writeMs: number };
}

export async function importPassportList(
  input: string,
  out: string,
  opts: ImportOptions,
): Promise<ImportResult> {
  if (!isListDate(opts.listDate)) {
    throw new PassportListError(
      'PASSPORT_LIST_INVALID',
      `list date must be YYYY-MM-DD, got '${opts.listDate}'`,
      'listDate',
    );
  }
  const t0 = performance.now();
  const collector = new KeyCollector();
  const parser = new CsvKeyParser((key) => collector.add(key));
  const { info, chunks } = await openSource(input, opts.decoder);
  const every = opts.progressEvery ?? 1_000_000;
  let nextProgress = every;
  for await (const chunk of chunks) {
    parser.push(chunk);
    if (opts.onProgress && parser.sourceRows >= nextProgress) {
      opts.onProgress(parser.sourceRows);
      nextProgress = parser.sourceRows + every;
    }
  }
  parser.end();
  opts.onProgress?.(parser.sourceRows);
  if (parser.validRows === 0) {
    // An index of nothing would let every passport pass: most likely the wrong file.
    throw new PassportListError(
      'PASSPORT_LIST_INVALID',
      `no valid passport rows in ${input} (${parser.sourceRows} rows read, all malformed)`,
      'empty',
    );
  }
  const t1 = performance.now();
  opts.onPhase?.('sorting');
  const keys = collector.finish();
  const t2 = performance.now();
  opts.onPhase?.('writing');
  const builtAt = (opts.now ?? (() => new Date()))();
  const encoded = encodeIndex(keys, {
    listDate: opts.listDate,
    builtAtMs: builtAt.getTime(),
    sourceRows: parser.sourceRows,
    malformedRows: parser.malformedRows,
  });
  keys.parts.length = 0; // the sorted keys are encoded; let GC have them during the write
  await writeFileAtomic(out, encoded.bytes);
  const t3 = performance.now();
  const h = encoded.header;
  return {
    formatVersion: FORMAT_VERSION,
    listDate: h.listDate,
    entries: h.entries,
    builtAt: builtAt.toISOString(),
    malformedRows: h.malformedRows,
    sourceRows: h.sourceRows,
    fileBytes: h.fileBytes,
    checksum: encoded.checksum,
    duplicateRows: h.duplicateRows,
    malformed: { ...parser.malformed },
    source: info,
    timings: { parseMs: t1 - t0, sortMs: t2 - t1, writeMs: t3 - t2 },
  };
}
