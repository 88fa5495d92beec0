// Runs a CUPS command-line tool with no shell, optional bytes on stdin, and a time limit.
// The PDF goes to `lp` through a pipe, never through a file: the document carries a plaintext
// password, and a pipe leaves nothing behind on the workstation's disk.
import { spawn } from 'node:child_process';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export class ToolMissingError extends Error {
  constructor(readonly tool: string) {
    super(`${tool} not found: is the CUPS client installed?`);
  }
}

/** The tools print English only in the C locale, and we parse what they print. */
function toolEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: 'C', LANG: 'C', LANGUAGE: '' };
}

export function runTool(
  cmd: string,
  args: string[],
  opts: { stdin?: Buffer; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: toolEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let settled = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(() =>
        reject(new Error(`${cmd} did not finish within ${opts.timeoutMs ?? 30_000} ms`)),
      );
    }, opts.timeoutMs ?? 30_000);
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
    };
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (e: NodeJS.ErrnoException) =>
      finish(() => reject(e.code === 'ENOENT' ? new ToolMissingError(cmd) : e)),
    );
    child.on('close', (code) =>
      finish(() =>
        resolve({
          code,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        }),
      ),
    );
    // lp stops reading when CUPS refuses the job up front (no such printer); the broken pipe
    // that follows is not the error worth reporting: lp's own message on stderr is.
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.stdin ?? Buffer.alloc(0));
  });
}
