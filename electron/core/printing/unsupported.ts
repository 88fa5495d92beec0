// Windows has no command-line path from a PDF to the spooler that we could ship and trust
// without testing it: the spooler takes printer languages (PCL, PostScript, XPS), not PDF, and
// Windows itself has no PDF rasteriser to call from Node. The honest way on Windows is
// Electron's own printing (a hidden window showing the PDF, webContents.print with
// deviceName and silent: true), which belongs in electron/main and implements PrintBackend.
// Until then, every call fails with a typed error the clerk can be told about.
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
