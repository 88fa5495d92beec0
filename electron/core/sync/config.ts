// How a workstation reaches the central account database. The settings document holds the
// host, port, database, user and TLS mode; the password is kept by the main process with
// Electron's safeStorage and handed in here. ACCESS_DESK_CENTRAL_URL (a postgres:// URL)
// overrides both, for the one-machine demo (`npm run central`) and for CI.
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
  ssl: z.object({ mode: SslMode, caFile: z.string().optional() }),
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
  const caFile = u.searchParams.get('sslrootcert') ?? undefined;
  return CentralConfig.parse({
    host: decodeURIComponent(u.hostname),
    port: u.port ? Number(u.port) : 5432,
    database: decodeURIComponent(u.pathname.replace(/^\//, '')),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    ssl: caFile ? { mode, caFile } : { mode },
  });
}

/** The URL form of a config (with the password: only for a person setting things up). */
export function centralUrl(cfg: CentralConfig): string {
  const q = new URLSearchParams({ sslmode: cfg.ssl.mode });
  if (cfg.ssl.caFile) q.set('sslrootcert', cfg.ssl.caFile);
  const auth = `${encodeURIComponent(cfg.user)}:${encodeURIComponent(cfg.password)}`;
  return `postgres://${auth}@${cfg.host}:${cfg.port}/${encodeURIComponent(cfg.database)}?${q.toString()}`;
}

/** For logs and the status line: never the password. */
export function describeCentral(cfg: CentralConfig): string {
  return `${cfg.user}@${cfg.host}:${cfg.port}/${cfg.database} (ssl ${cfg.ssl.mode})`;
}

/**
 * The config to use, or null when sync is not set up (no host and no env URL): the app
 * then runs with sync 'disabled'.
 */
export function resolveCentralConfig(
  settings: CentralSettings | null,
  password: string | null,
  env: Record<string, string | undefined> = process.env,
): CentralConfig | null {
  const url = env[CENTRAL_URL_ENV];
  if (url && url.trim() !== '') return parseCentralUrl(url.trim());
  if (!settings || settings.host.trim() === '') return null;
  return CentralConfig.parse({
    host: settings.host,
    port: settings.port,
    database: settings.database,
    user: settings.user,
    password: password ?? '',
    ssl: settings.caFile
      ? { mode: settings.sslMode, caFile: settings.caFile }
      : { mode: settings.sslMode },
  });
}

/** node-postgres' `ssl` option for a mode: `require` encrypts, `verify-full` also checks. */
export function tlsOptions(ssl: CentralConfig['ssl']): false | ConnectionOptions {
  switch (ssl.mode) {
    case 'disable':
      return false;
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-full':
      // Node checks the certificate chain and that the host name matches it.
      return ssl.caFile
        ? { rejectUnauthorized: true, ca: readFileSync(ssl.caFile, 'utf8') }
        : { rejectUnauthorized: true };
  }
}
