// The list's bytes as a stream of chunks, decompressing .bz2 on the way.
//
// bzip2 is detected by its magic ('BZh'), not the file name. Measured on this machine
// (96 MB of synthetic CSV, 40 MB compressed; the real file is ~1.6 GB of CSV):
//   system `bzip2 -dc`:       20.8 MB/s of CSV  -> ~80 s for 1.6 GB, in its own process,
//                             so it runs on the second core alongside parsing
//   unbzip2-stream (pure JS):  8.5 MB/s of CSV  -> ~190 s for 1.6 GB, on the parsing core
// So 'auto' spawns the system bzip2 when it is on PATH and falls back to the JS decoder
// (Windows workstations usually have no bzip2): correct everywhere, fast where it can be.
import { spawn } from 'node:child_process';
import { constants, createReadStream } from 'node:fs';
import { access, open } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { PassThrough } from 'node:stream';
import unbzip2Stream from 'unbzip2-stream';
import { PassportListError } from './format';

export type Bz2Decoder = 'auto' | 'system' | 'js';

export interface SourceInfo {
  compressed: boolean;
  decoder: 'none' | 'system' | 'js';
}

const CHUNK = 1 << 20;

export async function openSource(
  path: string,
  decoder: Bz2Decoder = 'auto',
): Promise<{ info: SourceInfo; chunks: AsyncIterable<Uint8Array> }> {
  const magic = await readMagic(path);
  const compressed = magic[0] === 0x42 && magic[1] === 0x5a && magic[2] === 0x68; // 'BZh'
  if (!compressed) {
    return {
      info: { compressed, decoder: 'none' },
      chunks: createReadStream(path, { highWaterMark: CHUNK }),
    };
  }
  const bin =
    decoder === 'js'
      ? null
      : await findOnPath(process.platform === 'win32' ? 'bzip2.exe' : 'bzip2');
  if (bin !== null)
    return { info: { compressed, decoder: 'system' }, chunks: systemBunzip(bin, path) };
  if (decoder === 'system') {
    throw new PassportListError(
      'PASSPORT_LIST_INVALID',
      'bzip2 is not installed on this machine',
      'source',
    );
  }
  return { info: { compressed, decoder: 'js' }, chunks: jsBunzip(path) };
}

async function readMagic(path: string): Promise<Uint8Array> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new PassportListError(
      missing ? 'PASSPORT_LIST_NOT_FOUND' : 'PASSPORT_LIST_INVALID',
      missing ? `no such list file: ${path}` : `cannot open list file: ${String(err)}`,
      missing ? 'missing' : 'io',
      { cause: err },
    );
  }
  try {
    const b = new Uint8Array(3);
    await fh.read(b, 0, 3, 0);
    return b;
  } finally {
    await fh.close();
  }
}

export async function findOnPath(name: string): Promise<string | null> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

async function* systemBunzip(bin: string, path: string): AsyncGenerator<Uint8Array> {
  const child = spawn(bin, ['-dc', '--', path], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => {
    if (stderr.length < 2000) stderr += s;
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  let finished = false;
  try {
    for await (const chunk of child.stdout) yield chunk as Buffer;
    const code = await exited;
    if (code !== 0) {
      throw new PassportListError(
        'PASSPORT_LIST_INVALID',
        `list file is not valid bzip2 (bzip2 exited with ${code}): ${stderr.trim()}`,
        'source',
      );
    }
    finished = true;
  } finally {
    if (!finished) child.kill();
    exited.catch(() => undefined);
  }
}

function jsBunzip(path: string): AsyncIterable<Uint8Array> {
  const out = new PassThrough({ highWaterMark: CHUNK });
  const fail = (err: unknown): void => {
    out.destroy(
      new PassportListError(
        'PASSPORT_LIST_INVALID',
        `list file is not valid bzip2: ${String(err)}`,
        'source',
        {
          cause: err,
        },
      ),
    );
  };
  const input = createReadStream(path, { highWaterMark: CHUNK });
  const dec = unbzip2Stream();
  input.on('error', fail);
  dec.on('error', fail);
  input.pipe(dec).pipe(out);
  return out;
}
