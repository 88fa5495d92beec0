// Printing failures the clerk sees. An AppError, so the dispatcher turns it into a typed
// { ok: false, code } the renderer translates; `details` carries CUPS's own words for the log
// and for IT staff.
import { AppError } from '../../../shared/errors';

export type PrintErrorCode = 'PRINTER_NOT_FOUND' | 'PRINT_FAILED';

export interface PrintErrorDetails {
  printer: string;
  /** What the spooler said, verbatim (English: the tools run with LC_ALL=C). */
  spooler?: string;
  /** Set when this platform has no print backend at all. */
  reason?: 'PLATFORM_NOT_SUPPORTED';
  [key: string]: string | undefined;
}

export class PrintError extends AppError {
  declare readonly code: PrintErrorCode;

  /** The message ends with CUPS's own words when there are any: that is what IT can act on. */
  constructor(code: PrintErrorCode, message: string, details: PrintErrorDetails) {
    const clean = Object.fromEntries(
      Object.entries(details).filter(([, v]) => v !== undefined),
    ) as Record<string, string>;
    super(code, details.spooler ? `${message}: ${details.spooler}` : message, clean);
    this.name = 'PrintError';
  }
}
