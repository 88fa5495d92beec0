// Printing through CUPS (Linux and macOS). `lpstat` lists the queues, `lp` takes the PDF on
// stdin, and a small IPP client watches each job and purges it from the spool once it has
// finished, because CUPS otherwise keeps a copy of every printed document (and so of every
// temporary password) in /var/spool/cups for a day. See README.md here for the CUPS settings
// IT staff should use as well.
import type { Logger } from '../log/logger';
import { PrintError } from './errors';
import { getJobStatus, JOB_STATE, myFinishedJobs, purgeJob } from './ipp';
import { jobNumber, parseLpstat, parseRequestId } from './lpstat';
import { runTool, ToolMissingError } from './run';
import type { JobOutcome, PrintBackend, PrinterInfo, PrintJob } from './types';

export interface CupsOptions {
  /** Purge each job's spooled document once it has finished (default true). */
  purgeFinishedJobs?: boolean;
  /** How long after spooling to keep watching a job in order to purge it (default 30 min). */
  watchMs?: number;
  /** How often to ask CUPS about watched jobs (default 1 s). */
  pollMs?: number;
  log?: Logger;
}

export interface CupsBackend extends PrintBackend {
  waitForJob(job: PrintJob, timeoutMs: number): Promise<JobOutcome>;
  /**
   * Purges this user's finished Access Desk jobs that CUPS still keeps: those of an earlier
   * run that quit before its jobs finished. Runs by itself on the first print.
   */
  sweepFinishedJobs(): Promise<number>;
  /** Stops watching jobs (on shutdown); jobs not yet finished stay in the spool. */
  close(): void;
}

