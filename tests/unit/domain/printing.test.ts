// The reason a clerk is told for a failed print, read from what the CUPS tools say in the C
// locale (electron/core/printing) and from the app's own print errors.
import { describe, expect, it } from 'vitest';
import { printFailureReason } from '../../../shared/domain/printing';
import { ToolMissingError } from '../../../electron/core/printing/run';

describe('printFailureReason', () => {
  it.each([
    ['No such printer: The printer or class does not exist.', 'noSuchPrinter'],
    ['No such printer: Unknown destination "Counter9".', 'noSuchPrinter'],
    [
      'The print spooler refused the job: Destination "Counter1" is not accepting jobs.',
      'notAccepting',
    ],
    ['The print spooler refused the job: Scheduler is not running.', 'spoolerDown'],
    ['The print spooler refused the job: Unable to connect to server', 'spoolerDown'],
    [
      `The print spooler did not take the job: ${new ToolMissingError('lp').message}`,
      'spoolerMissing',
    ],
    ['Printing is not supported on win32 yet', 'unsupported'],
    ['The print spooler refused the job: client-error-document-format-not-supported', 'other'],
    ['', 'other'],
  ])('%s → %s', (text, reason) => {
    expect(printFailureReason(text)).toBe(reason);
  });
});
