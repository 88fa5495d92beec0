// Real files in a temp dir: CSV and .csv.bz2 in, index file out, loaded and queried back.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPassportList, loadPassportList } from '../../../electron/core/passport-list/index';
import type { LoadedPassportList } from '../../../electron/core/passport-list/index';
import {
  MALFORMED_SAMPLES,
  splitKey,
  syntheticList,
  writeSyntheticCsv,
} from '../../support/passport-list-gen';

const ENTRIES = 200_000;
const fixedNow = (): Date => new Date('2024-05-02T08:00:00Z');
const hasBzip2 = spawnSync('bzip2', ['--help']).status === 0;

describe('passport list import', () => {
  let dir: string;
  let csv: string;
  const list = syntheticList(20240501, ENTRIES);
  let written: ReturnType<typeof writeSyntheticCsv>;
  let index: LoadedPassportList;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'passport-list-'));
    csv = join(dir, 'list.csv');
    written = writeSyntheticCsv(csv, list, {
      malformedEvery: 97,
      duplicateEvery: 1013,
      eol: '\r\n',
    });
    await importPassportList(csv, join(dir, 'list.idx'), { listDate: '2024-05-01', now: fixedNow });
    index = await loadPassportList(join(dir, 'list.idx'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds every imported entry', () => {
    const missing: number[] = [];
    for (let i = 0; i < ENTRIES; i++) if (!index.hasKey(list.member(i))) missing.push(i);
    expect(missing).toEqual([]);
    // and through the string API, as the passport check calls it
    for (let i = 0; i < 1000; i++) {
      const { series, number } = splitKey(list.member(i));
      expect(index.has(series, number)).toBe(true);
      expect(index.has(`${series.slice(0, 2)} ${series.slice(2)}`, number)).toBe(true);
    }
  });

  it('finds none of a million non-entries', () => {
    let found = 0;
    for (let j = 0; j < 1_000_000; j++) if (index.hasKey(list.nonMember(j))) found++;
    expect(found).toBe(0);
  });

  it('counts malformed rows and duplicates instead of importing them', () => {
    expect(written.malformedRows).toBeGreaterThan(2 * MALFORMED_SAMPLES.length);
    expect(index.meta).toMatchObject({
      formatVersion: 1,
      listDate: '2024-05-01',
      builtAt: '2024-05-02T08:00:00.000Z',
      entries: ENTRIES,
      sourceRows: written.sourceRows,
      malformedRows: written.malformedRows,
    });
    expect(index.duplicateRows).toBe(written.duplicateRows);
    expect(index.meta.fileBytes).toBe(readFileSync(join(dir, 'list.idx')).length);
    expect(index.meta.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('leaves no temp files behind and replaces an existing index', async () => {
    const out = join(dir, 'again.idx');
    writeFileSync(out, 'old');
    const r = await importPassportList(csv, out, { listDate: '2024-05-01', now: fixedNow });
    expect(r.checksum).toBe(index.meta.checksum); // same input, same clock: same bytes
    expect(spawnSync('ls', ['-A', dir], { encoding: 'utf8' }).stdout).not.toMatch(/\.tmp/);
  });

  it('refuses a file with no valid rows, a bad list date and a missing input', async () => {
    const junk = join(dir, 'junk.csv');
    writeFileSync(junk, 'PASSP_SERIES,PASSP_NUMBER\nabc,def\n\n');
    await expect(
      importPassportList(junk, join(dir, 'junk.idx'), { listDate: '2024-05-01' }),
    ).rejects.toMatchObject({
      code: 'PASSPORT_LIST_INVALID',
      detail: 'empty',
    });
    await expect(
      importPassportList(csv, join(dir, 'x.idx'), { listDate: '2024-02-30' }),
    ).rejects.toMatchObject({
      code: 'PASSPORT_LIST_INVALID',
    });
    await expect(
      importPassportList(join(dir, 'nope.csv'), join(dir, 'x.idx'), { listDate: '2024-05-01' }),
    ).rejects.toMatchObject({
      code: 'PASSPORT_LIST_NOT_FOUND',
    });
  });

  // Debian and macOS ship bzip2; where it is absent there is no way to make the fixture.
  it.skipIf(!hasBzip2)(
    'reads .csv.bz2 with the system bzip2 and the JS decoder alike',
    async () => {
      const small = syntheticList(7, 20_000);
      const plain = join(dir, 'small.csv');
      writeSyntheticCsv(plain, small, { malformedEvery: 50 });
      expect(spawnSync('bzip2', ['-k', plain]).status).toBe(0);
      const a = await importPassportList(`${plain}.bz2`, join(dir, 'sys.idx'), {
        listDate: '2024-05-01',
        now: fixedNow,
        decoder: 'system',
      });
      const b = await importPassportList(`${plain}.bz2`, join(dir, 'js.idx'), {
        listDate: '2024-05-01',
        now: fixedNow,
        decoder: 'js',
      });
      const c = await importPassportList(plain, join(dir, 'plain.idx'), {
        listDate: '2024-05-01',
        now: fixedNow,
      });
      expect(a.source).toEqual({ compressed: true, decoder: 'system' });
      expect(b.source).toEqual({ compressed: true, decoder: 'js' });
      expect([a.checksum, b.checksum]).toEqual([c.checksum, c.checksum]);
      expect(a.entries).toBe(20_000);
    },
  );

  it.skipIf(!hasBzip2)('refuses a damaged .bz2 with either decoder', async () => {
    const plain = join(dir, 'dmg.csv');
    writeSyntheticCsv(plain, syntheticList(8, 20_000));
    spawnSync('bzip2', ['-k', plain]);
    const bytes = readFileSync(`${plain}.bz2`);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    writeFileSync(`${plain}.bz2`, bytes);
    for (const decoder of ['system', 'js'] as const) {
      await expect(
        importPassportList(`${plain}.bz2`, join(dir, `dmg-${decoder}.idx`), {
          listDate: '2024-05-01',
          decoder,
        }),
      ).rejects.toMatchObject({ code: 'PASSPORT_LIST_INVALID', detail: 'source' });
    }
  });
});
