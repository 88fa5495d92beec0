import { useEffect, useRef } from 'react';

export type KeyMatch = string | ((e: KeyboardEvent) => boolean);

/**
 * Calls `handler` when a key matching `match` (a `KeyboardEvent.key`, or a predicate) is
 * pressed anywhere in the window, unless something handled it first: an open dialog closes
 * itself on Escape and stops the event there.
 */
export function useKey(match: KeyMatch, handler: (e: KeyboardEvent) => void, enabled = true): void {
  const latest = useRef({ match, handler });
  useEffect(() => {
    latest.current = { match, handler };
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const { match: m, handler: h } = latest.current;
      if (typeof m === 'string' ? e.key === m : m(e)) h(e);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
