import { describe, expect, it } from 'vitest';
import {
  KEY_SPACE,
  KeyPermutation,
  sfc32,
  splitKey,
  syntheticList,
} from '../../support/passport-list-gen';

describe('synthetic list generator', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = syntheticList(1, 100);
    const b = syntheticList(1, 100);
    const c = syntheticList(2, 100);
    const xs = Array.from({ length: 100 }, (_, i) => a.member(i));
    expect(Array.from({ length: 100 }, (_, i) => b.member(i))).toEqual(xs);
    expect(Array.from({ length: 100 }, (_, i) => c.member(i))).not.toEqual(xs);
    expect(sfc32(5)()).toBe(sfc32(5)());
  });

  it('yields distinct keys inside the key space, spread over it', () => {
    const p = new KeyPermutation(42);
    const seen = new Set<number>();
    const deciles = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 200_000; i++) {
      const k = p.at(i);
      if (!(Number.isInteger(k) && k >= 0 && k < KEY_SPACE)) outside++;
      seen.add(k);
      deciles[Math.floor(k / (KEY_SPACE / 10))]!++;
    }
    expect(outside).toBe(0);
    expect(seen.size).toBe(200_000);
    for (const d of deciles) expect(Math.abs(d - 20_000)).toBeLessThan(1_000);
  });

  it('non-members are never members', () => {
    const l = syntheticList(9, 50_000);
    const members = new Set(Array.from({ length: l.entries }, (_, i) => l.member(i)));
    const hits = Array.from({ length: 50_000 }, (_, j) => l.nonMember(j)).filter((k) =>
      members.has(k),
    );
    expect(hits).toEqual([]);
  });

  it('splits keys into zero-padded series and number', () => {
    expect(splitKey(1_000_002)).toEqual({ series: '0001', number: '000002' });
  });
});
