import { randomInt } from 'node:crypto';

/**
 * Capped exponential backoff with "equal jitter": the wait is between half and all of
 * min(cap, base·2^attempt). Jitter spreads the workstations of a whole city out after the
 * centre comes back; the floor of one half keeps a flapping link from being hammered.
 */
export function backoffDelay(attempt: number, baseMs = 1_000, capMs = 60_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(Math.max(attempt, 0), 30));
  const half = Math.floor(ceiling / 2);
  return half + randomInt(0, ceiling - half + 1);
}
