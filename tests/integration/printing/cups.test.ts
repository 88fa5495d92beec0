// Printing through a real CUPS queue (cups-pdf), as the counter does: the job completes, the
// "printer" writes the page, the page says what the sheet said, and no copy of the document
// (it carries a plaintext password) stays in the spooler once the job is done.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderInfoSheet } from '../../../electron/core/documents';
import { cupsBackend, PrintError, printerStatus } from '../../../electron/core/printing';
import { unsupportedPrintBackend } from '../../../electron/core/printing/unsupported';
import { printFailureReason } from '../../../shared/domain/printing';
import { purgeJob } from '../../../electron/core/printing/ipp';
import { jobNumber } from '../../../electron/core/printing/lpstat';
import {
  completedJobIds,
  cupsPdfOutput,
  setupCups,
  waitFor,
  type CupsQueue,
} from '../../support/cups';
import { demoSheet } from '../documents/demo-data';
import { pdfText, squash } from '../documents/poppler';

const isRoot = process.getuid?.() === 0;
const SPOOL = '/var/spool/cups';
/** The scheduler's copy of a job's document: d<job, 5 digits>-<document, 3 digits>. */
const spoolFiles = (jobId: string) => {
  const n = String(jobNumber(jobId)).padStart(5, '0');
  return [`${SPOOL}/d${n}-001`, `${SPOOL}/c${n}`];
};
/** CUPS keeps documents after printing unless told not to (PreserveJobFiles, default a day). */
const preservesJobFiles = () => {
  try {
    return !/^\s*PreserveJobFiles\s+(No|Off|False)\b/im.test(
      readFileSync('/etc/cups/cupsd.conf', 'utf8'),
    );
  } catch {
    return true;
  }
};

let queue: CupsQueue;
const written: string[] = [];

beforeAll(() => {
  queue = setupCups();
});
afterAll(() => {
  // cups-pdf's output holds the demo password only, but leave nothing behind.
  for (const f of written) rmSync(f, { force: true });
});

async function sheet(): Promise<{ pdf: Buffer; login: string; password: string; serial: string }> {
  const d = demoSheet('ru');
  return { pdf: await renderInfoSheet(d), login: d.login, password: d.password, serial: d.serial };
}

