// A logger per module, writing one JSON object per line. Values are redacted before they are
// written: secrets by key name, passport numbers masked. Messages are fixed English strings;
// anything variable goes into `data`, where redaction can see it.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { redact } from './redact';

export type Level = 'debug' | 'info' | 'warn' | 'error';

export interface LogRecord {
  at: string;
  level: Level;
  module: string;
  msg: string;
  data?: unknown;
}

export interface LogSink {
  write(record: LogRecord): void;
}

export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
  child(module: string): Logger;
}

export function createLogger(
  module: string,
  sinks: LogSink[],
  now: () => Date = () => new Date(),
): Logger {
  const emit = (level: Level, msg: string, data?: Record<string, unknown>): void => {
    const record: LogRecord = { at: now().toISOString(), level, module, msg };
    if (data !== undefined) record.data = redact(data);
    for (const sink of sinks) sink.write(record);
  };
  return {
    debug: (m, d) => emit('debug', m, d),
    info: (m, d) => emit('info', m, d),
    warn: (m, d) => emit('warn', m, d),
    error: (m, d) => emit('error', m, d),
    child: (sub) => createLogger(`${module}.${sub}`, sinks, now),
  };
}

const MAX_LOG_BYTES = 10 * 1024 * 1024;

/** Appends JSON lines to a file; keeps one rotated predecessor (`.1`). */
export function fileSink(path: string): LogSink {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  return {
    write(record) {
      try {
        if ((statSync(path, { throwIfNoEntry: false })?.size ?? 0) > MAX_LOG_BYTES) {
          renameSync(path, `${path}.1`);
        }
        appendFileSync(path, `${JSON.stringify(record)}\n`, { mode: 0o600 });
      } catch {
        // A full disk must not take the counter down; the audit chain is the record that matters.
      }
    },
  };
}

export function consoleSink(minLevel: Level = 'info'): LogSink {
  const order: Level[] = ['debug', 'info', 'warn', 'error'];
  return {
    write(record) {
      if (order.indexOf(record.level) < order.indexOf(minLevel)) return;
      process.stderr.write(`${JSON.stringify(record)}\n`);
    },
  };
}

/** Keeps records in memory: for tests, and for the supervisor's "recent errors" view. */
export function memorySink(limit = 1000): LogSink & { records: LogRecord[] } {
  const records: LogRecord[] = [];
  return {
    records,
    write(record) {
      records.push(record);
      if (records.length > limit) records.shift();
    },
  };
}
