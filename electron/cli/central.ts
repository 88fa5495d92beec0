// `npm run central`: a central account database on this machine, for trying sync with one
// computer, and IT's commands for the centre's workstation registry (docs/security.md).
//
// Without a command it creates a PostgreSQL cluster in a data dir (default
// ~/.access-desk/central), starts it on 127.0.0.1, migrates it, loads the demo registry (the
// same generator the app seeds from), enrols one demo workstation for its two busiest
// districts, and prints the lines the app needs. Run it again to start the server after a
// reboot (nothing is reloaded); `--stop` stops it.
//
//   npm run central -- [--data DIR] [--port 55432] [--accounts 20000] [--reload] [--stop]
//   npm run central -- [--data DIR] [--port N] workstation add --office OFFICE --districts D1,D2
//                      [--name TEXT] [--auth password|certificate]
//                      [--ca-cert FILE --ca-key FILE --cert-dir DIR] [--host HOST]
//   npm run central -- workstation list | disable LOGIN | enable LOGIN | unbind LOGIN
//   npm run central -- workstation retire-shared
//   npm run central -- limits [--clerk-per-hour N] [--workstation-per-hour N]
//   npm run central -- held list | held release OPID… | held refuse OPID…
//   npm run central -- security [--limit 50]
//   npm run central -- destroy-due [--retention-days 1826]   (the centre's daily run; cron it)
//
// `workstation add` prints the new login's connection URL once, as a postgres:// URL on its
// own line; the password is in it and nowhere else.
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
import type { DataSource } from 'typeorm';
import { generateRegistry } from '../core/registry/generator';
import { centralDataSource } from '../core/sync/central/datasource';
import {
  decideHeld,
  EnrolError,
  type Enrolment,
  enrolWorkstation,
  issueClientCertificate,
  listWorkstations,
  retireSharedLogin,
  setCeilings,
  setWorkstationEnabled,
  sharedLoginTrusted,
  unbindWorkstation,
} from '../core/sync/central/enrol';
import { migrateCentral } from '../core/sync/central/migrate';
import { loadCentralRegistry } from '../core/sync/central/registry-load';
import { CENTRAL_URL_ENV, type CentralConfig, centralUrl } from '../core/sync/config';
import { DEFAULT_RETENTION_DAYS } from '../../shared/schemas/settings';

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
// As root the server runs as `postgres`, which cannot enter /root: use a shared place then.
const defaultData = asRoot
  ? '/var/lib/access-desk/central'
  : join(homedir(), '.access-desk', 'central');

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    data: { type: 'string', default: defaultData },
    port: { type: 'string', default: '55432' },
    accounts: { type: 'string', default: '20000' },
    'pg-bin': { type: 'string' },
    reload: { type: 'boolean', default: false },
    stop: { type: 'boolean', default: false },
    office: { type: 'string' },
    districts: { type: 'string' },
    name: { type: 'string' },
    auth: { type: 'string', default: 'password' },
    host: { type: 'string', default: '127.0.0.1' },
    'ca-cert': { type: 'string' },
    'ca-key': { type: 'string' },
    'cert-dir': { type: 'string' },
    'clerk-per-hour': { type: 'string' },
    'workstation-per-hour': { type: 'string' },
    limit: { type: 'string', default: '50' },
    'retention-days': { type: 'string', default: String(DEFAULT_RETENTION_DAYS) },
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

