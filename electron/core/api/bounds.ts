// What one call may carry, checked before its schema sees it: a message from the renderer is
// plain data (null, booleans, finite numbers, strings, arrays, plain objects) and small. The
// schemas bound every field they know; this bounds what they would otherwise have to walk
// first (a million keys on an empty input, an array nested ten thousand deep) and what is
// not data at all (a Map, a Date, a typed array, a BigInt, a function).
import type { InputIssue } from '../../../shared/result';

export const INPUT_BOUNDS = {
  /** Objects and arrays inside one another. */
  depth: 12,
  /** Values in all (every object, array and leaf counts one). */
  nodes: 5_000,
  /** Characters in any one string (no field of the contract takes more than 500). */
  stringLength: 10_000,
  /** Characters in all strings together. */
  totalChars: 100_000,
} as const;

/** The first way `raw` breaks the bounds, as a schema issue at its path; null when within. */
export function boundsIssue(raw: unknown): InputIssue | null {
  let nodes = 0;
  let chars = 0;
  const issue = (path: (string | number)[], message: string): InputIssue => ({
    path,
    code: 'too_big',
    message,
  });
  const walk = (v: unknown, path: (string | number)[], depth: number): InputIssue | null => {
    if (++nodes > INPUT_BOUNDS.nodes) return issue(path, 'too many values in one call');
    if (v === null || typeof v === 'boolean') return null;
    if (typeof v === 'number')
      return Number.isFinite(v)
        ? null
        : { path, code: 'invalid_type', message: 'not a finite number' };
    if (typeof v === 'string') {
      if (v.length > INPUT_BOUNDS.stringLength) return issue(path, 'string too long');
      chars += v.length;
      return chars > INPUT_BOUNDS.totalChars ? issue(path, 'too much text in one call') : null;
    }
    if (typeof v !== 'object')
      return { path, code: 'invalid_type', message: `not data: ${typeof v}` };
    if (depth >= INPUT_BOUNDS.depth) return issue(path, 'nested too deep');
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const r = walk(v[i], [...path, i], depth + 1);
        if (r) return r;
      }
      return null;
    }
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null)
      return { path, code: 'invalid_type', message: 'not a plain object' };
    for (const [k, child] of Object.entries(v)) {
      chars += k.length;
      const r = walk(child, [...path, k], depth + 1);
      if (r) return r;
    }
    return null;
  };
  return walk(raw, [], 0);
}
