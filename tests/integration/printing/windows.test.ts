// The Windows print backend (issue 15) in plain Node, its process launcher injected: the exact
// SumatraPDF command line, the temporary PDF's whole life (private folder, the bytes as
// rendered, gone after the job whatever happened, leftovers swept at start), the printer list
// as Electron gives it (Cyrillic names intact), and each failure as the typed error the clerk
// is told about. SumatraPDF itself is not run here (it is a Windows program; see the closing
// note for what was tried).
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bundledSumatra,
  PRINT_SETTINGS,
  windowsPrintBackend,
  type Launch,
  type SystemPrinter,
} from '../../../electron/core/printing/windows';
import { systemPrintBackend } from '../../../electron/core/printing';
import { SYSTEM_DIALOG } from '../../../shared/domain/printing';

const PRINTERS: SystemPrinter[] = [
  { name: 'Kyocera ЭКОСИС M2040dn', options: { status: '0', isDefault: 'true' } },
  { name: 'HP окно 2', description: 'Лазерный', options: { status: '128' } },
  { name: 'Печать в PDF' },
];
const PDF = Buffer.from('%PDF-1.7\n% a rendered sheet\n%%EOF\n');

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function folder(): string {
  const d = mkdtempSync(join(tmpdir(), 'access-desk-winprint-'));
  dirs.push(d);
  return join(d, 'print');
}

