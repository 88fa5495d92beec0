// Printing the counter's documents on the office printer: list the system's printers for the
// settings page, hand a PDF to the operating system's spooler, and (CUPS) make sure no copy
// of the document outlives the job. The core calls this and records each result in the
// audit log.
import { cupsBackend, type CupsOptions } from './cups';
import { unsupportedPrintBackend } from './unsupported';
import type { PrintBackend } from './types';

export type { PrinterInfo, PrintJob, PrintBackend, JobOutcome } from './types';
export { PrintError, type PrintErrorCode, type PrintErrorDetails } from './errors';
export { cupsBackend, type CupsBackend, type CupsOptions } from './cups';
export { printerStatus } from './status';

/** CUPS on Linux and macOS; on other platforms a backend whose every call fails, typed. */
export function systemPrintBackend(
  opts: CupsOptions = {},
  platform: NodeJS.Platform = process.platform,
): PrintBackend {
  if (platform === 'linux' || platform === 'darwin') return cupsBackend(opts);
  return unsupportedPrintBackend(platform);
}
