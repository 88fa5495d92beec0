// Runs importPassportList on a worker thread and reports its progress. In the app the worker
// is the bundled out/main/passport-import.js; run from the sources (tests, `npm run` scripts)
// it is import-worker.ts, loaded through tsx inside the worker.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PassportListError, type PassportListErrorCode } from './format';

export interface ImportJob {
  input: string;
  out: string;
  listDate: string;
  progressEvery?: number;
}

export type ImportPhase = 'reading' | 'sorting' | 'writing';

export type ImportMessage =
  | { type: 'progress'; rows: number }
  | { type: 'phase'; phase: Exclude<ImportPhase, 'reading'> }
  | {
      type: 'done';
      entries: number;
      sourceRows: number;
      malformedRows: number;
      duplicateRows: number;
    }
  | { type: 'failed'; code: PassportListErrorCode | null; message: string; detail: string };

export type ImportSummary = Omit<Extract<ImportMessage, { type: 'done' }>, 'type'>;

/** The worker script from the sources, next to this file. */
export const SOURCE_WORKER = join(dirname(fileURLToPath(import.meta.url)), 'import-worker.ts');

function start(script: string, job: ImportJob): Worker {
  if (!script.endsWith('.ts')) return new Worker(script, { workerData: job });
  const url = JSON.stringify(pathToFileURL(script).href);
  // tsx's loader is registered inside the worker before the TypeScript entry is imported.
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${url}); })`;
  return new Worker(boot, { eval: true, workerData: job });
}

export function importInWorker(
  script: string,
  job: ImportJob,
  onProgress: (phase: ImportPhase, rows: number) => void,
): Promise<ImportSummary> {
  return new Promise((resolve, reject) => {
    const worker = start(script, job);
    let rows = 0;
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
      void worker.terminate();
    };
    worker.on('message', (m: ImportMessage) => {
      if (m.type === 'progress') {
        rows = m.rows;
        onProgress('reading', rows);
      } else if (m.type === 'phase') onProgress(m.phase, rows);
      else if (m.type === 'done') {
        const { type: _type, ...summary } = m;
        settle(() => resolve(summary));
      } else
        settle(() =>
          reject(
            m.code
              ? new PassportListError(m.code, m.message, m.detail)
              : new Error(`passport list import failed: ${m.message}`),
          ),
        );
    });
    worker.on('error', (e) => settle(() => reject(e)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`passport list import worker exited (${code})`))),
    );
  });
}
