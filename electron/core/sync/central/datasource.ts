// The central database through TypeORM's `postgres` driver (node-postgres underneath). No
// entities: the workstation talks to the centre only through SQL functions and plain
// SELECTs, so raw queries on a query runner are all it needs.
import type { TlsOptions } from 'node:tls';
import { DataSource } from 'typeorm';
import { type CentralConfig, tlsOptions } from '../config';
import { centralMigrations } from './migrations';

export interface CentralOptions {
  poolSize?: number;
  applicationName?: string;
  /** Fail a connection attempt after this long (a dead link must not hang a sync cycle). */
  connectTimeoutMs?: number;
  /** Fail a statement after this long, at the server and in the client. */
  statementTimeoutMs?: number;
  /** The migrations it knows (all by default; a migration's test stops at the one before). */
  migrations?: typeof centralMigrations;
}

export function centralDataSource(cfg: CentralConfig, opts: CentralOptions = {}): DataSource {
  const statementTimeout = opts.statementTimeoutMs ?? 60_000;
  return new DataSource({
    type: 'postgres',
    host: cfg.host,
    port: cfg.port,
    database: cfg.database,
    username: cfg.user,
    password: cfg.password,
    ssl: tlsOptions(cfg.ssl) as boolean | TlsOptions,
    poolSize: opts.poolSize ?? 3,
    connectTimeoutMS: opts.connectTimeoutMs ?? 5_000,
    applicationName: opts.applicationName ?? 'access-desk',
    synchronize: false,
    migrationsRun: false,
    migrations: opts.migrations ?? centralMigrations,
    migrationsTableName: 'schema_migrations',
    entities: [],
    logging: false,
    extra: {
      statement_timeout: statementTimeout,
      // The server-side timeout cannot fire when the server is gone; this one can.
      query_timeout: statementTimeout + 5_000,
      keepAlive: true,
      idleTimeoutMillis: 30_000,
    },
  });
}
