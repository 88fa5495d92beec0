import type { AccountCard } from '../../../shared/schemas/account';
import { AppError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import type { SettingsService } from '../settings/service';
import { credentialState } from '../credentials/state';
import { Clerk, Consent, Credential, Resident, Visit } from '../db/entities';
import type { PassportListHolder } from '../passport-list';
import { getAccount } from '../registry/search';
import { lastResetWithin } from '../visits/state';
import { accountConflicts, conflictFacts, conflictOfCredential } from '../sync/credential-feed';

const HISTORY = 50;

/** Everything the clerk needs to see about one account, newest first. */
export async function accountCard(
  ctx: Pick<CoreContext, 'store' | 'clock'> & { settings: Pick<SettingsService, 'get'> },
  list: Pick<PassportListHolder, 'current'>,
  accountId: number,
): Promise<AccountCard> {
  const account = await getAccount(ctx.store, accountId);
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND', 'No such account.');
  const at = ctx.clock.now().toISOString();
  return ctx.store.run(async (m) => {
    const [credentials, consents, visits, clerks, residents, conflicts, lastReset] =
      await Promise.all([
        m.find(Credential, { where: { accountId }, order: { version: 'DESC' }, take: HISTORY }),
        m.find(Consent, { where: { accountId }, order: { signedAt: 'DESC' }, take: HISTORY }),
        m.find(Visit, { where: { accountId }, order: { startedAt: 'DESC' }, take: HISTORY }),
        m.find(Clerk),
        m.find(Resident, { where: { accountId } }),
        accountConflicts(m, accountId),
        lastResetWithin(ctx, m, accountId, null),
      ]);
    const name = new Map(clerks.map((c) => [c.id, c.fullName]));
    const residentName = new Map(
      residents.map((r) => [
        r.id,
        [r.surname, r.givenName, r.patronymic].filter(Boolean).join(' '),
      ]),
    );
    const sheets = visits.length
      ? await m.query<{ visitId: string; printed: number; failed: number }[]>(
          `SELECT visit_id AS visitId, SUM(result = 'printed') AS printed, SUM(result = 'failed') AS failed
           FROM printed_sheet WHERE account_id = ? AND kind = 'info' GROUP BY visit_id`,
          [accountId],
        )
      : [];
    const byVisit = new Map(sheets.map((s) => [s.visitId, s]));
    const meta = list.current()?.meta ?? null;
    const conflictOf = (id: string) => {
      const rec = conflictOfCredential(conflicts, id);
      return rec ? conflictFacts(rec) : null;
    };
    return {
      account,
      credentials: credentials.map((c) => ({
        id: c.id,
        state: credentialState(c, at),
        version: c.version,
        issuedAt: c.issuedAt,
        expiresAt: c.expiresAt,
        mustChange: c.mustChange,
        revokedAt: c.revokedAt,
        revokeReason: c.revokeReason,
        issuedBy: name.get(c.issuedBy) ?? c.issuedBy,
        officeId: c.officeId,
        sheetSerial: c.sheetSerial,
        portalFirstLoginAt: c.portalFirstLoginAt,
        portalPasswordChangedAt: c.portalPasswordChangedAt,
        portalLocked: c.portalLocked,
        supersededNote: c.supersededNote,
        conflict: conflictOf(c.id),
      })),
      consents: consents.map((c) => ({
        id: c.id,
        residentId: c.residentId,
        residentName:
          (c.residentId !== null && residentName.get(c.residentId)) ||
          (JSON.parse(c.subject) as { fullName?: string }).fullName ||
          '',
        textVersion: c.textVersion,
        signedAt: c.signedAt,
        withdrawnAt: c.withdrawnAt,
        withdrawReason: c.withdrawReason,
        destroyedAt: c.destroyedAt,
      })),
      visits: visits.map((v) => ({
        id: v.id,
        kind: v.kind,
        startedAt: v.startedAt,
        closedAt: v.closedAt,
        outcome: v.outcome,
        clerkName: name.get(v.clerkId) ?? v.clerkId,
        sheetsPrinted: Number(byVisit.get(v.id)?.printed ?? 0),
        sheetsFailed: Number(byVisit.get(v.id)?.failed ?? 0),
      })),
      passportList: meta ? { listDate: meta.listDate, entries: meta.entries } : null,
      repeatReset: lastReset
        ? { lastResetAt: lastReset, windowDays: ctx.settings.get().resetApprovalWindowDays }
        : null,
    };
  });
}
