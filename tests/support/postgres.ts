// A throwaway PostgreSQL cluster for integration tests and benchmarks. The server binaries
// refuse to run as root, so on a root CI machine every server command runs as the `postgres`
// user through `runuser`, in a temp dir that user owns. The server listens on 127.0.0.1
// only, on a free port, with its unix socket inside the temp dir, and the superuser signs
// in with a password over TCP (scram) just as a workstation would.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const SUPERUSER = 'postgres';

export interface TestPostgres {
  host: string;
  port: number;
  user: string;
  password: string;
  dataDir: string;
  /** A connection string for `database` as the superuser (or as `user`/`password`). */
  url(database?: string, user?: string, password?: string): string;
  createDatabase(name: string): Promise<void>;
  /** Clean shutdown (`pg_ctl stop -m fast`). */
  stop(): void;
  /** A crash: `pg_ctl stop -m immediate`, no checkpoint; the next start runs recovery. */
  kill(): void;
  /** Starts the server again on the same data dir and port. */
  start(): void;
  running(): boolean;
  /** Stops the server and deletes the data dir. */
  destroy(): void;
  /** Puts lines in front of pg_hba.conf (the first match wins) and reloads the server. */
  hba(lines: string[]): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() =>
        addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port')),
      );
    });
  });
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a server binary as `postgres` when we are root, as ourselves otherwise. */
function pgCmd(bin: string, args: string[]): { file: string; args: string[] } {
  const path = join(BIN, bin);
  return asRoot
    ? { file: 'runuser', args: ['-u', 'postgres', '--', path, ...args] }
    : { file: path, args };
}

function run(bin: string, args: string[], allowFail = false): void {
  const c = pgCmd(bin, args);
  const r = spawnSync(c.file, c.args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0 && !allowFail) {
    throw new Error(`${bin} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  }
}

const live = new Set<TestPostgres>();
let exitHook = false;

/** A throwaway CA and a server certificate for 127.0.0.1/localhost, for TLS tests. */
export interface TestTls {
  caFile: string;
  /** The CA's key, for tests that issue client certificates. */
  caKeyFile: string;
  certFile: string;
  keyFile: string;
}

function makeTls(root: string): TestTls {
  const f = (n: string): string => join(root, n);
  const ssl = (args: string[]): void => {
    execFileSync('openssl', args, { stdio: 'ignore' });
  };
  ssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=Access Desk test CA',
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.pem'),
  ]);
  ssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=localhost',
    '-keyout',
    f('server.key'),
    '-out',
    f('server.csr'),
  ]);
  writeFileSync(f('san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  ssl([
    'x509',
    '-req',
    '-in',
    f('server.csr'),
    '-CA',
    f('ca.pem'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    f('san.ext'),
    '-out',
    f('server.pem'),
  ]);
  chmodSync(f('server.key'), 0o600);
  return {
    caFile: f('ca.pem'),
    caKeyFile: f('ca.key'),
    certFile: f('server.pem'),
    keyFile: f('server.key'),
  };
}

export async function startPostgres(
  opts: {
    prefix?: string;
    tls?: boolean;
    /** With tls: trust client certificates signed by the test CA (ssl_ca_file). */
    clientCerts?: boolean;
  } = {},
): Promise<TestPostgres & { tls: TestTls | null }> {
  const root = mkdtempSync(join(tmpdir(), opts.prefix ?? 'access-desk-pg-'));
  const dataDir = join(root, 'data');
  const sockDir = join(root, 'sock');
  mkdirSync(sockDir);
  const password = randomBytes(18).toString('base64url');
  const pwFile = join(root, 'pw');
  writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  const tls = opts.tls ? makeTls(root) : null;
  if (asRoot) {
    execFileSync('chown', ['-R', 'postgres:postgres', root]);
    chmodSync(root, 0o700);
  }
  run('initdb', [
    '-D',
    dataDir,
    '-U',
    SUPERUSER,
    `--pwfile=${pwFile}`,
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
    '--no-instructions',
  ]);
  rmSync(pwFile, { force: true });
  const port = await freePort();
  // fsync=off is safe against a server crash (the OS keeps the page cache), which is the
  // only crash these tests cause; synchronous_commit stays on, so a commit the client saw
  // survives `kill()`.
  const options = [
    `-p ${port}`,
    `-c listen_addresses=127.0.0.1`,
    `-c unix_socket_directories=${sockDir}`,
    '-c fsync=off',
    '-c full_page_writes=off',
    '-c max_connections=60',
    '-c shared_buffers=64MB',
    '-c log_min_messages=warning',
    '-c max_wal_size=1GB',
    ...(tls
      ? ['-c ssl=on', `-c ssl_cert_file=${tls.certFile}`, `-c ssl_key_file=${tls.keyFile}`]
      : []),
    ...(tls && opts.clientCerts ? [`-c ssl_ca_file=${tls.caFile}`] : []),
  ].join(' ');
  const logFile = join(root, 'server.log');
  let up = false;

  const pg$: TestPostgres & { tls: TestTls | null } = {
    tls,
    host: '127.0.0.1',
    port,
    user: SUPERUSER,
    password,
    dataDir,
    url(database = 'postgres', user = SUPERUSER, pass = password) {
      return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@127.0.0.1:${port}/${database}`;
    },
    async createDatabase(name) {
      const c = new pg.Client({ connectionString: pg$.url() });
      await c.connect();
      try {
        await c.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await c.end();
      }
    },
    start() {
      run('pg_ctl', ['-D', dataDir, '-l', logFile, '-o', options, '-w', '-t', '60', 'start']);
      up = true;
    },
    stop() {
      if (!up) return;
      run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop'], true);
      up = false;
    },
    kill() {
      if (!up) return;
      run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], true);
      up = false;
    },
    running: () => up,
    async hba(lines) {
      const file = join(dataDir, 'pg_hba.conf');
      writeFileSync(file, `${lines.join('\n')}\n${readFileSync(file, 'utf8')}`);
      const c = new pg.Client({ connectionString: pg$.url() });
      await c.connect();
      try {
        await c.query('SELECT pg_reload_conf()');
      } finally {
        await c.end();
      }
    },
    destroy() {
      pg$.kill();
      live.delete(pg$);
      rmSync(root, { recursive: true, force: true });
    },
  };
  pg$.start();
  live.add(pg$);
  if (!exitHook) {
    exitHook = true;
    // A test run that dies early must not leave servers behind.
    process.on('exit', () => {
      for (const p of live) {
        if (existsSync(p.dataDir)) p.kill();
      }
    });
  }
  return pg$;
}
