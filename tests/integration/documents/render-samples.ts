// Renders the documents to PNG with demo data, for looking at them and for docs/samples:
//   npx tsx tests/integration/documents/render-samples.ts [out-dir] [dpi]
// Not a test: a person looks at these. The tests check the same documents mechanically.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import {
  renderConsentForm,
  renderInfoSheet,
  type DocLanguage,
} from '../../../electron/core/documents';
import {
  renderDestructionAct,
  renderLogExtract,
  renderSubjectReport,
} from '../../../electron/core/documents/records';
import {
  demoAct,
  demoConsent,
  demoExtract,
  demoSheet,
  demoSubjectReport,
  longConsent,
  longSheet,
} from './demo-data';

const out = resolve(process.argv[2] ?? 'docs/samples');
const dpi = process.argv[3] ?? '80';
mkdirSync(out, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'access-desk-samples-'));

/** CRC-32 as PNG chunks use it. */
const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/**
 * An 8-bit grey PNG from pdftoppm's PGM. pdftoppm 22 writes PNG in colour only; the documents
 * have no colour, and grey files are a third of the size in the repository.
 */
function pgmToPng(pgm: Buffer): Buffer {
  const m = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString('latin1', 0, 40));
  if (!m) throw new Error('not an 8-bit PGM');
  const [w, h] = [Number(m[1]), Number(m[2])];
  const px = pgm.subarray(m[0].length);
  const raw = Buffer.alloc((w + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w + 1)] = 2; // filter "Up": rows of text repeat a lot vertically
    for (let x = 0; x < w; x++) {
      const cur = px[y * w + x] ?? 0;
      const up = y > 0 ? (px[(y - 1) * w + x] ?? 0) : 0;
      raw[y * (w + 1) + 1 + x] = (cur - up) & 0xff;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    sig,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** One page: name.png. Several (the consent's two copies): name-1.png, name-2.png… */
function png(pdf: Buffer, name: string, pages: 'one' | 'all' = 'one'): void {
  const dir = mkdtempSync(join(work, 'p-'));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-gray', '-r', dpi, file, join(dir, 'page')]);
  const pgms = readdirSync(dir)
    .filter((f) => f.endsWith('.pgm'))
    .sort();
  if (pages === 'one' && pgms.length !== 1)
    throw new Error(`${name}: expected one page, got ${pgms.length}`);
  pgms.forEach((f, i) => {
    const target = pages === 'one' ? `${name}.png` : `${name}-${i + 1}.png`;
    writeFileSync(join(out, target), pgmToPng(readFileSync(join(dir, f))));
  });
}

try {
  const langs: DocLanguage[] = ['ru', 'en', 'bg'];
  for (const lang of langs) {
    png(await renderInfoSheet(demoSheet(lang)), `info-sheet-${lang}`);
    png((await renderConsentForm(demoConsent(lang, lang === 'ru'))).pdf, `consent-${lang}`, 'all');
    png(await renderDestructionAct(demoAct(lang)), `destruction-act-${lang}`);
    png(await renderLogExtract(demoExtract(lang)), `log-extract-${lang}`);
    png(await renderSubjectReport(demoSubjectReport(lang)), `subject-report-${lang}`);
  }
  png(await renderInfoSheet(demoSheet('ru', 'A5')), 'info-sheet-ru-a5');
  if (process.argv.includes('--long')) {
    for (const lang of langs) {
      png(await renderInfoSheet(longSheet(lang, 'A4')), `long-info-sheet-${lang}`);
      png(await renderInfoSheet(longSheet(lang, 'A5')), `long-info-sheet-${lang}-a5`);
      png((await renderConsentForm(longConsent(lang, true))).pdf, `long-consent-${lang}`, 'all');
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
