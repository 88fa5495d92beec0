import { copyFile, rename, rm } from 'node:fs/promises';
import { AppError } from '../../../shared/errors';
import type { ClerkSummary } from '../../../shared/schemas/session';
import type { PassportListStatus } from '../../../shared/schemas/supervisor';
import { audit, type CoreContext } from '../context';
import { PassportListError, type PassportListHolder } from '../passport-list';
import type { Platform } from '../platform';

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

/**
 * Installs a new index file chosen by the supervisor. It is copied next to the current one,
 * loaded and fully validated while checks go on against the old list, swapped in at once,
 * and only then renamed over the old file: a damaged file never replaces a good one.
 */
export async function installPassportList(
  ctx: CoreContext,
  holder: PassportListHolder,
  platform: Platform,
  finalPath: string,
  by: ClerkSummary,
): Promise<PassportListStatus> {
  const picked = await platform.pickFile({
    title: 'Invalid-passport list index',
    extensions: ['idx'],
  });
  if (!picked) return passportListStatus(ctx, holder);
  const staging = `${finalPath}.new`;
  try {
    await copyFile(picked, staging);
    const meta = await holder.replaceFrom(staging);
    await rename(staging, finalPath);
    await ctx.store.tx((m) =>
      audit(ctx, m, by, {
        action: 'passportList.replace',
        text: `Invalid-passport list of ${meta.listDate} installed (${meta.entries} entries).`,
        data: { listDate: meta.listDate, entries: meta.entries, checksum: meta.checksum },
      }),
    );
  } catch (e) {
    await rm(staging, { force: true });
    if (e instanceof PassportListError) throw new AppError(e.code, e.message, { detail: e.detail });
    throw e;
  }
  return passportListStatus(ctx, holder);
}
