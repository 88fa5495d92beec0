// Reads the machine-wide policy once, at start-up (shared/schemas/policy.ts). A policy that
// does not parse or does not validate stops the app with the key and the reason: a counter
// must never run with half of what IT meant (a centre without its districts, an office code
// from the settings and a connection from the policy).
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Policy } from '../../../shared/schemas/policy';

export const LINUX_POLICY_FILE = '/etc/access-desk/policy.json';
export const WINDOWS_POLICY_KEY = 'HKLM\\SOFTWARE\\Policies\\AccessDesk';

export class PolicyError extends Error {
  constructor(
    readonly source: string,
    readonly problems: { key: string; reason: string }[],
  ) {
    super(
      `The machine policy (${source}) is not valid: ${problems.map((p) => `${p.key}: ${p.reason}`).join('; ')}`,
    );
    this.name = 'PolicyError';
  }
}

export interface PolicySources {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** The file's text, or null when there is none. */
  readFile?: (path: string) => string | null;
  /** `reg query KEY /s` output, or null when the key does not exist. */
  queryRegistry?: (key: string) => string | null;
}

function readIfThere(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function regQuery(key: string): string | null {
  try {
    return execFileSync('reg', ['query', key, '/s'], { encoding: 'utf8', windowsHide: true });
  } catch {
    return null; // the key does not exist
  }
}

/**
 * `reg query` output as a policy document. Values are named by their key path
 * ("central.url", "portalUrl"); REG_DWORD is a number (1/0 for updates), a district list is a
 * comma-separated REG_SZ or a REG_MULTI_SZ.
 */
export function parseRegistry(out: string): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const line of out.split(/\r?\n/)) {
    const m = /^\s+(\S+)\s+(REG_SZ|REG_EXPAND_SZ|REG_DWORD|REG_MULTI_SZ)\s*(.*)$/.exec(line);
    if (!m) continue;
    const [, name, type, raw = ''] = m;
    let value: unknown = raw.trim();
    if (type === 'REG_DWORD') value = Number.parseInt(raw.trim(), 16);
    if (name === 'updates' && typeof value === 'number') value = value !== 0;
    if (name === 'districts')
      value = String(value)
        .split(type === 'REG_MULTI_SZ' ? '\\0' : ',')
        .map((d) => d.trim())
        .filter(Boolean);
    const path = name!.split('.');
    let at = doc;
    for (const part of path.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
    at[path.at(-1)!] = value;
  }
  return doc;
}

function parseJson(text: string, source: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    throw new PolicyError(source, [{ key: '(file)', reason: 'must be a JSON object' }]);
  } catch (e) {
    if (e instanceof PolicyError) throw e;
    throw new PolicyError(source, [{ key: '(file)', reason: `not JSON: ${(e as Error).message}` }]);
  }
}

/** The policy, or null when IT set none; throws PolicyError for one that is not valid. */
export function readMachinePolicy(s: PolicySources): Policy | null {
  const readFile = s.readFile ?? readIfThere;
  let doc: Record<string, unknown> | null = null;
  let source: string;
  if (s.platform === 'win32') {
    const file = join(s.env.ProgramData ?? 'C:\\ProgramData', 'AccessDesk', 'policy.json');
    const text = readFile(file);
    const reg = (s.queryRegistry ?? regQuery)(WINDOWS_POLICY_KEY);
    const fromFile = text === null ? null : parseJson(text, file);
    const fromReg = reg === null ? null : parseRegistry(reg);
    source = [fromReg && WINDOWS_POLICY_KEY, fromFile && file].filter(Boolean).join(' + ');
    // Group Policy (the registry) over the file, key by key; central as one block.
    if (fromFile || fromReg) doc = { ...fromFile, ...fromReg };
  } else {
    source = LINUX_POLICY_FILE;
    const text = readFile(source);
    if (text !== null) doc = parseJson(text, source);
  }
  if (!doc) return null;
  const parsed = Policy.safeParse(doc);
  if (!parsed.success)
    throw new PolicyError(
      source,
      parsed.error.issues.map((i) => ({
        key: i.path.length ? i.path.join('.') : '(policy)',
        reason: i.message,
      })),
    );
  return parsed.data;
}
