import type { EntityManager } from 'typeorm';
import type { ClerkSummary } from '../../shared/schemas/session';
import { appendAudit, type AuditEntry } from './audit/chain';
import type { Clock } from './clock';
import type { Store } from './db/store';
import type { Logger } from './log/logger';
import type { SettingsService } from './settings/service';

/** What every core service is given: nothing more, so each can run in plain Node tests. */
export interface CoreContext {
  store: Store;
  clock: Clock;
  settings: SettingsService;
  log: Logger;
  workstationId: string;
  /** The office this workstation belongs to (set at first-run set-up). */
  officeId(): string;
}

/** Appends an audit entry for `clerk` (or for no one, e.g. a failed sign-in) inside `m`. */
export function audit(
  ctx: CoreContext,
  m: EntityManager,
  clerk: Pick<ClerkSummary, 'id'> | null,
  entry: AuditEntry,
): Promise<unknown> {
  return appendAudit(
    m,
    { workstationId: ctx.workstationId, officeId: ctx.officeId(), clerkId: clerk?.id ?? null },
    entry,
    ctx.clock.now(),
  );
}
