// Reading generated PDFs back with poppler (pdftotext, pdffonts, pdfinfo, pdfimages,
// pdftoppm): what a resident's printer will see, not what pdfkit believes it wrote.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function withFile<T>(pdf: Buffer, f: (path: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'access-desk-pdf-'));
  try {
    const path = join(dir, 'doc.pdf');
    writeFileSync(path, pdf, { mode: 0o600 });
    return f(path, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });

/** Text in content-stream order (-raw): a wrapped field's lines stay together. */
export function pdfText(pdf: Buffer, opts: { first?: number; last?: number } = {}): string {
  const range = [
    ...(opts.first ? ['-f', String(opts.first)] : []),
    ...(opts.last ? ['-l', String(opts.last)] : []),
  ];
  return withFile(pdf, (p) => run('pdftotext', ['-raw', ...range, p, '-']));
}

/**
 * Whitespace removed (wrapping-proof), ligatures such as "ﬁ" spelled out (NFKC), and the
 * no-break hyphen the documents use in "25‑го" read as a plain one.
 */
export function squash(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u00a0\u202f]+/g, '')
    .replace(/[\u2010\u2011]/g, '-');
}

export function pageCount(pdf: Buffer): number {
  const info = withFile(pdf, (p) => run('pdfinfo', [p]));
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? NaN);
}

export interface FontRow {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

export function pdfFonts(pdf: Buffer): FontRow[] {
  const out = withFile(pdf, (p) => run('pdffonts', [p]));
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      // name  type...  encoding  emb sub uni  object ID
      const m = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(l);
      if (!m) throw new Error(`Unexpected pdffonts line: ${l}`);
      return {
        name: m[1]!,
        type: m[2]!,
        embedded: m[4] === 'yes',
        subset: m[5] === 'yes',
        unicode: m[6] === 'yes',
      };
    });
}

export function imageCount(pdf: Buffer): number {
  const out = withFile(pdf, (p) => run('pdfimages', ['-list', p]));
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim()).length;
}

export interface Word {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}
export interface Page {
  width: number;
  height: number;
}

/** Every word with its box, in points, from `pdftotext -bbox`. */
export function pdfWords(pdf: Buffer): { pages: Page[]; words: Word[] } {
  const html = withFile(pdf, (p) => run('pdftotext', ['-bbox', p, '-']));
  const pages: Page[] = [];
  const words: Word[] = [];
  const tag =
    /<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (const m of html.matchAll(tag)) {
    if (m[1]) pages.push({ width: Number(m[1]), height: Number(m[2]) });
    else
      words.push({
        page: pages.length,
        text: m[7]!,
        xMin: Number(m[3]),
        yMin: Number(m[4]),
        xMax: Number(m[5]),
        yMax: Number(m[6]),
      });
  }
  return { pages, words };
}

/** A page rendered in 8-bit grey (PGM), for looking at what was drawn where. */
export function renderGray(
  pdf: Buffer,
  dpi: number,
  page = 1,
): { width: number; height: number; px: Uint8Array } {
  return withFile(pdf, (p, dir) => {
    const base = join(dir, 'page');
    run('pdftoppm', [
      '-gray',
      '-r',
      String(dpi),
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      p,
      base,
    ]);
    const buf = readFileSync(`${base}.pgm`);
    // P5\n<width> <height>\n<max>\n<bytes>
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.toString('latin1', 0, 50));
    if (!header) throw new Error('not a PGM');
    const width = Number(header[1]);
    const height = Number(header[2]);
    return { width, height, px: buf.subarray(header[0].length) };
  });
}