describe('printing on Windows through SumatraPDF', () => {
  it('runs the documented command line on a private copy of the PDF, then deletes it', async () => {
    const tempDir = folder();
    const seen: {
      file: string;
      args: string[];
      opts: { timeoutMs: number; hidden: boolean };
      bytes: Buffer;
      mode: number;
      dirMode: number;
    }[] = [];
    const launch: Launch = (file, args, opts) => {
      const pdf = args.at(-1)!;
      seen.push({
        file,
        args,
        opts,
        bytes: readFileSync(pdf),
        mode: statSync(pdf).mode & 0o777,
        dirMode: statSync(tempDir).mode & 0o777,
      });
      return Promise.resolve({ code: 0, stderr: '' });
    };
    const backend = windowsPrintBackend({
      tempDir,
      printers: () => Promise.resolve(PRINTERS),
      sumatraPath: 'C:\\App\\resources\\app.asar.unpacked\\SumatraPDF.exe',
      launch,
    });
    const job = await backend.print(PDF, 'Kyocera ЭКОСИС M2040dn', 'Sheet X');
    expect(job).toMatchObject({ printer: 'Kyocera ЭКОСИС M2040dn', jobId: /^sumatra-/ });
    expect(seen).toHaveLength(1);
    const [call] = seen;
    expect(call!.file).toBe('C:\\App\\resources\\app.asar.unpacked\\SumatraPDF.exe');
    expect(call!.args).toEqual([
      '-print-to',
      'Kyocera ЭКОСИС M2040dn',
      '-silent',
      '-print-settings',
      'noscale,paper=A4',
      call!.args.at(-1),
    ]);
    expect(PRINT_SETTINGS).toBe('noscale,paper=A4');
    expect(call!.opts).toEqual({ timeoutMs: 120_000, hidden: true });
    expect(call!.args.at(-1)!.startsWith(tempDir)).toBe(true);
    expect(call!.bytes.equals(PDF)).toBe(true);
    expect(call!.mode).toBe(0o600);
    expect(call!.dirMode).toBe(0o700);
    // The job was handed over: no copy of the document is left.
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('opens the system print dialog on a private copy (the fallback), shown, then deletes it', async () => {
    const tempDir = folder();
    const seen: { args: string[]; opts: unknown; existed: boolean }[] = [];
    const backend = windowsPrintBackend({
      tempDir,
      // The dialog reaches printers the list does not have: it does not consult the list.
      printers: () => Promise.reject(new Error('no list')),
      sumatraPath: 'SumatraPDF.exe',
      launch: (_file, args, opts) => {
        seen.push({ args, opts, existed: readFileSync(args.at(-1)!).equals(PDF) });
        return Promise.resolve({ code: 0, stderr: '' });
      },
    });
    expect(typeof backend.printWithDialog).toBe('function');
    const job = await backend.printWithDialog!(PDF, 'Sheet X');
    expect(job).toMatchObject({ printer: SYSTEM_DIALOG, jobId: /^sumatra-/ });
    expect(seen).toEqual([
      {
        args: ['-print-dialog', '-exit-when-done', expect.stringMatching(/\.pdf$/)],
        // The clerk has time to choose; the window is not hidden.
        opts: { timeoutMs: 15 * 60_000, hidden: false },
        existed: true,
      },
    ]);
    expect(seen[0]!.args.at(-1)!.startsWith(tempDir)).toBe(true);
    expect(readdirSync(tempDir)).toEqual([]);

    const failing = windowsPrintBackend({
      tempDir,
      printers: () => Promise.resolve(PRINTERS),
      launch: () => Promise.resolve({ code: 3, stderr: '' }),
    });
    await expect(failing.printWithDialog!(PDF, 't')).rejects.toMatchObject({
      code: 'PRINT_FAILED',
      details: { printer: SYSTEM_DIALOG, spooler: 'SumatraPDF exited with code 3' },
    });
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('deletes the copy and says why when SumatraPDF fails or cannot start', async () => {
    const tempDir = folder();
    const failing = windowsPrintBackend({
      tempDir,
      printers: () => Promise.resolve(PRINTERS),
      sumatraPath: 'sumatra.exe',
      launch: () => Promise.resolve({ code: 1, stderr: 'Printer is offline\r\n' }),
    });
    await expect(failing.print(PDF, 'HP окно 2', 't')).rejects.toMatchObject({
      code: 'PRINT_FAILED',
      message: expect.stringMatching(/refused the job: Printer is offline$/),
      details: { printer: 'HP окно 2', spooler: 'Printer is offline' },
    });
    expect(readdirSync(tempDir)).toEqual([]);

    const missing = windowsPrintBackend({
      tempDir,
      printers: () => Promise.resolve(PRINTERS),
      sumatraPath: 'C:\\nowhere\\SumatraPDF.exe',
      launch: () => Promise.reject(Object.assign(new Error('spawn ENOENT'), { code: 'ENOENT' })),
    });
    await expect(missing.print(PDF, 'HP окно 2', 't')).rejects.toMatchObject({
      code: 'PRINT_FAILED',
      message: expect.stringMatching(/SumatraPDF\) could not be started: C:\\nowhere/),
    });
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('refuses a printer the system does not have, writing nothing', async () => {
    const tempDir = folder();
    let launched = false;
    const backend = windowsPrintBackend({
      tempDir,
      printers: () => Promise.resolve(PRINTERS),
      launch: () => {
        launched = true;
        return Promise.resolve({ code: 0, stderr: '' });
      },
    });
    await expect(backend.print(PDF, 'Kyocera', 't')).rejects.toMatchObject({
      code: 'PRINTER_NOT_FOUND',
    });
    expect(launched).toBe(false);
    expect(existsSync(tempDir)).toBe(false);
  });

  it("lists Electron's printers with their names intact and their state", async () => {
    const backend = windowsPrintBackend({
      tempDir: folder(),
      printers: () => Promise.resolve(PRINTERS),
    });
    expect(await backend.listPrinters()).toEqual([
      { name: 'Kyocera ЭКОСИС M2040dn', isDefault: true, state: 'idle' },
      { name: 'HP окно 2', isDefault: false, state: 'stopped', description: 'Лазерный' },
      { name: 'Печать в PDF', isDefault: false, state: 'unknown' },
    ]);
  });

  it('sweeps the PDFs a crashed run left behind when it starts, and nothing else', () => {
    const tempDir = folder();
    rmSync(tempDir, { recursive: true, force: true });
    const d = mkdtempSync(join(tmpdir(), 'access-desk-winprint-'));
    dirs.push(d);
    writeFileSync(join(d, 'a1.pdf'), PDF);
    writeFileSync(join(d, 'b2.pdf'), PDF);
    writeFileSync(join(d, 'keep.txt'), 'x');
    const backend = windowsPrintBackend({ tempDir: d, printers: () => Promise.resolve([]) });
    expect(backend.swept).toBe(2);
    expect(readdirSync(d)).toEqual(['keep.txt']);
  });

  it('is the system backend on Windows once Electron gives the printer list', async () => {
    const withList = systemPrintBackend({}, 'win32', () => Promise.resolve(PRINTERS));
    expect((await withList.listPrinters()).map((p) => p.name)).toContain('HP окно 2');
    const without = systemPrintBackend({}, 'win32');
    await expect(without.listPrinters()).rejects.toMatchObject({
      details: { reason: 'PLATFORM_NOT_SUPPORTED' },
    });
  });

  it('finds the SumatraPDF pdf-to-printer ships, outside the archive', () => {
    const exe = bundledSumatra();
    expect(exe).toMatch(/pdf-to-printer[\\/]dist[\\/]SumatraPDF-3\.4\.6-32\.exe$/);
    expect(existsSync(exe)).toBe(true);
    expect(readFileSync(exe).subarray(0, 2).toString('latin1')).toBe('MZ');
  });
});
