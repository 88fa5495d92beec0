import { copyFile, rename, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { ClerkSummary } from '../../../shared/schemas/session';
import type { PassportListProgress, PassportListStatus } from '../../../shared/schemas/supervisor';
import { audit, type CoreContext } from '../context';
import { PassportListError, type PassportListHolder } from '../passport-list';
import { importInWorker, type ImportSummary } from '../passport-list/import-in-worker';
import type { Platform } from '../platform';
import { officeDate } from '../../../shared/domain/office-time';

export function passportListStatus(
  ctx: CoreContext,
  holder: PassportListHolder,
): PassportListStatus {
  const meta = holder.current()?.meta ?? null;
  const maxAgeDays = ctx.settings.get().passportListMaxAgeDays;
  if (!meta)
    return { loaded: false, listDate: null, entries: null, ageDays: null, stale: true, maxAgeDays };
  const ageDays = Math.floor(
    (ctx.clock.now().getTime() - Date.parse(`${meta.listDate}T00:00:00+03:00`)) / 86_400_000,
  );
  return {
    loaded: true,
    listDate: meta.listDate,
    entries: meta.entries,
    ageDays,
    stale: ageDays > maxAgeDays,
    maxAgeDays,
  };
}

/** What an install in progress has got to; the supervisor's screen asks for it. */
export class PassportListJob {
  private state: PassportListProgress = { running: false, phase: null, rows: 0, file: null };

  progress(): PassportListProgress {
    return { ...this.state };
  }

  /** Refuses while an install runs: one list is built at a time. */
  assertIdle(): void {
    if (this.state.running)
      throw new AppError('PASSPORT_LIST_BUSY', 'A passport list is being installed already.');
  }

  begin(file: string): void {
    this.assertIdle();
    this.state = { running: true, phase: 'reading', rows: 0, file };
  }

  update(phase: NonNullable<PassportListProgress['phase']>, rows: number): void {
    if (this.state.running) this.state = { ...this.state, phase, rows };
  }

  end(): void {
    this.state = { running: false, phase: null, rows: 0, file: null };
  }
}

export interface PassportListInstall {
  holder: PassportListHolder;
  platform: Platform;
  /** Where the list in use lives (the data folder's invalid-passports.idx). */
  finalPath: string;
  /** The import worker's script (import-in-worker.ts). */
  workerScript: string;
  job: PassportListJob;
}

const INDEX = /\.idx$/i;
const CSV = /\.csv(\.bz2)?$/i;

/**
 * Installs a new list chosen by the supervisor: the MVD's CSV (or .csv.bz2), built into an
 * index on a worker thread, or an index file built by IT. Either is written next to the
 * current file, loaded and fully validated while checks go on against the old list, swapped
 * in at once, and only then renamed over the old file: a damaged file never replaces a good
 * one.
 */
export async function installPassportList(
  ctx: CoreContext,
  d: PassportListInstall,
  input: { listDate: string },
  by: ClerkSummary,
): Promise<PassportListStatus> {
  // Refused before the dialog, too: a second supervisor window must not start a second one.
  d.job.assertIdle();
  const picked = await d.platform.pickFile({
    title: 'Invalid-passport list (CSV, CSV.BZ2 or index)',
    extensions: ['csv', 'bz2', 'idx'],
  });
  if (!picked) return passportListStatus(ctx, d.holder);
  const fromCsv = !INDEX.test(picked);
  if (fromCsv && !CSV.test(picked)) {
    throw new AppError('PASSPORT_LIST_INVALID', 'Not a CSV, CSV.BZ2 or index file.', {
      detail: 'extension',
    });
  }
  if (fromCsv && input.listDate > officeDate(ctx.clock.now())) {
    throw new AppError('PASSPORT_LIST_DATE_FUTURE', 'The list date is in the future.');
  }
  const staging = `${d.finalPath}.new`;
  d.job.begin(basename(picked));
  try {
    let imported: ImportSummary | null = null;
    if (fromCsv) {
      imported = await importInWorker(
        d.workerScript,
        { input: picked, out: staging, listDate: input.listDate },
        (phase, rows) => d.job.update(phase, rows),
      );
    } else await copyFile(picked, staging);
    d.job.update('checking', imported?.sourceRows ?? 0);
    const meta = await d.holder.replaceFrom(staging);
    await rename(staging, d.finalPath);
    const from = imported
      ? ` from a CSV of ${imported.sourceRows} rows (${imported.malformedRows} malformed, ${imported.duplicateRows} repeated)`
      : ' from an index file';
    await ctx.store.tx((m) =>
      audit(ctx, m, by, {
        action: 'passportList.replace',
        text: `Invalid-passport list of ${meta.listDate} installed (${meta.entries} entries)${from}.`,
        data: {
          listDate: meta.listDate,
          entries: meta.entries,
          checksum: meta.checksum,
          source: imported ? 'csv' : 'index',
          ...(imported && {
            sourceRows: imported.sourceRows,
            malformedRows: imported.malformedRows,
            duplicateRows: imported.duplicateRows,
          }),
        },
      }),
    );
  } catch (e) {
    await rm(staging, { force: true });
    if (e instanceof PassportListError) {
      if (e.detail === 'empty')
        throw new AppError('PASSPORT_LIST_EMPTY', e.message, { detail: e.detail });
      throw new AppError(e.code, e.message, { detail: e.detail });
    }
    throw e;
  } finally {
    d.job.end();
  }
  return passportListStatus(ctx, d.holder);
}
