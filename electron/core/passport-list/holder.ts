// Holds the loaded list and swaps in a new one while lookups continue.
//
// A replacement is loaded and fully validated (checksum, layout) off to the side; only then
// is the one reference swapped, which in single-threaded JS is atomic: every lookup runs
// entirely against the old list or entirely against the new one. A failed load leaves the
// current list in place. Replacements run one at a time, in call order.
import type { PassportListMeta } from './format';
import type { PassportList } from './reader';
import { loadPassportList } from './reader';

/** 'missing' must surface as the PASSPORT_LIST_MISSING warning, never as a pass. */
export type PassportListLookup =
  { status: 'missing' } | { status: 'listed' | 'not-listed'; listDate: string; checksum: string };

export type PassportListListener = (meta: PassportListMeta | null) => void;

export class PassportListHolder {
  private list: PassportList | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<PassportListListener>();

  constructor(private readonly load: (path: string) => Promise<PassportList> = loadPassportList) {}

  /** The list in use, or null when none has been loaded yet. */
  current(): PassportList | null {
    return this.list;
  }

  /** One lookup, against whichever list is current at this instant. */
  lookup(series: string, number: string): PassportListLookup {
    const list = this.list; // read the reference once: the answer and its list date must match
    if (list === null) return { status: 'missing' };
    return {
      status: list.has(series, number) ? 'listed' : 'not-listed',
      listDate: list.meta.listDate,
      checksum: list.meta.checksum,
    };
  }

  /** Loads and validates `path`, then swaps it in. Throws PassportListError and keeps the old list on failure. */
  replaceFrom(path: string): Promise<PassportListMeta> {
    const run = this.queue.then(async () => {
      const next = await this.load(path);
      this.list = next;
      this.emit(next.meta);
      return next.meta;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Drops the list (e.g. the operator removed it): lookups report 'missing' again. */
  clear(): void {
    if (this.list === null) return;
    this.list = null;
    this.emit(null);
  }

  /** Called after every swap with the new list's meta (null after clear). Returns an unsubscribe. */
  onChange(cb: PassportListListener): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  private emit(meta: PassportListMeta | null): void {
    for (const cb of this.listeners) {
      try {
        cb(meta);
      } catch {
        // A failing listener must not undo or block the swap that already happened.
      }
    }
  }
}
