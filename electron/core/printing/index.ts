// Printing the counter's documents on the office printer: list the system's printers for the
// settings page, hand a PDF to the operating system's spooler, and (CUPS) make sure no copy
// of the document outlives the job. The core calls this and records each result in the
// audit log.
import { cupsBackend, type CupsOptions } from './cups';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unsupportedPrintBackend } from './unsupported';
import { windowsPrintBackend, type SystemPrinter } from './windows';
import type { PrintBackend } from './types';

export type { PrinterInfo, PrintJob, PrintBackend, JobOutcome } from './types';
export { PrintError, type PrintErrorCode, type PrintErrorDetails } from './errors';
export { cupsBackend, type CupsBackend, type CupsOptions } from './cups';
export { printerStatus } from './status';
export { windowsPrintBackend, type SystemPrinter } from './windows';

/**
 * CUPS on Linux and macOS; SumatraPDF on Windows, with the printer list Electron gives
 * (`printers`); elsewhere, or on Windows without that list, a backend whose every call fails,
 * typed.
 */
export function systemPrintBackend(
  opts: CupsOptions = {},
  platform: NodeJS.Platform = process.platform,
  printers?: () => Promise<SystemPrinter[]>,
): PrintBackend {
  if (platform === 'linux' || platform === 'darwin') return cupsBackend(opts);
  if (platform === 'win32' && printers)
    return windowsPrintBackend({ tempDir: join(tmpdir(), 'access-desk-print'), printers });
  return unsupportedPrintBackend(platform);
}
