// Why a print failed, from what the spooler said (the CUPS tools run in the C locale, so their
// words are English and stable; electron/core/printing). The clerk is told the reason in their
// language and what to do; the words themselves stay in the record for the supervisor and IT.

export const PRINT_FAILURE_REASONS = [
  'noSuchPrinter',
  'notAccepting',
  'spoolerDown',
  'spoolerMissing',
  'unsupported',
  'other',
] as const;
export type PrintFailureReason = (typeof PRINT_FAILURE_REASONS)[number];

const PATTERNS: [PrintFailureReason, RegExp][] = [
  ['noSuchPrinter', /does not exist|unknown destination|no such (printer|destination)/i],
  ['notAccepting', /not accepting (jobs|requests)|is (disabled|stopped|paused)/i],
  [
    'spoolerDown',
    /scheduler is not running|unable to connect to (the )?server|cups\.sock|connection refused|server-error-service-unavailable/i,
  ],
  ['spoolerMissing', /\blp not found|is the CUPS client installed|ENOENT/i],
  ['unsupported', /not supported on \S+ yet/i],
];

export function printFailureReason(spooler: string): PrintFailureReason {
  for (const [reason, re] of PATTERNS) if (re.test(spooler)) return reason;
  return 'other';
}

/**
 * The printer recorded for a document the clerk printed through the operating system's own
 * print dialog (the fallback for a printer the silent path cannot reach): the dialog does not
 * say which printer the clerk chose.
 */
export const SYSTEM_DIALOG = 'system-dialog';
