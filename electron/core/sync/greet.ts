// What follows the hello before anything is sent: the office must be the one the centre
// enrolled this workstation for (or be taken from it, on a first start), the office's staff
// directory must be here, and staff kept from before the directory moved to the centre are
// sent to it once.
import type { DataSource } from 'typeorm';
import type { Clock } from '../clock';
import type { Store } from '../db/store';
import type { Logger } from '../log/logger';
import {
  type CentreIdentity,
  CentreRefusal,
  type Enrolled,
  saveIdentity,
  sayHello,
} from './identity';
import { exportLegacyStaff, loadStaffDirectory } from './staff-feed';

export interface GreetContext {
  store: Store;
  clock: Clock;
  log: Logger;
  workstationId: string;
  appVersion: string | null;
  /** The office this workstation is set up for. */
  officeId: string;
  adoptOffice?(identity: Enrolled): Promise<boolean>;
  onStaffChanged?(ids: string[]): void;
  /** Told what the centre said as soon as it is known (before the rest can fail). */
  onIdentity?(id: CentreIdentity): void;
}

export async function greetCentre(ds: DataSource, ctx: GreetContext): Promise<CentreIdentity> {
  const id = await sayHello(ds, ctx.workstationId, ctx.appVersion);
  const now = ctx.clock.now();
  await ctx.store.tx((m) => saveIdentity(m, id, now));
  ctx.onIdentity?.(id);
  if (id.mode === 'workstation') {
    if (id.officeId !== ctx.officeId && !(await ctx.adoptOffice?.(id))) {
      throw new CentreRefusal(
        'OFFICE_MISMATCH',
        `the centre enrolled this workstation for office ${id.officeId}; it is set up for office ${ctx.officeId}`,
      );
    }
    const changed = await loadStaffDirectory(ctx.store, ds, id.officeId, now);
    if (changed.length > 0) ctx.onStaffChanged?.(changed);
  }
  const imported = await exportLegacyStaff(ctx.store, ds);
  if (imported) ctx.log.info('staff list sent to the centre', { result: imported });
  if (id.mode === 'workstation')
    ctx.log.info('enrolled at the centre', {
      login: id.login,
      office: id.officeId,
      districts: id.districts,
    });
  return id;
}
