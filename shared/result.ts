import type { ErrorCode, ErrorDetails } from './errors';

/** One schema issue as the renderer needs it to mark a field. */
export interface InputIssue {
  path: (string | number)[];
  code: string;
  message: string;
}

export interface Failure {
  ok: false;
  code: ErrorCode;
  /** English, for logs and developers; the clerk sees the translation of `code`. */
  message: string;
  details?: ErrorDetails;
  issues?: InputIssue[];
}

export interface Success<T> {
  ok: true;
  data: T;
}

/** What every IPC call answers: never a thrown error across the process boundary. */
export type Result<T> = Success<T> | Failure;

export function fail(
  code: ErrorCode,
  message: string,
  extra?: { details?: ErrorDetails | undefined; issues?: InputIssue[] | undefined },
): Failure {
  const f: Failure = { ok: false, code, message };
  if (extra?.details) f.details = extra.details;
  if (extra?.issues) f.issues = extra.issues;
  return f;
}
