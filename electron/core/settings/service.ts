import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Settings, type SettingsPatch } from '../../../shared/schemas/settings';
import { Office, Setting } from '../db/entities';
import type { Store } from '../db/store';

const APP_KEY = 'app';

/**
 * The office's settings (one validated document) and a few internal values. Reads come
 * from memory; writes go through a transaction so they can commit with their audit entry.
 */
export class SettingsService {
  private cached: Settings | null = null;

  constructor(private readonly store: Store) {}

  async load(): Promise<Settings> {
    const raw = await this.getValue<unknown>(APP_KEY);
    this.cached = Settings.parse(raw ?? {});
    return this.cached;
  }

  get(): Settings {
    if (!this.cached) throw new Error('SettingsService.load() first.');
    return this.cached;
  }

  /**
   * Validates the merged result before writing; returns the new settings. The office row
   * (what clerks and visits refer to) is kept in step with the office settings here, in the
   * same transaction, so no caller can change one without the other.
   */
  async update(m: EntityManager, patch: SettingsPatch, at: Date): Promise<Settings> {
    const next = Settings.parse({ ...this.get(), ...patch });
    await this.setValue(m, APP_KEY, next, at);
    const { code, name, address } = next.office;
    await m.upsert(Office, { id: code, name, address, createdAt: at.toISOString() }, ['id']);
    this.cached = next;
    return next;
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