/** The cluster exists, runs, and its database is migrated: an owner connection to it. */
async function ensureCentre(): Promise<{ ds: DataSource; admin: CentralConfig }> {
  mkdirSync(dataRoot, { recursive: true, mode: 0o700 });
  const superPassword = secret('superuser-password');
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
    say(`Created a PostgreSQL cluster in ${pgData}`);
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
    say(`Started PostgreSQL on 127.0.0.1:${port}`);
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
  if (done.length) say(`Migrated: ${done.join(', ')}`);
  const ds = centralDataSource(admin, { poolSize: 2, statementTimeoutMs: 600_000 });
  await ds.initialize();
  return { ds, admin };
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** The URL a workstation uses to reach this centre with its own login. */
function workstationUrl(
  admin: CentralConfig,
  e: Enrolment,
  certs?: { certFile: string; keyFile: string },
): string {
  return centralUrl({
    ...admin,
    host: args.host,
    user: e.login,
    password: e.password ?? '',
    ssl:
      e.auth === 'certificate'
        ? {
            mode: 'verify-full',
            ...(certs ?? {
              certFile: `${e.login}.crt`,
              keyFile: `${e.login}.key`,
            }),
          }
        : admin.ssl,
  });
}

async function demo(ds: DataSource, admin: CentralConfig): Promise<void> {
  const [{ n } = { n: 0 }] = await ds.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM account`,
  );
  if (n === 0 || args.reload) {
    const accounts = Number(args.accounts);
    say(`Loading the demo registry (${accounts} accounts)…`);
    const t0 = performance.now();
    const r = await loadCentralRegistry(ds, generateRegistry({ accounts, batchSize: 5_000 }), {
      feed: n > 0,
    });
    say(
      `Loaded ${r.accounts} accounts and ${r.residents} residents in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
  // The demo workstation is enrolled once, like any other, for the two busiest districts;
  // its URL is kept (0600) so that every run can print it again.
  const urlFile = join(dataRoot, 'demo-workstation.url');
  if (!existsSync(urlFile)) {
    const districts = await ds.query<{ code: string }[]>(
      `SELECT district_code AS code FROM account GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 2`,
    );
    const e = await enrolWorkstation(ds, {
      office: 'MSK-001',
      officeName: 'Расчётный центр (демо)',
      districts: districts.map((d) => d.code),
      name: 'demo counter',
    });
    writeFileSync(urlFile, `${workstationUrl(admin, e)}\n`, { mode: 0o600 });
    say(
      `Enrolled the demo workstation ${e.login} for office MSK-001, districts ${e.districts.join(', ')}`,
    );
  }
  const url = readFileSync(urlFile, 'utf8').trim();
  say(
    [
      '',
      'Point the app at it (the variable overrides the settings; the centre tells the app its',
      'office and districts):',
      `  export ${CENTRAL_URL_ENV}='${url}'`,
      `More workstations: npm run central -- workstation add --office MSK-001 --districts D1,D2`,
      'Stop it with: npm run central -- --stop',
      '',
    ].join('\n'),
  );
  if (await sharedLoginTrusted(ds))
    say(
      'This centre still trusts the shared workstation login of an older version; once every\n' +
        'workstation has its own: npm run central -- workstation retire-shared\n',
    );
}

function need(name: 'office' | 'districts'): string {
  const v = args[name];
  if (!v) throw new EnrolError(`workstation add needs --${name}.`);
  return v;
}

async function workstationCommand(
  ds: DataSource,
  admin: CentralConfig,
  rest: string[],
): Promise<void> {
  const [verb, login] = rest;
  switch (verb) {
    case 'add': {
      const auth = args.auth === 'certificate' ? 'certificate' : 'password';
      const e = await enrolWorkstation(ds, {
        office: need('office'),
        districts: need('districts').split(','),
        ...(args.name !== undefined && { name: args.name }),
        auth,
      });
      let certs: { certFile: string; keyFile: string } | undefined;
      if (auth === 'certificate' && args['ca-cert'] && args['ca-key']) {
        certs = issueClientCertificate(
          e.login,
          { certFile: args['ca-cert'], keyFile: args['ca-key'] },
          resolve(args['cert-dir'] ?? '.'),
        );
      }
      process.stderr.write(
        `Enrolled ${e.login} for office ${e.office}, districts ${e.districts.join(', ')}.\n` +
          (auth === 'certificate'
            ? certs
              ? `Client certificate ${certs.certFile}, key ${certs.keyFile} (CN=${e.login}).\n`
              : `Issue it a client certificate with CN=${e.login} from the CA the centre trusts.\n`
            : 'The password is in the URL below and is not shown again.\n'),
      );
      say(workstationUrl(admin, e, certs));
      return;
    }
    case 'list': {
      for (const w of await listWorkstations(ds))
        say(
          [
            w.login,
            w.enabled ? 'enabled' : 'disabled',
            `office ${w.office}`,
            `districts ${w.districts.join(',')}`,
            w.auth,
            `bound ${w.workstationId ?? '-'}`,
            `created ${w.createdAt}`,
            `last seen ${w.lastSeenAt ?? 'never'}`,
            w.name,
          ].join('\t'),
        );
      return;
    }
    case 'disable':
    case 'enable': {
      if (!login) throw new EnrolError(`workstation ${verb} needs the login.`);
      const r = await setWorkstationEnabled(ds, login, verb === 'enable');
      say(
        verb === 'enable'
          ? `${login} can connect again.`
          : `${login} can no longer connect; ${r.terminated} open session(s) ended.`,
      );
      return;
    }
    case 'unbind': {
      if (!login) throw new EnrolError('workstation unbind needs the login.');
      await unbindWorkstation(ds, login);
      say(`${login} will be bound to the next installation that connects with it.`);
      return;
    }
    case 'retire-shared': {
      const r = await retireSharedLogin(ds);
      say(`The shared workstation login has no access any more; ${r.terminated} session(s) ended.`);
      return;
    }
    default:
      throw new EnrolError('workstation: add, list, disable, enable, unbind or retire-shared.');
  }
}

async function main(): Promise<void> {
  if (args.stop) {
    if (running()) server('pg_ctl', ['-D', pgData, '-m', 'fast', '-w', 'stop']);
    say('The central database is stopped.');
    return;
  }
  const [command, ...rest] = positionals;
  const { ds, admin } = await ensureCentre();
  try {
    switch (command) {
      case undefined:
        return await demo(ds, admin);
      case 'workstation':
        return await workstationCommand(ds, admin, rest);
      case 'limits': {
        const num = (v: string | undefined): number | undefined =>
          v === undefined ? undefined : Number(v);
        const c = await setCeilings(ds, {
          clerkPerHour: num(args['clerk-per-hour']),
          workstationPerHour: num(args['workstation-per-hour']),
        });
        say(
          `issues and resets per hour: ${c.clerkPerHour} per clerk, ${c.workstationPerHour} per workstation`,
        );
        return;
      }
      case 'held': {
        const [verb, ...ids] = rest;
        if (verb === 'release' || verb === 'refuse') {
          const by = `it:${process.env.USER ?? 'admin'}`;
          for (const d of await decideHeld(ds, ids, by, verb === 'release'))
            say(`${d.opId}\t${d.status}${d.code ? `\t${d.code}` : ''}`);
          return;
        }
        const [r] = await ds.query<{ r: { held: Record<string, unknown>[] } }[]>(
          `SELECT sync_office_review(500) AS r`,
        );
        for (const h of r?.r.held ?? [])
          say(
            [
              h.opId,
              h.heldAt,
              h.reason,
              h.workstationId,
              h.clerkName ?? h.clerkId,
              h.payerCode,
            ].join('\t'),
          );
        return;
      }
      case 'security': {
        const [r] = await ds.query<{ r: { events: Record<string, unknown>[] } }[]>(
          `SELECT sync_office_review($1) AS r`,
          [Number(args.limit)],
        );
        for (const e of r?.r.events ?? [])
          say([e.at, e.kind, e.code ?? '', e.login, e.detail].join('\t'));
        return;
      }
      case 'destroy-due': {
        // What a consent covered, due by the centre's clock (docs/personal-data.md).
        const rows = await ds.query<{ consent_id: string; account_id: string; reason: string }[]>(
          `SELECT * FROM pd_destroy_due($1)`,
          [Number(args['retention-days'])],
        );
        for (const r of rows) say(`${r.consent_id}\t${r.account_id}\t${r.reason}`);
        say(`destroyed: ${rows.length}`);
        return;
      }
      default:
        throw new EnrolError(
          `Unknown command ${command}: workstation, limits, held, security or destroy-due.`,
        );
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
