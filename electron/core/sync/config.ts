// How a workstation reaches the central account database. The settings document holds the
// host, port, database, user, TLS mode and, for a certificate login, the client
// certificate's file; the password and the client certificate's private key are kept by the
// main process with Electron's safeStorage and handed in here. ACCESS_DESK_CENTRAL_URL (a
// postgres:// URL, with libpq's sslcert and sslkey files) overrides all of it, for the
// one-machine demo (`npm run central`) and for CI.
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { z } from 'zod';

export const SslMode = z.enum(['disable', 'require', 'verify-full']);
export type SslMode = z.infer<typeof SslMode>;

export const CentralConfig = z.object({
  host: z.string().trim().min(1),
  port: z.number().int().min(1).max(65535).default(5432),
  database: z.string().trim().min(1),
  user: z.string().trim().min(1),
  password: z.string(),
  ssl: z.object({
    mode: SslMode,
    caFile: z.string().optional(),
    /** The client certificate (PEM), for a certificate login. */
    certFile: z.string().optional(),
    /** Its private key: a file (from the URL), or the unsealed PEM (from the settings). */
    keyFile: z.string().optional(),
    key: z.string().optional(),
  }),
});
export type CentralConfig = z.infer<typeof CentralConfig>;

export const CENTRAL_URL_ENV = 'ACCESS_DESK_CENTRAL_URL';
/** Comma-separated district codes the workstation replicates (overrides the settings). */
export const DISTRICTS_ENV = 'ACCESS_DESK_DISTRICTS';

/** Comma-separated district codes, as typed in the settings or given in the environment. */
export function parseDistricts(raw: string): string[] {
  return [
    ...new Set(
      raw
        .split(',')
        .map((d) => d.trim())
        .filter((d) => d !== ''),
    ),
  ];
}

export function districtsFromEnv(
  env: Record<string, string | undefined> = process.env,
): string[] | null {
  const raw = env[DISTRICTS_ENV];
  if (!raw || raw.trim() === '') return null;
  return parseDistricts(raw);
}

/** The shape of `settings.central` (shared/schemas/settings.ts), without importing it. */
export interface CentralSettings {
  host: string;
  port: number;
  database: string;
  user: string;
  sslMode: SslMode;
  caFile: string;
  certFile?: string;
}

/**
 * `postgres://user:password@host:port/database?sslmode=require&sslrootcert=/path/ca.pem`.
 * libpq's `verify-ca` is read as `verify-full`, `prefer`/`allow` as `require`: we never
 * fall back to plaintext silently.
 */
export function parseCentralUrl(url: string): CentralConfig {
  const u = new URL(url);
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new Error(`${CENTRAL_URL_ENV} must be a postgres:// URL.`);
  }
  const rawMode = u.searchParams.get('sslmode') ?? 'verify-full';
  const mode: SslMode =
    rawMode === 'disable'
      ? 'disable'
      : rawMode === 'verify-ca' || rawMode === 'verify-full'
        ? 'verify-full'
        : 'require';
  const files = {
    caFile: u.searchParams.get('sslrootcert'),
    certFile: u.searchParams.get('sslcert'),
    keyFile: u.searchParams.get('sslkey'),
  };
  return CentralConfig.parse({
    host: decodeURIComponent(u.hostname),
    port: u.port ? Number(u.port) : 5432,
    database: decodeURIComponent(u.pathname.replace(/^\//, '')),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    ssl: {
      mode,
      ...Object.fromEntries(Object.entries(files).filter(([, v]) => v !== null && v !== '')),
    },
  });
}

/** The URL form of a config (with the password: only for a person setting things up). */
export function centralUrl(cfg: CentralConfig): string {
  const q = new URLSearchParams({ sslmode: cfg.ssl.mode });
  if (cfg.ssl.caFile) q.set('sslrootcert', cfg.ssl.caFile);
  if (cfg.ssl.certFile) q.set('sslcert', cfg.ssl.certFile);
  if (cfg.ssl.keyFile) q.set('sslkey', cfg.ssl.keyFile);
  const auth = cfg.password
    ? `${encodeURIComponent(cfg.user)}:${encodeURIComponent(cfg.password)}`
    : encodeURIComponent(cfg.user);
  return `postgres://${auth}@${cfg.host}:${cfg.port}/${encodeURIComponent(cfg.database)}?${q.toString()}`;
}

/** For logs and the status line: never the password. */
export function describeCentral(cfg: CentralConfig): string {
  const cert = cfg.ssl.certFile ? ', client certificate' : '';
  return `${cfg.user}@${cfg.host}:${cfg.port}/${cfg.database} (ssl ${cfg.ssl.mode}${cert})`;
}

/**
 * The config to use, or null when sync is not set up (no host and no env URL): the app
 * then runs with sync 'disabled'.
 */
export function resolveCentralConfig(
  settings: CentralSettings | null,
  password: string | null,
  env: Record<string, string | undefined> = process.env,
  clientKey: string | null = null,
): CentralConfig | null {
  const url = env[CENTRAL_URL_ENV];
  if (url && url.trim() !== '') return parseCentralUrl(url.trim());
  if (!settings || settings.host.trim() === '') return null;
  const cert = settings.certFile ? { certFile: settings.certFile, key: clientKey ?? '' } : {};
  return CentralConfig.parse({
    host: settings.host,
    port: settings.port,
    database: settings.database,
    user: settings.user,
    password: password ?? '',
    ssl: {
      mode: settings.sslMode,
      ...(settings.caFile && { caFile: settings.caFile }),
      ...cert,
    },
  });
}

/**
 * node-postgres' `ssl` option for a mode: `require` encrypts, `verify-full` also checks the
 * server. A client certificate, when there is one, goes with either.
 */
export function tlsOptions(ssl: CentralConfig['ssl']): false | ConnectionOptions {
  if (ssl.mode === 'disable') return false;
  const client: ConnectionOptions = ssl.certFile
    ? {
        cert: readFileSync(ssl.certFile, 'utf8'),
        key: ssl.key ?? (ssl.keyFile ? readFileSync(ssl.keyFile, 'utf8') : ''),
      }
    : {};
  if (ssl.mode === 'require') return { rejectUnauthorized: false, ...client };
  // Node checks the certificate chain and that the host name matches it.
  return ssl.caFile
    ? { rejectUnauthorized: true, ca: readFileSync(ssl.caFile, 'utf8'), ...client }
    : { rejectUnauthorized: true, ...client };
}
