// The flat baseline of the passport benchmark: one bit per possible key, 10^10 bits = 1.25 GB,
// the structure some public checkers use. Built, written, re-read and queried the same way
// as the index, in its own process.
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { sfc32, syntheticList, KEY_SPACE } from '../support/passport-list-gen';
import type { SyntheticList } from '../support/passport-list-gen';
import { measureLookups, settle, type LatencyStats, type LookupRuns } from './passports-measure';

export interface BitmapResult {
  fileBytes: number;
  buildMs: number;
  rssDeltaMb: number;
  loadMs: number;
  hit: LatencyStats;
  miss: LatencyStats;
}

const BYTES = KEY_SPACE / 8;

function has(bits: Uint8Array, key: number): boolean {
  const byte = Math.floor(key / 8);
  return ((bits[byte]! >>> (key - byte * 8)) & 1) === 1;
}

function buildAndWrite(
  list: SyntheticList,
  entries: number,
  path: string,
): { buildMs: number; rssDeltaMb: number } {
  settle();
  const rss0 = process.memoryUsage().rss;
  const bits = new Uint8Array(BYTES);
  // Keys are generated a chunk at a time outside the clock: the build time is the bitmap's.
  const chunk = new Float64Array(1 << 20);
  let buildMs = 0;
  for (let from = 0; from < entries; from += chunk.length) {
    const n = Math.min(chunk.length, entries - from);
    for (let i = 0; i < n; i++) chunk[i] = list.member(from + i);
    const t = performance.now();
    for (let i = 0; i < n; i++) {
      const key = chunk[i]!;
      const byte = Math.floor(key / 8);
      bits[byte]! |= 1 << (key - byte * 8);
    }
    buildMs += performance.now() - t;
  }
  const rssDeltaMb = (process.memoryUsage().rss - rss0) / 2 ** 20;
  const fd = openSync(path, 'w');
  for (let off = 0; off < BYTES;) off += writeSync(fd, bits, off, Math.min(BYTES - off, 1 << 26));
  closeSync(fd);
  return { buildMs, rssDeltaMb };
}

export function bitmapPhase(seed: number, entries: number, dir: string): Promise<BitmapResult> {
  const list = syntheticList(seed, entries);
  const samples = 1_000_000;
  const rnd = sfc32(seed ^ 0x5eed);
  const hits = new Float64Array(samples);
  const misses = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    hits[i] = list.member(Math.floor((rnd() / 2 ** 32) * entries));
    misses[i] = list.nonMember(i);
  }
  const path = join(dir, 'bitmap.bin');
  const { buildMs, rssDeltaMb } = buildAndWrite(list, entries, path); // the built copy dies with that scope
  settle();
  const t = performance.now();
  const loaded = new Uint8Array(BYTES);
  const rfd = openSync(path, 'r');
  for (let off = 0; off < BYTES;) {
    const n = readSync(rfd, loaded, off, Math.min(BYTES - off, 1 << 26), off);
    if (n === 0) throw new Error('short read');
    off += n;
  }
  closeSync(rfd);
  const loadMs = performance.now() - t;
  rmSync(path);
  for (let i = 0; i < samples; i++) {
    if (!has(loaded, hits[i]!) || has(loaded, misses[i]!))
      throw new Error('bitmap answered wrongly');
  }
  const runs = (keys: Float64Array, expected: number): LookupRuns => ({
    independent: (a, b) => {
      let c = 0;
      for (let i = a; i < b; i++) if (has(loaded, keys[i]!)) c++;
      return c;
    },
    chained: (a, b) => {
      let c = 0;
      let d = 0;
      for (let i = a; i < b; i++) {
        const r = +has(loaded, keys[i + d]!);
        c += r;
        d = r ^ expected;
      }
      return c;
    },
  });
  return Promise.resolve({
    fileBytes: BYTES,
    buildMs,
    rssDeltaMb,
    loadMs,
    hit: measureLookups(runs(hits, 1), samples),
    miss: measureLookups(runs(misses, 0), samples),
  });
}
