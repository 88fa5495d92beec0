import { describe, expect, it } from 'vitest';
import { PassportListError, PassportListHolder } from '../../../electron/core/passport-list/index';
import type { PassportList, PassportListMeta } from '../../../electron/core/passport-list/index';

function fakeList(name: string, members: string[]): PassportList {
  const meta: PassportListMeta = {
    formatVersion: 1,
    listDate: '2024-05-01',
    entries: members.length,
    builtAt: '2024-05-01T00:00:00.000Z',
    malformedRows: 0,
    sourceRows: members.length,
    fileBytes: 0,
    checksum: name,
  };
  return { meta, has: (s, n) => members.includes(`${s}${n}`) };
}

describe('PassportListHolder', () => {
  it('reports a missing list instead of passing', () => {
    const h = new PassportListHolder(() => Promise.reject(new Error('unused')));
    expect(h.current()).toBeNull();
    expect(h.lookup('4509', '123456')).toEqual({ status: 'missing' });
  });

  it('swaps in a loaded list, tells listeners, and keeps the old list when a load fails', async () => {
    const lists: Record<string, PassportList> = {
      a: fakeList('a', ['4509123456']),
      b: fakeList('b', []),
    };
    const h = new PassportListHolder((p) =>
      lists[p]
        ? Promise.resolve(lists[p])
        : Promise.reject(new PassportListError('PASSPORT_LIST_INVALID', 'bad', 'checksum')),
    );
    const seen: (string | null)[] = [];
    const off = h.onChange((m) => seen.push(m?.checksum ?? null));
    expect((await h.replaceFrom('a')).checksum).toBe('a');
    expect(h.lookup('4509', '123456')).toMatchObject({ status: 'listed', checksum: 'a' });
    await expect(h.replaceFrom('corrupt')).rejects.toMatchObject({ code: 'PASSPORT_LIST_INVALID' });
    expect(h.current()?.meta.checksum).toBe('a');
    await h.replaceFrom('b');
    expect(h.lookup('4509', '123456')).toMatchObject({ status: 'not-listed', checksum: 'b' });
    h.clear();
    expect(h.lookup('4509', '123456')).toEqual({ status: 'missing' });
    off();
    await h.replaceFrom('a');
    expect(seen).toEqual(['a', 'b', null]);
  });

  it('applies concurrent replacements in call order', async () => {
    const delays: Record<string, number> = { slow: 30, fast: 1 };
    const h = new PassportListHolder(
      (p) => new Promise((resolve) => setTimeout(() => resolve(fakeList(p, [])), delays[p] ?? 0)),
    );
    const order: string[] = [];
    h.onChange((m) => order.push(m?.checksum ?? ''));
    await Promise.all([h.replaceFrom('slow'), h.replaceFrom('fast')]);
    expect(order).toEqual(['slow', 'fast']);
    expect(h.current()?.meta.checksum).toBe('fast');
  });
});