// CUPS allows any printable character in a queue name except space, tab, "/", "\", "#" and
// quotes. A name starting with "-" would read as an option to lp.
const QUEUE_NAME = /^[^\s/\\#'"-][^\s/\\#'"]{0,126}$/;

/** Every job title starts with this, so the sweep purges our jobs and no one else's. */
export const JOB_TITLE_PREFIX = 'Access Desk: ';

function outcomeOf(state: number): JobOutcome {
  if (state === JOB_STATE.completed) return 'completed';
  if (state === JOB_STATE.canceled || state === JOB_STATE.aborted) return 'failed';
  return 'pending';
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function cupsBackend(opts: CupsOptions = {}): CupsBackend {
  const purge = opts.purgeFinishedJobs ?? true;
  const watchMs = opts.watchMs ?? 30 * 60_000;
  const pollMs = opts.pollMs ?? 1000;
  const log = opts.log;
  /** Jobs spooled by this process and not yet finished: job number → watch deadline. */
  const watched = new Map<number, { job: PrintJob; until: number }>();
  /** How finished jobs ended, remembered because a purged job is unknown to CUPS. */
  const outcomes = new Map<number, JobOutcome>();
  let timer: NodeJS.Timeout | undefined;
  let swept = false;

  async function sweep(): Promise<number> {
    swept = true;
    if (!purge) return 0;
    let purged = 0;
    try {
      for (const j of await myFinishedJobs()) {
        if (watched.has(j.id)) continue;
        // Get-Jobs has been seen to leave job-name empty for a job that just finished.
        const name = j.name || ((await getJobStatus(j.id))?.name ?? '');
        if (!name.startsWith(JOB_TITLE_PREFIX)) continue;
        await purgeJob(j.id);
        purged++;
      }
      if (purged) log?.info('purged finished print jobs left in the spool', { count: purged });
    } catch (e) {
      log?.warn('could not sweep finished print jobs from the spool', { error: String(e) });
    }
    return purged;
  }

  async function viaLpstat(job: PrintJob): Promise<JobOutcome> {
    // Without IPP the tools can say whether a job is still queued, but not how it ended.
    const active = await runTool('lpstat', ['-o', job.printer]);
    if (active.stdout.split('\n').some((l) => l.startsWith(`${job.jobId} `))) return 'pending';
    const done = await runTool('lpstat', ['-W', 'completed', '-o', job.printer]);
    return done.stdout.split('\n').some((l) => l.startsWith(`${job.jobId} `))
      ? 'completed'
      : 'pending';
  }

  const inflight = new Map<number, Promise<JobOutcome>>();

  /** One question per job at a time: the watcher and waitForJob may ask together. */
  function check(job: PrintJob): Promise<JobOutcome> {
    const n = jobNumber(job.jobId);
    if (n === null) return Promise.resolve('pending');
    let p = inflight.get(n);
    if (!p) {
      p = checkOnce(job).finally(() => inflight.delete(n));
      inflight.set(n, p);
    }
    return p;
  }

  /** Asks CUPS once; purges the job if it has finished. Never throws. */
  async function checkOnce(job: PrintJob): Promise<JobOutcome> {
    const n = jobNumber(job.jobId);
    if (n === null) return 'pending';
    const known = outcomes.get(n);
    if (known) return known;
    let status;
    try {
      status = await getJobStatus(n);
    } catch (e) {
      log?.warn('could not ask CUPS about a job over IPP; its spooled copy cannot be purged', {
        jobId: job.jobId,
        error: String(e),
      });
      return viaLpstat(job).catch(() => 'pending' as const);
    }
    // CUPS forgets only finished jobs (at once if PreserveJobHistory is off).
    const outcome = status ? outcomeOf(status.state) : 'completed';
    if (outcome === 'pending') return outcome;
    outcomes.set(n, outcome);
    watched.delete(n);
    if (outcome === 'failed') {
      log?.warn('print job did not complete', {
        jobId: job.jobId,
        printer: job.printer,
        spooler: status?.message,
      });
    }
    if (purge && status) {
      try {
        await purgeJob(n);
        log?.info('purged a finished print job from the spool', { jobId: job.jobId });
      } catch (e) {
        log?.warn('could not purge a finished print job', { jobId: job.jobId, error: String(e) });
      }
    }
    return outcome;
  }

  function tick(): void {
    const now = Date.now();
    for (const [n, w] of watched) {
      if (now > w.until) {
        watched.delete(n);
        log?.warn('stopped watching a print job that has not finished; it stays in the spool', {
          jobId: w.job.jobId,
          printer: w.job.printer,
        });
        continue;
      }
      void check(w.job);
    }
    if (watched.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  }

  function watch(job: PrintJob): void {
    const n = jobNumber(job.jobId);
    if (n === null || !purge) return;
    watched.set(n, { job, until: Date.now() + watchMs });
    if (!timer) {
      timer = setInterval(tick, pollMs);
      timer.unref(); // a job still printing must not keep the app from quitting
    }
  }

  return {
    async listPrinters(): Promise<PrinterInfo[]> {
      let r;
      try {
        r = await runTool('lpstat', ['-d', '-a', '-l', '-p']);
      } catch (e) {
        throw new PrintError('PRINT_FAILED', 'Cannot list printers', {
          printer: '',
          spooler: (e as Error).message,
        });
      }
      if (r.code !== 0) {
        if (/no destinations added/i.test(r.stderr)) return [];
        throw new PrintError('PRINT_FAILED', 'Cannot list printers', {
          printer: '',
          spooler: r.stderr.trim(),
        });
      }
      return parseLpstat(r.stdout);
    },

    async print(pdf: Buffer, printer: string, title: string): Promise<PrintJob> {
      if (!QUEUE_NAME.test(printer)) {
        throw new PrintError('PRINTER_NOT_FOUND', 'No such printer', { printer });
      }
      // The title shows in the queue and in CUPS's logs: never put a secret in it.
      const cleanTitle = JOB_TITLE_PREFIX + title.replace(/[\p{Cc}]/gu, ' ').slice(0, 200);
      let r;
      try {
        r = await runTool('lp', ['-d', printer, '-t', cleanTitle], {
          stdin: pdf,
          timeoutMs: 60_000,
        });
      } catch (e) {
        const msg =
          e instanceof ToolMissingError ? e.message : `lp failed: ${(e as Error).message}`;
        throw new PrintError('PRINT_FAILED', 'The print spooler did not take the job', {
          printer,
          spooler: msg,
        });
      }
      const spooler = (r.stderr.trim() || r.stdout.trim()).replace(/^lp: (Error - )?/, '');
      if (r.code !== 0) {
        const notFound = /does not exist|unknown destination|no such (printer|destination)/i.test(
          spooler,
        );
        throw new PrintError(
          notFound ? 'PRINTER_NOT_FOUND' : 'PRINT_FAILED',
          notFound ? 'No such printer' : 'The print spooler refused the job',
          { printer, spooler },
        );
      }
      const jobId = parseRequestId(r.stdout);
      if (!jobId) {
        throw new PrintError('PRINT_FAILED', 'The print spooler gave no job id', {
          printer,
          spooler: r.stdout.trim(),
        });
      }
      const job = { jobId, printer };
      watch(job);
      if (!swept) void sweep();
      return job;
    },

    async waitForJob(job: PrintJob, timeoutMs: number): Promise<JobOutcome> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const outcome = await check(job);
        if (outcome !== 'pending' || Date.now() >= deadline) return outcome;
        await sleep(Math.min(pollMs, Math.max(0, deadline - Date.now())));
      }
    },

    sweepFinishedJobs: sweep,

    close(): void {
      if (timer) clearInterval(timer);
      timer = undefined;
      watched.clear();
    },
  };
}
