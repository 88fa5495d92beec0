// SumatraPDF itself, run (issue 15): the Windows print backend exactly as a Windows counter runs
// it (the SumatraPDF pdf-to-printer ships, the command line the backend builds, its temporary
// file), with Wine from Debian's packages in place of Windows and the test's CUPS queue in place
// of the office printer. Wine's printer driver turns SumatraPDF's page into PostScript for CUPS,
// and cups-pdf writes what would have come out of the printer.
//
// What reaches the paper is a picture of the page (SumatraPDF prints a rendered bitmap), so the
// check is by eye, made exact: the printed page is A4, and its ink sits where the sheet's does
// (the same box to the pixel: no scaling, no shift) and looks like the sheet rather than like
// another document.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderConsentForm, renderInfoSheet } from '../../../electron/core/documents';
import { cupsBackend } from '../../../electron/core/printing';
import { purgeJob } from '../../../electron/core/printing/ipp';
import { jobNumber } from '../../../electron/core/printing/lpstat';
import { windowsPrintBackend, type Launch } from '../../../electron/core/printing/windows';
import { completedJobIds, setupCupsQueue, waitFor, type CupsQueue } from '../../support/cups';
import { demoConsent, demoSheet } from '../documents/demo-data';
import { pageCount, renderGray } from '../documents/poppler';

const QUEUE = 'AccessDeskWine';
const DPI = 50;

let queue: CupsQueue;
let prefix: string;
let tempDir: string;
const written: string[] = [];
const wineEnv = () => ({ ...process.env, WINEPREFIX: prefix, WINEDEBUG: '-all', DISPLAY: '' });

beforeAll(() => {
  queue = setupCupsQueue(QUEUE);
  // CUPS types a job by its name as well as by its bytes, and Wine names the job after the
  // document ("…\\<id>.pdf"): without this the PostScript Wine sends is read as a broken PDF
  // and an empty page comes out. A Wine-and-CUPS matter; Windows' spooler has no such rule.
  execFileSync('lpoptions', ['-p', QUEUE, '-o', 'document-format=application/postscript']);
  prefix = mkdtempSync(join(tmpdir(), 'access-desk-wine-'));
  tempDir = join(mkdtempSync(join(tmpdir(), 'access-desk-wine-print-')), 'print');
  execFileSync('wineboot', ['-i'], { env: wineEnv(), timeout: 120_000, stdio: 'ignore' });
}, 150_000);

afterAll(async () => {
  // The spool and the "paper" hold a (demo) password as a picture: leave nothing behind.
  for (const id of completedJobIds(QUEUE)) await purgeJob(jobNumber(id)!);
  for (const f of written) rmSync(f, { force: true });
  try {
    execFileSync('wineserver', ['-k'], { env: wineEnv(), stdio: 'ignore' });
  } catch {
    // already gone
  }
  rmSync(prefix, { recursive: true, force: true });
  rmSync(join(tempDir, '..'), { recursive: true, force: true });
});

/** Windows runs SumatraPDF itself; here Wine does, with the file's path as Wine names it. */
const underWine: Launch = (file, args, { timeoutMs }) =>
  new Promise((resolve, reject) => {
    const winArgs = args.map((a) => (a.startsWith('/') ? `Z:${a.replaceAll('/', '\\')}` : a));
    execFile(
      'wine',
      [file, ...winArgs],
      { env: wineEnv(), timeout: timeoutMs },
      (error, _out, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT')
          return reject(new Error(error.message, { cause: error }));
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr });
      },
    );
  });

/** A PDF cups-pdf finished writing (it ends with %%EOF) after `since`. */
function printedSince(since: number): string | undefined {
  for (const name of readdirSync(queue.outputDir)) {
    const path = join(queue.outputDir, name);
    if (!name.endsWith('.pdf') || statSync(path).mtimeMs < since - 1000) continue;
    if (readFileSync(path).subarray(-64).toString('latin1').includes('%%EOF')) return path;
  }
  return undefined;
}

type Gray = ReturnType<typeof renderGray>;
/** The box around everything inked (darker than mid-grey), in pixels. */
function inkBox(g: Gray): [number, number, number, number] {
  let [x0, y0, x1, y1] = [g.width, g.height, -1, -1];
  for (let y = 0; y < g.height; y++)
    for (let x = 0; x < g.width; x++)
      if (g.px[y * g.width + x]! < 160) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
  return [x0, y0, x1, y1];
}
/** Pearson correlation of two same-sized grey pages: 1 the same picture, 0 unrelated. */
function likeness(a: Gray, b: Gray): number {
  const n = a.px.length;
  let [ma, mb] = [0, 0];
  for (let i = 0; i < n; i++) [ma, mb] = [ma + a.px[i]!, mb + b.px[i]!];
  [ma, mb] = [ma / n, mb / n];
  let [sab, saa, sbb] = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const [da, db] = [a.px[i]! - ma, b.px[i]! - mb];
    [sab, saa, sbb] = [sab + da * db, saa + da * da, sbb + db * db];
  }
  return saa && sbb ? sab / Math.sqrt(saa * sbb) : 0;
}

describe('SumatraPDF, as shipped, printing under Wine', () => {
  it('prints the sheet on A4, unscaled, from a temporary copy that is gone afterwards', async () => {
    const sheet = await renderInfoSheet(demoSheet('ru'));
    const cups = cupsBackend();
    const backend = windowsPrintBackend({
      tempDir,
      // On Windows Electron lists the printers; here CUPS does (Wine sees the same queues).
      printers: async () =>
        (await cups.listPrinters()).map((p) => ({ name: p.name, options: { status: '0' } })),
      launch: underWine,
    });
    const since = Date.now();
    const job = await backend.print(sheet, QUEUE, 'Sheet (Wine)');
    expect(job.printer).toBe(QUEUE);
    // SumatraPDF has returned: the job is handed over and the copy is deleted.
    expect(readdirSync(tempDir)).toEqual([]);

    const out = await waitFor(() => printedSince(since), 60_000, 300);
    expect(out, `nothing came out of ${QUEUE}`).toBeDefined();
    written.push(out!);
    const paper = readFileSync(out!);
    expect(pageCount(paper)).toBe(1);

    const printed = renderGray(paper, DPI);
    const original = renderGray(sheet, DPI);
    // A4 (the same page size at the same resolution: 414 × 585 at 50 dpi).
    expect([printed.width, printed.height]).toEqual([original.width, original.height]);
    expect([printed.width, printed.height]).toEqual([414, 585]);
    // No scaling and no shift: the ink lies in the same box, to one pixel (0.5 mm).
    const [a, b] = [inkBox(printed), inkBox(original)];
    for (let i = 0; i < 4; i++) expect(Math.abs(a[i]! - b[i]!), `edge ${i}`).toBeLessThanOrEqual(1);
    // It is the sheet: much more like it than like another of our documents.
    const consent = renderGray((await renderConsentForm(demoConsent('ru'))).pdf, DPI);
    const same = likeness(printed, original);
    const other = likeness(printed, consent);
    expect(same).toBeGreaterThan(0.6);
    expect(same - other).toBeGreaterThan(0.3);
  }, 120_000);
});
