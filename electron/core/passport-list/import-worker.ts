// One CSV import, run on a worker thread (see import-in-worker.ts): parsing 137 million rows,
// sorting and encoding them must not stop the Electron main thread, which is also the app's
// window thread. Progress and the outcome go back as messages.
import { parentPort, workerData } from 'node:worker_threads';
import { PassportListError } from './format';
import { importPassportList } from './import';
import type { ImportJob, ImportMessage } from './import-in-worker';

const job = workerData as ImportJob;
const post = (m: ImportMessage) => parentPort!.postMessage(m);

importPassportList(job.input, job.out, {
  listDate: job.listDate,
  progressEvery: job.progressEvery,
  onProgress: (rows) => post({ type: 'progress', rows }),
  onPhase: (phase) => post({ type: 'phase', phase }),
}).then(
  (r) =>
    post({
      type: 'done',
      entries: r.entries,
      sourceRows: r.sourceRows,
      malformedRows: r.malformedRows,
      duplicateRows: r.duplicateRows,
    }),
  (e: unknown) =>
    post(
      e instanceof PassportListError
        ? { type: 'failed', code: e.code, message: e.message, detail: e.detail }
        : { type: 'failed', code: null, message: String(e), detail: '' },
    ),
);
