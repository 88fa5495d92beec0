// Every error the back office can answer with. The renderer translates each code
// (the `errors` group of renderer/src/i18n/locales/*/common.json); a test checks that all three languages cover all
// codes, so a new code here cannot reach a clerk untranslated.
export const ERROR_CODES = [
  // transport and access
  'FORBIDDEN', // the sender frame is not the app's own top frame
  'UNKNOWN_CHANNEL',
  'BAD_INPUT', // the input did not match the channel's schema
  'NOT_SIGNED_IN',
  'NOT_ALLOWED', // signed in, but the role lacks the channel
  'SESSION_LOCKED',
  'INTERNAL',
  // staff
  'SETUP_ALREADY_DONE',
  'SETUP_REQUIRED',
  'BAD_CREDENTIALS', // same answer for an unknown login and a wrong password
  'CLERK_LOCKED_OUT',
  'CLERK_DISABLED',
  'LOGIN_TAKEN',
  'WEAK_CLERK_PASSWORD',
  'CLERK_NOT_FOUND',
  'CANNOT_CHANGE_SELF',
  // registry
  'ACCOUNT_NOT_FOUND',
  'RESIDENT_NOT_FOUND',
  // visit
  'VISIT_NOT_FOUND',
  'VISIT_CLOSED',
  'VISIT_STEP_ORDER',
  'PASSPORT_INVALID',
  'PASSPORT_NOT_CHECKED',
  'IDENTITY_MISMATCH',
  'APPROVAL_REQUIRED',
  'APPROVER_NOT_SUPERVISOR',
  'APPROVAL_REASON_REQUIRED',
  'CONSENT_REQUIRED',
  'CONSENT_NOT_FOUND',
  'CONSENT_ALREADY_WITHDRAWN',
  'ACTIVE_CREDENTIAL_EXISTS',
  'NO_ACTIVE_CREDENTIAL',
  'PASSWORD_GONE', // the visit is closed: the plaintext no longer exists
  // documents and printing
  'PRINTER_NOT_CONFIGURED',
  'PRINTER_NOT_FOUND',
  'PRINT_FAILED',
  'PRINT_DIALOG_UNAVAILABLE',
  // personal data
  'ACT_NOT_FOUND',
  // settings and sync
  'SETTINGS_INVALID',
  'SETTINGS_MANAGED', // the machine policy sets this field
  'CENTRAL_UNREACHABLE',
  'CENTRAL_NOT_CONFIGURED',
  'OPERATION_NOT_FOUND',
  // a lost store key (electron/core/recovery.ts)
  'KEY_LOST', // the store cannot be opened: nothing but the recovery screen works
  'PENDING_AT_WORKSTATION', // the centre cannot confirm that nothing from here is waiting
  // invalid-passport list
  'PASSPORT_LIST_INVALID',
  'PASSPORT_LIST_NOT_FOUND',
  'PASSPORT_LIST_EMPTY', // a CSV without one row of series and number: the wrong file
  'PASSPORT_LIST_DATE_FUTURE',
  'PASSPORT_LIST_BUSY', // an import is already running
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Values a translated message may interpolate (e.g. `{{until}}` for a lock-out). */
export type ErrorDetails = Record<string, string | number | boolean | null | string[]>;

/** A failure the core reports on purpose; anything else thrown becomes INTERNAL. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message?: string, details?: ErrorDetails) {
    super(message ?? code);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