describe('printing through CUPS', () => {
  it('lists the test queue among the system printers', async () => {
    const printers = await cupsBackend().listPrinters();
    expect(printers).toContainEqual(
      expect.objectContaining({
        name: queue.queue,
        state: 'idle',
        description: 'Access Desk test printer (PDF)',
      }),
    );
  });

  it('prints a sheet: the job completes and the printed page carries the login and password', async () => {
    const backend = cupsBackend({ purgeFinishedJobs: false });
    const s = await sheet();
    const job = await backend.print(s.pdf, queue.queue, `Информационный лист ${s.serial}`);
    expect(job).toEqual({
      jobId: expect.stringMatching(new RegExp(`^${queue.queue}-\\d+$`)),
      printer: queue.queue,
    });

    // Completed: in CUPS's history, or already purged from it by another test's backend (a
    // purging backend sweeps every finished Access Desk job of this user, as the app does on
    // a counter where it is alone) once cups-pdf has written the page.
    const done = await waitFor(
      () =>
        completedJobIds(queue.queue).includes(job.jobId) ||
        cupsPdfOutput(queue.outputDir, job.jobId) !== undefined
          ? true
          : undefined,
      50_000,
    );
    expect(done).toBe(true);
    const out = await waitFor(() => cupsPdfOutput(queue.outputDir, job.jobId), 10_000);
    expect(out).toBeDefined();
    written.push(out!);
    const printed = squash(pdfText(readFileSync(out!)));
    expect(printed).toContain(s.login);
    expect(printed).toContain(s.password);

    // Left to itself, CUPS keeps the document in its spool after the job is done...
    if (isRoot && preservesJobFiles()) expect(existsSync(spoolFiles(job.jobId)[0]!)).toBe(true);
    // ...and Cancel-Job with purge-job removes it, though the job has completed.
    await purgeJob(jobNumber(job.jobId)!);
    if (isRoot) for (const f of spoolFiles(job.jobId)) expect(existsSync(f)).toBe(false);
    expect(completedJobIds(queue.queue)).not.toContain(job.jobId);
  });

  it('purges each job from the spool by itself once it has completed', async () => {
    const backend = cupsBackend({ pollMs: 200 });
    try {
      const job = await backend.print(
        (await sheet()).pdf,
        queue.queue,
        'Информационный лист (purge)',
      );
      expect(await backend.waitForJob(job, 50_000)).toBe('completed');
      if (isRoot) for (const f of spoolFiles(job.jobId)) expect(existsSync(f)).toBe(false);
      expect(completedJobIds(queue.queue)).not.toContain(job.jobId);
      // It was printed all the same.
      const out = await waitFor(() => cupsPdfOutput(queue.outputDir, job.jobId), 10_000);
      expect(out).toBeDefined();
      written.push(out!);
      // And a later question about it still has the answer.
      expect(await backend.waitForJob(job, 0)).toBe('completed');
    } finally {
      backend.close();
    }
  });

  it('sweeps finished jobs an earlier run left in the spool, and only its own', async () => {
    const print = (title: string) =>
      execFileSync('lp', ['-d', queue.queue, '-t', title], {
        input: Buffer.from('%!PS\nshowpage\n'),
        env: { ...process.env, LC_ALL: 'C' },
      })
        .toString()
        .match(/request id is (\S+)/)![1]!;
    const ours = print('Access Desk: left by an earlier run');
    const theirs = print('someone else’s document');
    await waitFor(() => {
      const done = completedJobIds(queue.queue);
      return done.includes(ours) && done.includes(theirs) ? true : undefined;
    }, 50_000);
    expect(await cupsBackend().sweepFinishedJobs()).toBeGreaterThanOrEqual(1);
    const left = completedJobIds(queue.queue);
    expect(left).not.toContain(ours);
    expect(left).toContain(theirs);
    await purgeJob(jobNumber(theirs)!);
    for (const id of [ours, theirs]) {
      const out = await waitFor(() => cupsPdfOutput(queue.outputDir, id), 5_000);
      if (out) written.push(out);
    }
  });

  it('says before a visit whether the chosen printer can take a sheet', async () => {
    expect(await printerStatus(cupsBackend(), queue.queue)).toEqual({
      printer: queue.queue,
      state: 'ready',
      detail: null,
      // CUPS has no print dialog the app can drive: the fallback is not offered.
      dialog: false,
    });
    expect(await printerStatus(cupsBackend(), null)).toMatchObject({ state: 'notConfigured' });
    expect(await printerStatus(cupsBackend(), 'NoSuchPrinter')).toMatchObject({
      printer: 'NoSuchPrinter',
      state: 'noSuchPrinter',
    });
    expect(await printerStatus(unsupportedPrintBackend('win32'), 'Counter1')).toMatchObject({
      state: 'unsupported',
    });
  });

  it('refuses a printer that does not exist with PRINTER_NOT_FOUND and CUPS’s words', async () => {
    const err = await cupsBackend()
      .print((await sheet()).pdf, 'NoSuchPrinter', 't')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrintError);
    expect(err).toMatchObject({
      code: 'PRINTER_NOT_FOUND',
      message: expect.stringMatching(/does not exist/),
      details: { printer: 'NoSuchPrinter', spooler: expect.stringMatching(/does not exist/) },
    });
    // The clerk is told why in their language: the reason read from CUPS's words.
    expect(printFailureReason((err as Error).message)).toBe('noSuchPrinter');
    // A name that would read as an option never reaches lp.
    await expect(cupsBackend().print(Buffer.from('%PDF'), '-oraw', 't')).rejects.toMatchObject({
      code: 'PRINTER_NOT_FOUND',
    });
  });

  it.runIf(isRoot)(
    'reports a queue that refuses jobs as PRINT_FAILED with CUPS’s reason',
    async () => {
      const rejecting = `${queue.queue}-Rejecting`;
      const env = { ...process.env, LC_ALL: 'C' };
      execFileSync(
        'lpadmin',
        [
          '-p',
          rejecting,
          '-v',
          `cups-pdf:/${queue.queue}`,
          '-P',
          '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd',
          '-E',
        ],
        {
          env,
          stdio: 'ignore',
        },
      );
      try {
        execFileSync('cupsreject', ['-r', 'out of paper (test)', rejecting], { env });
        const err = await cupsBackend()
          .print((await sheet()).pdf, rejecting, 't')
          .catch((e: unknown) => e);
        expect(err).toMatchObject({
          code: 'PRINT_FAILED',
          details: { printer: rejecting, spooler: expect.stringMatching(/not accepting jobs/) },
        });
        expect(printFailureReason((err as Error).message)).toBe('notAccepting');
        // Asked before a visit needs it, the counter hears the same.
        expect(await printerStatus(cupsBackend(), rejecting)).toMatchObject({
          printer: rejecting,
          state: 'notAccepting',
        });
      } finally {
        execFileSync('lpadmin', ['-x', rejecting], { env });
      }
    },
  );
});
