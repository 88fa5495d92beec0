import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { AppError } from '../../../../shared/errors';
import { audit, type CoreContext } from '../../context';
import type { PassportListHolder } from '../../passport-list';
import type { Platform } from '../../platform';
import { printerStatus, type PrintBackend } from '../../printing';
import { listAudit } from '../../supervisor/audit-log';
import {
  installPassportList,
  passportListStatus,
  type PassportListJob,
} from '../../supervisor/passport-list';
import { dailyReport, listApprovals } from '../../supervisor/reports';
import {
  CENTRAL_CLIENT_KEY,
  CENTRAL_PASSWORD_KEY,
  type SyncControl,
} from '../../supervisor/sync-control';
import type { Handlers } from '../dispatch';

type SupervisorChannels =
  | 'audit.list'
  | 'reports.daily'
  | 'approvals.list'
  | 'settings.get'
  | 'settings.update'
  | 'settings.setCentralPassword'
  | 'settings.installClientKey'
  | 'printers.list'
  | 'printers.status'
  | 'passportList.status'
  | 'passportList.install'
  | 'passportList.progress'
  | 'sync.status'
  | 'sync.now'
  | 'sync.dead'
  | 'sync.retryDead'
  | 'sync.conflicts'
  | 'centre.review'
  | 'centre.decideHeld';

export interface SupervisorDeps {
  ctx: CoreContext;
  platform: Platform;
  printer: PrintBackend;
  passportList: PassportListHolder;
  passportListPath: string;
  /** The script of the worker that builds an index from CSV (import-in-worker.ts). */
  passportImportWorker: string;
  passportListJob: PassportListJob;
  sync: () => SyncControl;
  /** Called after settings change, e.g. to reconnect sync with the new central settings. */
  onSettingsChanged: () => Promise<void>;
}

export function supervisorHandlers(d: SupervisorDeps): Pick<Handlers, SupervisorChannels> {
  const { ctx } = d;
  const settingsView = async () => ({
    settings: ctx.settings.get(),
    centralPasswordSet: (await ctx.settings.getValue<string>(CENTRAL_PASSWORD_KEY)) !== null,
    clientKeySet: (await ctx.settings.getValue<string>(CENTRAL_CLIENT_KEY)) !== null,
    managed: ctx.settings.managed(),
  });
  /** The machine policy's central connection brings its own password or key: none is kept. */
  const refuseUnderPolicy = () => {
    if (ctx.settings.managed().includes('central'))
      throw new AppError(
        'SETTINGS_MANAGED',
        'The central connection is set by the machine policy.',
        {
          fields: ['central'],
        },
      );
  };
  /** Seals a secret with safeStorage and keeps it in the settings, audited by name only. */
  const keepSealed = async (
    key: string,
    plain: string,
    clerk: Parameters<typeof audit>[2],
    text: string,
  ): Promise<void> => {
    let sealed: string;
    try {
      sealed = d.platform.sealSecret(plain);
    } catch {
      throw new AppError('SETTINGS_INVALID', 'Secure storage is not available for this secret.');
    }
    await ctx.store.tx(async (m) => {
      await ctx.settings.setValue(m, key, sealed, ctx.clock.now());
      await audit(ctx, m, clerk, { action: 'settings.change', text, data: { changed: [key] } });
    });
    await d.onSettingsChanged();
  };
  return {
    'audit.list': (q) => listAudit(ctx, q),
    'reports.daily': ({ date }) => dailyReport(ctx, date),
    'approvals.list': (q) => listApprovals(ctx, q),
    'settings.get': settingsView,
    'settings.update': async (patch, { clerk }) => {
      const before = ctx.settings.get();
      const changed = Object.keys(patch)
        .sort()
        .filter(
          (k) =>
            JSON.stringify(patch[k as keyof typeof patch]) !==
            JSON.stringify(before[k as keyof typeof before]),
        );
      const now = ctx.clock.now();
      await ctx.store.tx(async (m) => {
        await ctx.settings.update(m, patch, now);
        await audit(ctx, m, clerk, {
          action: 'settings.change',
          text: `Settings changed: ${changed.join(', ') || 'nothing'}.`,
          data: { changed },
        });
      });
      await d.onSettingsChanged();
      return settingsView();
    },
    'settings.setCentralPassword': async ({ password }, { clerk }) => {
      refuseUnderPolicy();
      await keepSealed(CENTRAL_PASSWORD_KEY, password, clerk, 'Central database password changed.');
      return { done: true as const };
    },
    // A certificate login's private key: read from the file the supervisor picks, checked to
    // be a private key, and kept only sealed (the file itself should then be removed).
    'settings.installClientKey': async (_i, { clerk }) => {
      refuseUnderPolicy();
      const picked = await d.platform.pickFile({
        title: 'Client certificate key',
        extensions: ['key', 'pem'],
      });
      if (!picked) return settingsView();
      let pem: string;
      try {
        pem = await readFile(picked, 'utf8');
        createPrivateKey(pem);
      } catch {
        throw new AppError('SETTINGS_INVALID', 'That file is not a private key in PEM form.');
      }
      await keepSealed(CENTRAL_CLIENT_KEY, pem, clerk, 'Client certificate key installed.');
      return settingsView();
    },
    'printers.list': () => d.printer.listPrinters(),
    'printers.status': () => printerStatus(d.printer, ctx.settings.get().printer),
    'passportList.status': () => passportListStatus(ctx, d.passportList),
    'passportList.install': (input, { clerk }) =>
      installPassportList(
        ctx,
        {
          holder: d.passportList,
          platform: d.platform,
          finalPath: d.passportListPath,
          workerScript: d.passportImportWorker,
          job: d.passportListJob,
        },
        input,
        clerk,
      ),
    'passportList.progress': () => d.passportListJob.progress(),
    'sync.status': () => d.sync().status(),
    'sync.now': () => d.sync().syncNow(),
    'sync.dead': () => d.sync().listDead(),
    'sync.retryDead': async ({ opId }, { clerk }) => {
      await d.sync().retryDead(opId, clerk.id);
      return { done: true as const };
    },
    'sync.conflicts': () => d.sync().listConflicts(),
    'centre.review': () => d.sync().review(),
    'centre.decideHeld': ({ opIds, release }, { clerk }) =>
      d.sync().decideHeld(opIds, clerk.id, release),
  };
}
