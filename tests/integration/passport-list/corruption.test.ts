// A damaged index must be refused with a clear, typed error, whatever byte is damaged.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PassportListError,
  importPassportList,
  loadPassportList,
} from '../../../electron/core/passport-list/index';
import { computeLayout, readHeader } from '../../../electron/core/passport-list/format';
import { sfc32, syntheticList, writeSyntheticCsv } from '../../support/passport-list-gen';

async function refusal(path: string): Promise<PassportListError> {
  try {
    await loadPassportList(path);
  } catch (err) {
    expect(err).toBeInstanceOf(PassportListError);
    return err as PassportListError;
  }
  throw new Error(`${path} was accepted`);
}

describe('passport list integrity', () => {
  let dir: string;
  let good: Buffer;
  const bad = (): string => join(dir, 'bad.idx');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'passport-list-'));
    writeSyntheticCsv(join(dir, 'l.csv'), syntheticList(3, 30_000));
    await importPassportList(join(dir, 'l.csv'), join(dir, 'good.idx'), { listDate: '2024-05-01' });
    good = readFileSync(join(dir, 'good.idx'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the intact file', async () => {
    expect((await loadPassportList(join(dir, 'good.idx'))).meta.entries).toBe(30_000);
  });

  it('refuses a flipped byte in every section, and at random places', async () => {
    const l = computeLayout(readHeader(good));
    const places = [
      0,
      7,
      8,
      16,
      33,
      72,
      88,
      100,
      127,
      l.offsetsOffset + 5,
      l.offsetsOffset + 4001,
      l.kindsOffset + 2,
      l.dataOffset + 3,
      l.dataOffset + 999,
      good.length - 1,
      good.length - 32,
    ];
    const rnd = sfc32(11);
    for (let i = 0; i < 60; i++) places.push(rnd() % good.length);
    for (const at of places) {
      const copy = Buffer.from(good);
      copy[at]! ^= 1 << (rnd() % 8);
      writeFileSync(bad(), copy);
      const err = await refusal(bad());
      expect(err.code, `byte ${at}`).toBe('PASSPORT_LIST_INVALID');
      expect(err.message).toMatch(/passport list/);
    }
  });

  it('says "checksum" for damaged data and "truncated" for a cut file', async () => {
    const copy = Buffer.from(good);
    copy[good.length - 100]! ^= 0x10;
    writeFileSync(bad(), copy);
    expect((await refusal(bad())).detail).toBe('checksum');
    for (const len of [good.length - 1, good.length - 32, Math.floor(good.length / 2), 200]) {
      writeFileSync(bad(), good.subarray(0, len));
      const err = await refusal(bad());
      expect(err.detail, `length ${len}`).toBe('truncated');
      expect(err.message).toMatch(/truncated/);
    }
    for (const len of [0, 10, 159]) {
      writeFileSync(bad(), good.subarray(0, len));
      expect((await refusal(bad())).detail).toMatch(/truncated|magic/);
    }
    writeFileSync(bad(), Buffer.concat([good, Buffer.from([0])]));
    expect((await refusal(bad())).detail).toBe('size');
  });

  it('names a wrong magic and an unknown version', async () => {
    writeFileSync(bad(), Buffer.from('PASSP_SERIES,PASSP_NUMBER\n4509,123456\n'.repeat(10)));
    expect((await refusal(bad())).detail).toBe('magic');
    const copy = Buffer.from(good);
    copy.writeUInt32LE(2, 8);
    writeFileSync(bad(), copy);
    const err = await refusal(bad());
    expect(err.detail).toBe('version');
    expect(err.message).toMatch(/version 2/);
  });

  it('refuses an inconsistent header even when its checksum was recomputed', async () => {
    for (const [offset, value] of [
      [32, 30_001], // entries
      [88, 12], // lowBits
      [104, 5], // upperBits
    ] as const) {
      const copy = Buffer.from(good);
      if (offset === 88) copy[88] = value;
      else copy.writeBigUInt64LE(BigInt(value), offset);
      createHash('sha256')
        .update(copy.subarray(0, copy.length - 32))
        .digest()
        .copy(copy, copy.length - 32);
      writeFileSync(bad(), copy);
      expect((await refusal(bad())).detail, `offset ${offset}`).toBe('layout');
    }
  });

  it('reports a missing file as not found', async () => {
    const err = await refusal(join(dir, 'nope.idx'));
    expect(err.code).toBe('PASSPORT_LIST_NOT_FOUND');
  });
});
