// npm run passports:import -- FILE [--out PATH] [--list-date YYYY-MM-DD] [--decoder auto|system|js] [--json]
//
// Builds the invalid-passport index from the MVD list (.csv or .csv.bz2). The new file
// replaces --out atomically, so a running workstation never sees half of it.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  PASSPORT_LIST_FILE,
  PassportListError,
  importPassportList,
} from '../core/passport-list/index';

const USAGE =
  'usage: passports-import FILE [--out PATH] [--list-date YYYY-MM-DD] [--decoder auto|system|js] [--json]\n' +
  '  FILE         the MVD list, PASSP_SERIES,PASSP_NUMBER as .csv or .csv.bz2\n' +
  `  --out        index file to write (default: ${PASSPORT_LIST_FILE}, the name the app loads)\n` +
  "  --list-date  the list's publication date (default: FILE's modification date, UTC)\n" +
  '  --decoder    bzip2 decoder: system bzip2 if present (auto), or force one\n' +
  '  --json       print the result as JSON';

interface Args {
  input: string;
  out: string;
  listDate: string | null;
  decoder: 'auto' | 'system' | 'js';
  json: boolean;
}

function parseArgs(argv: string[]): Args | string {
  let input: string | null = null;
  const a: Omit<Args, 'input'> = {
    out: PASSPORT_LIST_FILE,
    listDate: null,
    decoder: 'auto',
    json: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string | null => {
      const v = argv[++i];
      return v === undefined || v.startsWith('--') ? null : v;
    };
    if (arg === '--out') {
      const v = value();
      if (v === null) return '--out needs a path';
      a.out = v;
    } else if (arg === '--list-date') {
      const v = value();
      if (v === null) return '--list-date needs YYYY-MM-DD';
      a.listDate = v;
    } else if (arg === '--decoder') {
      const v = value();
      if (v !== 'auto' && v !== 'system' && v !== 'js') return '--decoder is auto, system or js';
      a.decoder = v;
    } else if (arg === '--json') {
      a.json = true;
    } else if (arg === '--help' || arg === '-h') {
      return '';
    } else if (arg.startsWith('--')) {
      return `unknown option ${arg}`;
    } else if (input === null) {
      input = arg;
    } else {
      return `unexpected argument ${arg}`;
    }
  }
  if (input === null) return 'FILE is required';
  return { input, ...a };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    if (args) console.error(`passports-import: ${args}`);
    console.error(USAGE);
    return args ? 2 : 0;
  }
  let listDate = args.listDate;
  if (listDate === null) {
    try {
      listDate = statSync(args.input).mtime.toISOString().slice(0, 10);
      console.error(
        `passports-import: list date ${listDate} taken from the file's modification time`,
      );
    } catch {
      listDate = '1970-01-01'; // the import reports the missing file below
    }
  }
  const started = Date.now();
  try {
    const r = await importPassportList(args.input, args.out, {
      listDate,
      decoder: args.decoder,
      onProgress: (rows) => {
        if (!args.json && rows % 10_000_000 < 1_000_000)
          console.error(`  ${(rows / 1e6).toFixed(0)}M rows`);
      },
    });
    if (args.json) {
      console.log(JSON.stringify({ out: resolve(args.out), ...r }, null, 2));
    } else {
      const m = r.malformed;
      console.log(
        [
          `wrote ${resolve(args.out)} (${(r.fileBytes / 1e6).toFixed(1)} MB, format v${r.formatVersion})`,
          `list date       ${r.listDate}`,
          `entries         ${r.entries}`,
          `rows read       ${r.sourceRows}`,
          `duplicates      ${r.duplicateRows}`,
          `malformed       ${r.malformedRows} (blank ${m.blank}, field count ${m.fields}, non-digit ${m.nonDigit}, ` +
            `short ${m.short} [not padded], long ${m.long}, line too long ${m.lineTooLong})`,
          `decompression   ${r.source.decoder}`,
          `sha-256         ${r.checksum}`,
          `took            ${((Date.now() - started) / 1000).toFixed(1)} s`,
        ].join('\n'),
      );
    }
    return 0;
  } catch (err) {
    if (err instanceof PassportListError) {
      console.error(`passports-import: ${err.code}: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

process.exitCode = await main();
