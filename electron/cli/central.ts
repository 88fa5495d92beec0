// `npm run central`: a central account database on this machine, for trying sync with one
// computer. Creates a PostgreSQL cluster in a data dir (default ~/.access-desk/central),
// starts it on 127.0.0.1, migrates it, creates the workstation login, loads the demo
// registry (the same generator the app seeds from), and prints the connection string the
// app should use. Run it again to start the server after a reboot (nothing is reloaded);
// `--stop` stops it.
//
//   npm run central -- [--data DIR (default ~/.access-desk/central)] [--port 55432] [--accounts 20000] [--reload] [--stop]
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { generateRegistry } from '../core/registry/generator';
import { createWorkstationLogin } from '../core/sync/central/admin';
import { centralDataSource, migrateCentral } from '../core/sync/central/datasource';
import { WORKSTATION_ROLE } from '../core/sync/central/migrations/0004-roles';
import { loadCentralRegistry } from '../core/sync/central/registry-load';
import {
  CENTRAL_URL_ENV,
  type CentralConfig,
  centralUrl,
  DISTRICTS_ENV,
} from '../core/sync/config';

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
// As root the server runs as `postgres`, which cannot enter /root: use a shared place then.
const defaultData = asRoot
  ? '/var/lib/access-desk/central'
  : join(homedir(), '.access-desk', 'central');

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: defaultData },
    port: { type: 'string', default: '55432' },
    accounts: { type: 'string', default: '20000' },
    'pg-bin': { type: 'string' },
    reload: { type: 'boolean', default: false },
    stop: { type: 'boolean', default: false },
  },
});

const DB = 'access_desk';
const dataRoot = resolve(args.data);
const pgData = join(dataRoot, 'pgdata');
const port = Number(args.port);

function pgBin(): string {
  if (args['pg-bin']) return args['pg-bin'];
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => /^\d+$/.test(v))
      .sort((x, y) => Number(y) - Number(x));
    for (const v of versions)
      if (existsSync(join(base, v, 'bin', 'pg_ctl'))) return join(base, v, 'bin');
  }
  return ''; // rely on PATH
}

/** The server refuses to run as root; as root, it runs as the `postgres` user. */
function server(bin: string, argv: string[], check = true): { status: number | null; out: string } {
  const path = pgBin() ? join(pgBin(), bin) : bin;
  const [file, full] = asRoot ? ['runuser', ['-u', 'postgres', '--', path, ...argv]] : [path, argv];
  const r = spawnSync(file, full, { encoding: 'utf8' });
  if (check && r.status !== 0) throw new Error(`${bin} failed: ${r.stderr || r.stdout}`);
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function secret(name: string): string {
  const file = join(dataRoot, name);
  if (!existsSync(file))
    writeFileSync(file, randomBytes(18).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

function running(): boolean {
  return existsSync(pgData) && server('pg_ctl', ['-D', pgData, 'status'], false).status === 0;
}

async function main(): Promise<void> {
  if (args.stop) {
    if (running()) server('pg_ctl', ['-D', pgData, '-m', 'fast', '-w', 'stop']);
    process.stdout.write('The central database is stopped.\n');
    return;
  }
  mkdirSync(dataRoot, { recursive: true, mode: 0o700 });
  const superPassword = secret('superuser-password');
  const wsPassword = secret('workstation-password');
  if (asRoot) execFileSync('chown', ['postgres:postgres', dataRoot]);

  if (!existsSync(join(pgData, 'PG_VERSION'))) {
    const pwFile = join(dataRoot, '.initdb-pw');
    writeFileSync(pwFile, `${superPassword}\n`, { mode: 0o600 });
    if (asRoot) execFileSync('chown', ['postgres:postgres', pwFile]);
    try {
      server('initdb', [
        '-D',
        pgData,
        '-U',
        'postgres',
        `--pwfile=${pwFile}`,
        '--auth=scram-sha-256',
        '-E',
        'UTF8',
        '--locale=C.UTF-8',
      ]);
    } finally {
      rmSync(pwFile, { force: true });
    }
    process.stdout.write(`Created a PostgreSQL cluster in ${pgData}\n`);
  }
  if (!running()) {
    const sock = join(dataRoot, 'sock');
    mkdirSync(sock, { recursive: true });
    if (asRoot) execFileSync('chown', ['postgres:postgres', sock]);
    chmodSync(sock, 0o700);
    const opts = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${sock}`;
    server('pg_ctl', [
      '-D',
      pgData,
      '-l',
      join(pgData, 'server.log'),
      '-o',
      opts,
      '-w',
      '-t',
      '60',
      'start',
    ]);
    process.stdout.write(`Started PostgreSQL on 127.0.0.1:${port}\n`);
  }

  const admin: CentralConfig = {
    host: '127.0.0.1',
    port,
    database: DB,
    user: 'postgres',
    password: superPassword,
    ssl: { mode: 'disable' },
  };
  const c = new pg.Client({
    host: admin.host,
    port,
    user: admin.user,
    password: superPassword,
    database: 'postgres',
  });
  await c.connect();
  const exists = await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [DB]);
  if (exists.rowCount === 0) await c.query(`CREATE DATABASE ${DB}`);
  await c.end();

  const done = await migrateCentral(admin);
  if (done.length) process.stdout.write(`Migrated: ${done.join(', ')}\n`);
  const ds = centralDataSource(admin, { poolSize: 2, statementTimeoutMs: 600_000 });
  await ds.initialize();
  try {
    await createWorkstationLogin(ds, WORKSTATION_ROLE, wsPassword);
    const [{ n } = { n: 0 }] = await ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM account`,
    );
    if (n === 0 || args.reload) {
      const accounts = Number(args.accounts);
      process.stdout.write(`Loading the demo registry (${accounts} accounts)…\n`);
      const t0 = performance.now();
      const r = await loadCentralRegistry(ds, generateRegistry({ accounts, batchSize: 5_000 }), {
        feed: n > 0,
      });
      process.stdout.write(
        `Loaded ${r.accounts} accounts and ${r.residents} residents in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
      );
    }
    const districts = await ds.query<{ code: string; n: number }[]>(
      `SELECT district_code AS code, count(*)::int AS n FROM account GROUP BY 1 ORDER BY 2 DESC LIMIT 5`,
    );
    const url = centralUrl({ ...admin, user: WORKSTATION_ROLE, password: wsPassword });
    process.stdout.write(
      [
        '',
        'Point the app at it (the variable overrides the settings):',
        `  export ${CENTRAL_URL_ENV}='${url}'`,
        'or, in Settings → Central database: host 127.0.0.1, port ' +
          String(port) +
          `, database ${DB},`,
        `  user ${WORKSTATION_ROLE}, TLS disable (loopback only), password in ${join(dataRoot, 'workstation-password')}`,
        `and the districts the office replicates (the busiest: ${districts.map((d) => `${d.code} ${d.n}`).join(', ')}):`,
        `  export ${DISTRICTS_ENV}='${districts
          .slice(0, 2)
          .map((d) => d.code)
          .join(',')}'`,
        'Stop it with: npm run central -- --stop',
        '',
      ].join('\n'),
    );
  } finally {
    await ds.destroy();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
