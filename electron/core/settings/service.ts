import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../../shared/errors';
import { managedSettings, type Policy } from '../../../shared/schemas/policy';
import { Settings, type SettingsPatch } from '../../../shared/schemas/settings';
import { parseCentralUrl } from '../sync/config';
import { Office, Setting } from '../db/entities';
import type { Store } from '../db/store';

const APP_KEY = 'app';

/**
 * The office's settings (one validated document) and a few internal values. Reads come
 * from memory; writes go through a transaction so they can commit with their audit entry.
 */
/** The settings with what the machine policy sets put over them (policy over settings). */
export function withPolicy(settings: Settings, p: Policy | null): Settings {
  if (!p) return settings;
  const central = p.central
    ? (() => {
        const c = parseCentralUrl(p.central.url);
        return {
          ...settings.central,
          host: c.host,
          port: c.port,
          database: c.database,
          user: c.user,
          sslMode: c.ssl.mode,
          caFile: c.ssl.caFile ?? '',
          certFile: p.central.certFile ?? c.ssl.certFile ?? '',
        };
      })()
    : settings.central;
  return {
    ...settings,
    ...(p.office !== undefined && { office: { ...settings.office, code: p.office } }),
    ...(p.portalUrl !== undefined && { portalUrl: p.portalUrl }),
    ...(p.printer !== undefined && { printer: p.printer }),
    ...(p.language !== undefined && { language: p.language }),
    central: p.districts ? { ...central, districts: p.districts.join(',') } : central,
  };
}

/** The value at a dotted path ("office.code") of a settings-shaped object. */
function at(doc: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], doc);
}

function setAt(doc: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  const parent = keys
    .slice(0, -1)
    .reduce<Record<string, unknown>>((v, k) => v[k] as Record<string, unknown>, doc);
  parent[keys.at(-1)!] = value;
}

export class SettingsService {
  /** The supervisor's own document, as stored. */
  private cached: Settings | null = null;
  /** It with the policy over it: what get() answers, made once per load or update. */
  private effective: Settings | null = null;

  /** `policy`: the machine policy read at start-up (policy/read.ts), or null. */
  constructor(
    private readonly store: Store,
    private readonly policy: Policy | null = null,
  ) {}

  /** The setting paths the policy sets: read-only for the supervisor. */
  managed(): string[] {
    return managedSettings(this.policy);
  }

  async load(): Promise<Settings> {
    const raw = await this.getValue<unknown>(APP_KEY);
    this.keep(Settings.parse(raw ?? {}));
    return this.get();
  }

  private keep(own: Settings): void {
    this.cached = own;
    this.effective = withPolicy(own, this.policy);
  }

  /** The settings in force: the supervisor's, with the machine policy over them. */
  get(): Settings {
    if (!this.effective) throw new Error('SettingsService.load() first.');
    return this.effective;
  }

  /**
   * Validates the merged result before writing; returns the new settings. The office row
   * (what clerks and visits refer to) is kept in step with the office settings here, in the
   * same transaction, so no caller can change one without the other.
   */
  async update(m: EntityManager, patch: SettingsPatch, when: Date): Promise<Settings> {
    // A field the policy sets may come back unchanged (the form sends every field), never
    // changed; the stored document keeps the supervisor's own value under it.
    const managed = this.managed();
    const effective = this.get();
    const proposed = { ...effective, ...patch };
    const changed = managed.filter(
      (p) => JSON.stringify(at(proposed, p)) !== JSON.stringify(at(effective, p)),
    );
    if (changed.length)
      throw new AppError('SETTINGS_MANAGED', 'Set by the machine policy.', { fields: changed });
    const own = this.cached!;
    const doc = structuredClone({ ...own, ...patch }) as Record<string, unknown>;
    for (const p of managed) setAt(doc, p, structuredClone(at(own, p)));
    const next = Settings.parse(doc);
    await this.setValue(m, APP_KEY, next, when);
    this.keep(next);
    const { code, name, address } = this.get().office;
    await m.upsert(Office, { id: code, name, address, createdAt: when.toISOString() }, ['id']);
    return this.get();
  }

  async getValue<T>(key: string): Promise<T | null> {
    const row = await this.store.run((m) => m.findOneBy(Setting, { key }));
    return row ? (JSON.parse(row.value) as T) : null;
  }

  async setValue(m: EntityManager, key: string, value: unknown, at: Date): Promise<void> {
    await m.upsert(Setting, { key, value: JSON.stringify(value), updatedAt: at.toISOString() }, [
      'key',
    ]);
  }

  /**
   * This installation's identity in the audit chain and at the centre; made once, or taken
   * from `known` (the copy kept beside the store, when a store is started again after its key
   * was lost: the centre knows the workstation by it).
   */
  async workstationId(at: Date, known: string | null = null): Promise<string> {
    const existing = await this.getValue<string>('workstationId');
    if (existing) return existing;
    const id = known ?? `ws-${randomUUID()}`;
    await this.store.tx((m) => this.setValue(m, 'workstationId', id, at));
    return id;
  }
}
