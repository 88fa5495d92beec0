// Printing on Windows counters: SumatraPDF, as the pdf-to-printer package ships it, prints the
// PDF silently to the named printer (the Windows spooler takes no PDF of its own). The printer
// list comes from Electron (webContents.getPrintersAsync, through the Platform): pdf-to-printer's
// own PowerShell list garbles Cyrillic printer names. pdf-to-printer's print() takes no process
// launcher, so the command line it documents is built here and run through one, which the
// tests replace.
//
// The PDF goes to a private folder (the user's own temp, 0700 where the mode means anything),
// lives exactly as long as SumatraPDF needs it, and is deleted in every case; leftovers of a
// crash are swept when the backend starts. SumatraPDF reports no job status: it returns once
// the job is spooled, so the clerk is told "sent to the printer", as with CUPS before the
// job completes.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { SYSTEM_DIALOG } from '../../../shared/domain/printing';
import { PrintError } from './errors';
import type { PrintBackend, PrinterInfo } from './types';

/** A printer as Electron's webContents.getPrintersAsync() reports it. */
export interface SystemPrinter {
  name: string;
  displayName?: string;
  description?: string;
  /**
   * Platform-specific facts. Electron 45 gives no status or default flag of its own; where the
   * driver reports them they arrive here (`status`: PRINTER_STATUS_* flags, `isDefault`).
   */
  options?: Record<string, string>;
}

export type Launch = (
  file: string,
  args: string[],
  /** `hidden`: no window at all (silent printing); the dialog must be seen. */
  opts: { timeoutMs: number; hidden: boolean },
) => Promise<{ code: number; stderr: string }>;

/** Silent printing returns once the job is spooled; the dialog waits for the clerk. */
const SILENT_TIMEOUT_MS = 120_000;
const DIALOG_TIMEOUT_MS = 15 * 60_000;

export interface WindowsPrintOptions {
  /** The private folder the PDF waits in while SumatraPDF prints it. */
  tempDir: string;
  printers: () => Promise<SystemPrinter[]>;
  /** SumatraPDF's path; the one pdf-to-printer ships (outside app.asar) by default. */
  sumatraPath?: string;
  launch?: Launch;
}

// PRINTER_STATUS_PAUSED, _ERROR, _PAPER_JAM, _PAPER_OUT, _OFFLINE, _USER_INTERVENTION.
const STOPPED = 0x1 | 0x2 | 0x8 | 0x10 | 0x80 | 0x100000;
const PRINTING = 0x400;
/** A4, no scaling: the documents are laid out for the page, never shrunk or stretched. */
export const PRINT_SETTINGS = 'noscale,paper=A4';

function state(raw: string | undefined): PrinterInfo['state'] {
  const status = raw === undefined ? Number.NaN : Number(raw);
  if (!Number.isInteger(status)) return 'unknown';
  if (status & STOPPED) return 'stopped';
  if (status & PRINTING) return 'printing';
  return status === 0 ? 'idle' : 'unknown';
}

/** The SumatraPDF pdf-to-printer ships, unpacked beside app.asar in the packaged app. */
export function bundledSumatra(): string {
  const pkg = createRequire(import.meta.url).resolve('pdf-to-printer/package.json');
  return join(dirname(pkg), 'dist', 'SumatraPDF-3.4.6-32.exe').replace(
    `app.asar${process.platform === 'win32' ? '\\' : '/'}`,
    `app.asar.unpacked${process.platform === 'win32' ? '\\' : '/'}`,
  );
}

const run: Launch = (file, args, { timeoutMs, hidden }) =>
  new Promise((resolve, reject) => {
    execFile(file, args, { windowsHide: hidden, timeout: timeoutMs }, (error, _out, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new Error(error.message, { cause: error }));
        return;
      }
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stderr: String(stderr) });
    });
  });

/** Removes PDFs an earlier run left behind (a crash between writing and deleting). */
export function sweepPrintFolder(dir: string): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names)
    if (name.endsWith('.pdf')) {
      rmSync(join(dir, name), { force: true });
      removed++;
    }
  return removed;
}

export function windowsPrintBackend(o: WindowsPrintOptions): PrintBackend & { swept: number } {
  const launch = o.launch ?? run;
  const swept = sweepPrintFolder(o.tempDir);
  const listPrinters = async (): Promise<PrinterInfo[]> =>
    (await o.printers()).map((p) => ({
      name: p.name,
      isDefault: p.options?.isDefault === 'true',
      state: state(p.options?.status),
      ...(p.description ? { description: p.description } : {}),
    }));
  /**
   * Writes the PDF where only this user can read it, runs SumatraPDF on it, and deletes it
   * whatever happened. `printer` names the target in errors.
   */
  const sumatraOn = async (
    pdf: Buffer,
    printer: string,
    args: string[],
    opts: { timeoutMs: number; hidden: boolean },
  ): Promise<string> => {
    mkdirSync(o.tempDir, { recursive: true, mode: 0o700 });
    const id = randomUUID();
    const file = join(o.tempDir, `${id}.pdf`);
    const sumatra = o.sumatraPath ?? bundledSumatra();
    try {
      await writeFile(file, pdf, { mode: 0o600, flag: 'wx' });
      let result: { code: number; stderr: string };
      try {
        result = await launch(sumatra, [...args, file], opts);
      } catch (e) {
        throw new PrintError('PRINT_FAILED', 'The PDF printer (SumatraPDF) could not be started', {
          printer,
          spooler: `${sumatra}: ${(e as Error).message}`,
        });
      }
      if (result.code !== 0)
        throw new PrintError('PRINT_FAILED', `The printer ${printer} refused the job`, {
          printer,
          spooler: result.stderr.trim() || `SumatraPDF exited with code ${result.code}`,
        });
      return id;
    } finally {
      rmSync(file, { force: true });
    }
  };
  return {
    swept,
    listPrinters,
    async print(pdf, printer) {
      if (!(await listPrinters()).some((p) => p.name === printer))
        throw new PrintError('PRINTER_NOT_FOUND', `No printer named ${printer}`, { printer });
      const id = await sumatraOn(
        pdf,
        printer,
        ['-print-to', printer, '-silent', '-print-settings', PRINT_SETTINGS],
        { timeoutMs: SILENT_TIMEOUT_MS, hidden: true },
      );
      return { jobId: `sumatra-${id}`, printer };
    },
    // Windows' own print dialog, through SumatraPDF: every printer Windows can reach, the
    // clerk's choice of tray and paper. SumatraPDF exits once the dialog is closed and the job
    // spooled (or cancelled: it does not say which), and the PDF goes with it.
    async printWithDialog(pdf) {
      const id = await sumatraOn(pdf, SYSTEM_DIALOG, ['-print-dialog', '-exit-when-done'], {
        timeoutMs: DIALOG_TIMEOUT_MS,
        hidden: false,
      });
      return { jobId: `sumatra-${id}`, printer: SYSTEM_DIALOG };
    },
  };
}
