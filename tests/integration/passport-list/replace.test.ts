// Replacing the list while lookups keep running: every answer is right for the old list or
// the new one (never neither, never "missing"), and once replaceFrom resolves only the new.
import { readFileSync, rmSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassportListHolder, importPassportList } from '../../../electron/core/passport-list/index';
import type { PassportListLookup } from '../../../electron/core/passport-list/index';
import { writeFileAtomic } from '../../../electron/core/passport-list/writer';
import { KeyPermutation, splitKey, writeSyntheticCsv } from '../../support/passport-list-gen';
import type { SyntheticList } from '../../support/passport-list-gen';

const N = 40_000;
const perm = new KeyPermutation(77);
// A holds perm(0 .. N), B holds perm(N/2 .. 3N/2): a quarter of the probes are only in A,
// a quarter in both, a quarter only in B, and a quarter in neither.
const slice = (from: number): SyntheticList => ({
  perm,
  entries: N,
  member: (i) => perm.at(from + i),
  nonMember: (j) => perm.at(3 * N + j),
});
const inA = (i: number): boolean => i < N;
const inB = (i: number): boolean => i >= N / 2 && i < (3 * N) / 2;
const PROBES = 2 * N; // probe i is the key perm(i); i >= 3N/2 is in neither
const probe = Array.from({ length: PROBES }, (_, i) => splitKey(perm.at(i)));

describe('PassportListHolder replacement under load', () => {
  let dir: string;
  let bytesA: Buffer;
  let bytesB: Buffer;
  const truth: Record<string, (i: number) => boolean> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'passport-list-'));
    for (const [name, from, member] of [
      ['a', 0, inA],
      ['b', N / 2, inB],
    ] as const) {
      writeSyntheticCsv(join(dir, `${name}.csv`), slice(from));
      const r = await importPassportList(join(dir, `${name}.csv`), join(dir, `${name}.idx`), {
        listDate: '2024-05-01',
      });
      truth[r.checksum] = member;
    }
    bytesA = readFileSync(join(dir, 'a.idx'));
    bytesB = readFileSync(join(dir, 'b.idx'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('never answers wrongly while lists are swapped, rewritten on disk and refused', async () => {
    const live = join(dir, 'live.idx');
    const holder = new PassportListHolder();
    expect(holder.lookup('4509', '123456')).toEqual({ status: 'missing' });
    writeFileSync(live, bytesA);
    await holder.replaceFrom(live);

    let wrong = 0;
    let lookups = 0;
    let duringLoad = 0;
    let pending = 0;
    let next = 0;
    let stop = false;
    const seen = new Set<string>();
    const check = (i: number, r: PassportListLookup): boolean => {
      if (r.status === 'missing') return false;
      const member = truth[r.checksum];
      return member !== undefined && (r.status === 'listed') === member(i);
    };
    const loop = new Promise<void>((resolve) => {
      const tick = (): void => {
        for (let k = 0; k < 300; k++) {
          const i = next++ % PROBES;
          const r = holder.lookup(probe[i]!.series, probe[i]!.number);
          if (r.status !== 'missing') seen.add(r.checksum);
          if (!check(i, r)) wrong++;
          lookups++;
          if (pending > 0) duringLoad++;
        }
        if (stop) resolve();
        else setImmediate(tick);
      };
      setImmediate(tick);
    });
    const replace = async (path: string): Promise<string> => {
      pending++;
      try {
        return (await holder.replaceFrom(path)).checksum;
      } finally {
        pending--;
      }
    };
    const onlyNew = (checksum: string): void => {
      const member = truth[checksum]!;
      let stale = 0;
      for (let i = 0; i < PROBES; i++) {
        const r = holder.lookup(probe[i]!.series, probe[i]!.number);
        if (
          r.status === 'missing' ||
          r.checksum !== checksum ||
          (r.status === 'listed') !== member(i)
        )
          stale++;
      }
      expect(stale).toBe(0);
    };

    for (let round = 0; round < 6; round++) {
      // 1. the importer's way: atomic rename over the live path, then reload
      const target = round % 2 === 0 ? bytesB : bytesA;
      await writeFileAtomic(live, target);
      onlyNew(await replace(live));
      // 2. the file is replaced on disk while it is being loaded: old or new, never a mix
      const other = round % 2 === 0 ? bytesA : bytesB;
      const loading = replace(live);
      await writeFileAtomic(live, other);
      onlyNew(await loading);
      // 3. a non-atomic rewrite in place during the load: refused or loaded whole
      const inPlace = replace(live);
      writeFileSync(live, target.subarray(0, target.length >> 1));
      writeFileSync(live, target);
      const outcome = await inPlace.then(
        (checksum) => checksum,
        (err: { code?: string }) => err.code ?? 'error',
      );
      if (outcome === 'PASSPORT_LIST_INVALID') onlyNew(holder.current()!.meta.checksum);
      else onlyNew(outcome);
      // 4. a corrupted file is refused and the current list stays
      const before = holder.current()!.meta.checksum;
      const damaged = Buffer.from(target);
      damaged[damaged.length >> 1]! ^= 0x40;
      writeFileSync(join(dir, 'damaged.idx'), damaged);
      await expect(replace(join(dir, 'damaged.idx'))).rejects.toMatchObject({
        code: 'PASSPORT_LIST_INVALID',
      });
      onlyNew(before);
    }
    stop = true;
    await loop;
    expect(wrong).toBe(0);
    expect(lookups).toBeGreaterThan(10_000);
    expect(duringLoad).toBeGreaterThan(0); // the lookups really did run while loads were under way
    expect(seen.size).toBe(2);
  });
});
