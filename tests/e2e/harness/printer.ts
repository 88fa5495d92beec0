// Real CUPS queues for the journeys, set up by the same script as the printing tests
// (tests/support/cups-setup.sh) but under names of their own, so that rejecting a queue to
// make a print fail can never spoil a print in a test running alongside.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cupsBackend, type PrintBackend } from '../../../electron/core/printing';
import { SYSTEM_DIALOG } from '../../../shared/domain/printing';

export const E2E_QUEUE = 'AccessDeskE2E';
/** A queue the printer-trouble journey rejects and accepts again; nobody else prints there. */
export const JAM_QUEUE = 'AccessDeskE2EJam';

const SCRIPT = join(import.meta.dirname, '..', '..', 'support', 'cups-setup.sh');
const C_ENV = { ...process.env, LC_ALL: 'C' };

export interface Queue {
  queue: string;
  /** Where cups-pdf writes each job as a PDF. */
  outputDir: string;
}

const ready = new Map<string, Queue>();

export function ensureQueue(queue: string): Queue {
  const known = ready.get(queue);
  if (known) return known;
  let outputDir = `/var/spool/cups-pdf/${queue}`;
  if (process.getuid?.() === 0) {
    const r = spawnSync('sh', [SCRIPT], {
      env: { ...C_ENV, ACCESS_DESK_CUPS_QUEUE: queue },
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`cups-setup.sh ${queue} failed: ${r.stderr}`);
    outputDir = r.stdout.trim().split('\n').pop() ?? outputDir;
  } else {
    const v = spawnSync('lpstat', ['-v', queue], { env: C_ENV, encoding: 'utf8' });
    if (v.status !== 0 || !existsSync(outputDir)) {
      throw new Error(
        `No CUPS queue ${queue}: run "sudo ACCESS_DESK_CUPS_QUEUE=${queue} sh ${SCRIPT}"`,
      );
    }
  }
  const q = { queue, outputDir };
  ready.set(queue, q);
  return q;
}

/** The queue refuses new jobs (`lp` fails at once), as a printer taken offline would. */
export function rejectJobs(queue: string): void {
  execFileSync('cupsreject', ['-r', 'Access Desk e2e: paper jam', queue], { env: C_ENV });
}

export function acceptJobs(queue: string): void {
  execFileSync('cupsaccept', [queue], { env: C_ENV });
  execFileSync('cupsenable', [queue], { env: C_ENV });
}

export function pdfText(path: string): string {
  // A PDF still being written makes pdftotext complain on stderr; the caller retries.
  return execFileSync('pdftotext', ['-raw', path, '-'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

/**
 * Waits for the PDF cups-pdf writes for a job sent after `since` whose text contains every
 * one of `needles` (whitespace ignored), and returns its path and text.
 */
export async function waitForPrinted(
  q: Queue,
  since: number,
  needles: string[],
  timeoutMs = 45_000,
): Promise<{ path: string; text: string }> {
  const deadline = Date.now() + timeoutMs;
  const squash = (s: string) => s.replace(/\s+/g, '');
  for (;;) {
    for (const name of readdirSync(q.outputDir)) {
      const path = join(q.outputDir, name);
      if (!name.endsWith('.pdf') || statSync(path).mtimeMs < since - 1000) continue;
      let text: string;
      try {
        text = pdfText(path);
      } catch {
        continue; // still being written
      }
      if (needles.every((n) => squash(text).includes(squash(n)))) return { path, text };
    }
    if (Date.now() > deadline) {
      throw new Error(`No PDF with ${needles.join(', ')} in ${q.outputDir} after ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** The printed paper holds a password: a test removes what it printed. */
export function removePrinted(path: string): void {
  rmSync(path, { force: true });
}

/** A queue the system-dialog stand-in prints to (the printer "chosen in the dialog"). */
export const DIALOG_QUEUE = 'AccessDeskE2EDialog';

/**
 * The real CUPS backend, plus the system print dialog the chromium project cannot open (on a
 * Windows counter SumatraPDF shows Windows' own): the clerk "chooses" `queue` in it, and the
 * document goes there through the same real spooler.
 */
export function withDialogTo(queue: string): PrintBackend {
  const cups = cupsBackend();
  return {
    listPrinters: () => cups.listPrinters(),
    print: (pdf, printer, title) => cups.print(pdf, printer, title),
    async printWithDialog(pdf, title) {
      await cups.print(pdf, queue, title);
      return { jobId: `dialog-${queue}`, printer: SYSTEM_DIALOG };
    },
  };
}
