// Reading what `lpstat -d -a -l -p` prints. The tools run with LC_ALL=C, so these are the
// English messages of CUPS 2.x (and of macOS, which uses the same tools).
import type { PrinterInfo } from './types';

export function parseLpstat(out: string): PrinterInfo[] {
  let defaultName: string | null = null;
  const accepting = new Map<string, boolean>();
  const printers: PrinterInfo[] = [];
  let current: PrinterInfo | null = null;
  for (const line of out.split('\n')) {
    const dflt = /^system default destination: (\S+)/.exec(line);
    if (dflt?.[1]) {
      defaultName = dflt[1];
      continue;
    }
    const acc = /^(\S+) (not )?accepting requests/.exec(line);
    if (acc?.[1]) {
      accepting.set(acc[1], !acc[2]);
      current = null;
      continue;
    }
    const p = /^printer (\S+) (.*)$/.exec(line);
    if (p?.[1]) {
      const rest = p[2] ?? '';
      const state: PrinterInfo['state'] = rest.startsWith('disabled')
        ? 'stopped'
        : rest.startsWith('now printing')
          ? 'printing'
          : rest.startsWith('is idle')
            ? 'idle'
            : 'unknown';
      current = { name: p[1], isDefault: false, state };
      printers.push(current);
      continue;
    }
    const desc = /^\s+Description: (.*)$/.exec(line);
    if (desc && current) {
      const d = desc[1]?.trim();
      if (d) current.description = d;
    }
  }
  for (const printer of printers) {
    printer.isDefault = printer.name === defaultName;
    // A queue that refuses new jobs is, for the clerk, a printer that will not print.
    if (accepting.get(printer.name) === false) printer.state = 'stopped';
  }
  return printers;
}

/** "request id is Office-42 (0 file(s))" → "Office-42" */
export function parseRequestId(out: string): string | null {
  return /request id is (\S+)/.exec(out)?.[1] ?? null;
}

/** The numeric part CUPS uses to name a job: "Office-42" → 42. */
export function jobNumber(jobId: string): number | null {
  const m = /-(\d+)$/.exec(jobId);
  return m?.[1] ? Number(m[1]) : null;
}
