// A real CUPS queue for the printing tests, through tests/support/cups-setup.sh. As root the
// script runs every time (it is idempotent: starts cupsd if needed, adds the queue if missing);
// as another user it cannot, so the queue must already be there (CI runs the script as root
// before the tests) and this only checks that it is.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pdfText, squash } from '../integration/documents/poppler';

export const CUPS_QUEUE = 'AccessDeskPDF';
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'cups-setup.sh');
const C_ENV = { ...process.env, LC_ALL: 'C' };

export interface CupsQueue {
  queue: string;
  /** Where cups-pdf writes each printed job as a PDF. */
  outputDir: string;
}

const ready = new Map<string, CupsQueue>();

/** The shared test queue (AccessDeskPDF). */
export function setupCups(): CupsQueue {
  return setupCupsQueue(CUPS_QUEUE);
}

/**
 * A cups-pdf queue of the given name. A test that rejects jobs uses a queue of its own, so a
 * print in a test running alongside never meets a queue that refuses it.
 */
export function setupCupsQueue(queue: string): CupsQueue {
  const known = ready.get(queue);
  if (known) return known;
  const isRoot = process.getuid?.() === 0;
  let outputDir = `/var/spool/cups-pdf/${queue}`;
  if (isRoot) {
    const r = spawnSync('sh', [SCRIPT], {
      env: { ...C_ENV, ACCESS_DESK_CUPS_QUEUE: queue },
      encoding: 'utf8',
    });
    if (r.status !== 0)
      throw new Error(`cups-setup.sh failed (${r.status ?? r.signal}): ${r.stderr}`);
    outputDir = r.stdout.trim().split('\n').pop() ?? outputDir;
  } else {
    const v = spawnSync('lpstat', ['-v', queue], { env: C_ENV, encoding: 'utf8' });
    if (v.status !== 0 || !v.stdout.includes(`cups-pdf:/${queue}`) || !existsSync(outputDir)) {
      throw new Error(
        `No ${queue} queue: run "sudo ACCESS_DESK_CUPS_QUEUE=${queue} sh tests/support/cups-setup.sh" first`,
      );
    }
  }
  const q = { queue, outputDir };
  ready.set(queue, q);
  return q;
}

/** The queue refuses new jobs (`lp` fails at once), as a printer taken offline would. */
export function rejectJobs(queue: string, reason: string): void {
  execFileSync('cupsreject', ['-r', reason, queue], { env: C_ENV });
}

export function acceptJobs(queue: string): void {
  execFileSync('cupsaccept', [queue], { env: C_ENV });
  execFileSync('cupsenable', [queue], { env: C_ENV });
}

/** Job ids ("AccessDeskPDF-12") lpstat lists as completed for a queue. */
export function completedJobIds(queue: string): string[] {
  const out = execFileSync('lpstat', ['-W', 'completed', '-o', queue], {
    env: C_ENV,
    encoding: 'utf8',
  });
  return out
    .split('\n')
    .map((l) => l.split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

/** The file cups-pdf wrote for a job: its name ends in "job_<n>.pdf" or starts "job_<n>-". */
export function cupsPdfOutput(outputDir: string, jobId: string): string | undefined {
  const n = /-(\d+)$/.exec(jobId)?.[1];
  if (!n) return undefined;
  const re = new RegExp(`(^|[-_])job_${n}([-.]|$)`);
  const name = readdirSync(outputDir).find((f) => re.test(f) && f.endsWith('.pdf'));
  if (!name) return undefined;
  const path = join(outputDir, name);
  // cups-pdf has Ghostscript write straight into the file: it is there, empty or half
  // written, before the job is done. Only a file that ends its last section counts.
  return complete(path) ? path : undefined;
}

/** A PDF whose last bytes hold the end-of-file marker (gs writes it last). */
function complete(path: string): boolean {
  try {
    const tail = readFileSync(path).subarray(-64).toString('latin1');
    return tail.includes('%%EOF');
  } catch {
    return false;
  }
}

export async function waitFor<T>(
  probe: () => T | undefined,
  timeoutMs: number,
  stepMs = 250,
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/**
 * The PDF cups-pdf wrote to `outputDir` since `since` (ms) whose text holds `needle`
 * (compared without whitespace), with that text; undefined while there is none.
 */
export function printedWith(
  outputDir: string,
  since: number,
  needle: string,
): { path: string; text: string; pdf: Buffer } | undefined {
  for (const name of readdirSync(outputDir)) {
    const path = join(outputDir, name);
    const stat = statSync(path);
    if (!name.endsWith('.pdf') || stat.size === 0 || stat.mtimeMs < since - 1000) continue;
    let text: string;
    let pdf: Buffer;
    try {
      pdf = readFileSync(path);
      text = pdfText(pdf);
    } catch {
      continue; // still being written
    }
    if (squash(text).includes(squash(needle))) return { path, text, pdf };
  }
  return undefined;
}
