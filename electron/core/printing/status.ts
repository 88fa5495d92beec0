// The counter's printer, asked about before a visit needs it: the clerk hears at the search
// screen that no sheet would print, not after the whole passport is typed.
import { printFailureReason } from '../../../shared/domain/printing';
import type { PrinterStatus } from '../../../shared/schemas/supervisor';
import type { PrintBackend } from './types';

export async function printerStatus(
  backend: Pick<PrintBackend, 'listPrinters' | 'printWithDialog'>,
  printer: string | null,
): Promise<PrinterStatus> {
  const s = await silentStatus(backend, printer);
  return { ...s, dialog: backend.printWithDialog !== undefined };
}

async function silentStatus(
  backend: Pick<PrintBackend, 'listPrinters'>,
  printer: string | null,
): Promise<Omit<PrinterStatus, 'dialog'>> {
  if (!printer) return { printer: null, state: 'notConfigured', detail: null };
  let listed;
  try {
    listed = await backend.listPrinters();
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { printer, state: printFailureReason(detail), detail };
  }
  const found = listed.find((p) => p.name === printer);
  if (!found) {
    return {
      printer,
      state: 'noSuchPrinter',
      detail: `${printer} is not among the system's printers`,
    };
  }
  if (found.state === 'stopped') {
    return {
      printer,
      state: 'notAccepting',
      detail: found.description
        ? `${printer} is stopped: ${found.description}`
        : `${printer} is stopped`,
    };
  }
  return { printer, state: 'ready', detail: null };
}
