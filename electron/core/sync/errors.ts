// Transient or permanent: the one question the push loop asks of a failure. A permanent
// one is a rejection of the operation itself (it will fail the same way forever), so the
// operation goes to the dead-letter list and the rest keep flowing; anything else (the link,
// the server going away, a lock timeout, a serialization failure, even a missing grant,
// which an administrator can fix) is retried with backoff and never loses an operation.

export interface Failure {
  kind: 'transient' | 'permanent';
  /** SQLSTATE, a Node error code (ECONNREFUSED), or LOCAL_INVALID. */
  code: string;
  message: string;
}

// 22: data exception; 23: integrity constraint; AD: our functions' rejections; P0001: a
// plain RAISE in a function.
const PERMANENT_CLASSES = ['22', '23', 'AD'];

export class LocalInvalidOp extends Error {
  readonly code = 'LOCAL_INVALID';
}

export function classify(e: unknown): Failure {
  const err = e as { code?: unknown; message?: unknown; driverError?: { code?: unknown } } | null;
  const message = typeof err?.message === 'string' ? err.message : String(e);
  const code =
    typeof err?.code === 'string'
      ? err.code
      : typeof err?.driverError?.code === 'string'
        ? err.driverError.code
        : 'UNKNOWN';
  if (e instanceof LocalInvalidOp) return { kind: 'permanent', code: e.code, message };
  if (
    /^[0-9A-Z]{5}$/.test(code) &&
    (PERMANENT_CLASSES.includes(code.slice(0, 2)) || code === 'P0001')
  ) {
    return { kind: 'permanent', code, message };
  }
  return { kind: 'transient', code, message };
}

/** True when the failure means we could not talk to the centre at all (for 'offline'). */
export function isUnreachable(f: Failure): boolean {
  return (
    /^(ECONN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE|57P0|08)/.test(f.code) ||
    /terminated|timeout|connect|Connection/i.test(f.message)
  );
}
