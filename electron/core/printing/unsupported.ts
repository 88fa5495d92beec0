// A platform this build cannot print on (or Windows before Electron gave the printer list):
// every call fails with a typed error the clerk can be told about. Linux and macOS print
// through CUPS (cups.ts), Windows through SumatraPDF (windows.ts).
import { PrintError } from './errors';
import type { PrintBackend } from './types';

export function unsupportedPrintBackend(platform: string): PrintBackend {
  const fail = (printer: string) =>
    new PrintError('PRINT_FAILED', `Printing is not supported on ${platform} yet`, {
      printer,
      reason: 'PLATFORM_NOT_SUPPORTED',
    });
  return {
    listPrinters: () => Promise.reject(fail('')),
    print: (_pdf, printer) => Promise.reject(fail(printer)),
  };
}
