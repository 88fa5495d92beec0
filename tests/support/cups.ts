// A real CUPS queue for the printing tests, through tests/support/cups-setup.sh. As root the
// script runs every time (it is idempotent: starts cupsd if needed, adds the queue if missing);
// as another user it cannot, so the queue must already be there (CI runs the script as root
// before the tests) and this only checks that it is.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CUPS_QUEUE = 'AccessDeskPDF';
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'cups-setup.sh');
const C_ENV = { ...process.env, LC_ALL: 'C' };

export interface CupsQueue {
  queue: string;
  /** Where cups-pdf writes each printed job as a PDF. */
  outputDir: string;
}

let cached: CupsQueue | undefined;

export function setupCups(): CupsQueue {
  if (cached) return cached;
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    const r = spawnSync('sh', [SCRIPT], {
      env: { ...C_ENV, ACCESS_DESK_CUPS_QUEUE: CUPS_QUEUE },
      encoding: 'utf8',
    });
    if (r.status !== 0)
      throw new Error(`cups-setup.sh failed (${r.status ?? r.signal}): ${r.stderr}`);
    const outputDir = r.stdout.trim().split('\n').pop() ?? '';
    cached = { queue: CUPS_QUEUE, outputDir };
    return cached;
  }
  const v = spawnSync('lpstat', ['-v', CUPS_QUEUE], { env: C_ENV, encoding: 'utf8' });
  const outputDir = `/var/spool/cups-pdf/${CUPS_QUEUE}`;
  if (v.status !== 0 || !v.stdout.includes(`cups-pdf:/${CUPS_QUEUE}`) || !existsSync(outputDir)) {
    throw new Error(`No ${CUPS_QUEUE} queue: run "sudo sh tests/support/cups-setup.sh" first`);
  }
  cached = { queue: CUPS_QUEUE, outputDir };
  return cached;
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
  return name ? join(outputDir, name) : undefined;
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
