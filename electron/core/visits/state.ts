import { closestMismatch, type PersonName } from '../../../shared/domain/identity';
import { printFailureReason } from '../../../shared/domain/printing';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../../shared/errors';
import type { ClerkSummary } from '../../../shared/schemas/session';
import type { ApprovalKind, CheckResult, VisitState } from '../../../shared/schemas/visit';
import { CURRENT_CONSENT_VERSION } from '../documents';
import {
  Approval,
  Consent,
  Credential,
  PassportCheck,
  PrintedSheet,
  Resident,
  Visit,
  type PassportCheckRow,
  type ResidentRow,
  type VisitRow,
} from '../db/entities';
import { getAccount } from '../registry/search';
import type { VisitDeps } from './deps';
import type { CoreContext } from '../context';
import type { SettingsService } from '../settings/service';

/** The visit, if it exists and belongs to this clerk; another clerk's visit does not exist. */
export async function ownVisit(
  m: EntityManager,
  visitId: string,
  clerk: ClerkSummary,
): Promise<VisitRow> {
  const visit = await m.findOneBy(Visit, { id: visitId });
  if (!visit || visit.clerkId !== clerk.id) throw new AppError('VISIT_NOT_FOUND', 'No such visit.');
  return visit;
}

export function openVisit(visit: VisitRow): VisitRow {
  if (visit.closedAt) throw new AppError('VISIT_CLOSED', 'The visit is closed.');
  return visit;
}

/** The newest check of the visit; two checks within one clock tick are told apart by insertion order. */
export async function latestCheck(
  m: EntityManager,
  visitId: string,
): Promise<PassportCheckRow | null> {
  return m
    .getRepository(PassportCheck)
    .createQueryBuilder('pc')
    .where('pc.visit_id = :visitId', { visitId })
    .orderBy('pc.checked_at', 'DESC')
    .addOrderBy('pc.rowid', 'DESC')
    .getOne();
}

/**
 * The open visit of this clerk, its newest check that passed and matched a resident, and that
 * resident: what the consent form and the subject report are printed for.
 */
export async function checkedResident(
  m: EntityManager,
  visitId: string,
  clerk: ClerkSummary,
): Promise<{ visit: VisitRow; check: PassportCheckRow; resident: ResidentRow }> {
  const visit = openVisit(await ownVisit(m, visitId, clerk));
  const check = await latestCheck(m, visitId);
  if (!check?.passed || !check.matched || check.residentId === null)
    throw new AppError('PASSPORT_NOT_CHECKED', 'Check the passport first.');
  // The registry is the centre's: a replica reloaded mid-visit may have lost the resident.
  const resident = await m.findOneBy(Resident, { id: check.residentId });
  if (!resident) throw new AppError('RESIDENT_NOT_FOUND', 'The resident left the registry.');
  return { visit, check, resident };
}

/**
 * A check as the screens see it. `residents` are the account's: for a passport that matched
 * no one, the parts that differ from the closest (the picked resident, or any) are named.
 */
export function checkView(row: PassportCheckRow, residents: readonly ResidentLike[]): CheckResult {
  const findings = JSON.parse(row.findings) as CheckResult['findings'];
  const candidates =
    row.residentId === null ? residents : residents.filter((r) => r.id === row.residentId);
  return {
    checkId: row.id,
    ok: row.passed && row.matched,
    findings,
    residentId: row.matched ? row.residentId : null,
    mismatch: row.matched ? null : closestMismatch(row, candidates),
    listDate: row.listVersion,
  };
}

type ResidentLike = PersonName & { id: number };

/** A consent of this resident on this account that has not been withdrawn. */
export async function consentInForce(
  m: EntityManager,
  accountId: number,
  residentId: number | null,
): Promise<string | null> {
  if (residentId === null) return null;
  const rows = await m.find(Consent, {
    where: { accountId, residentId },
    order: { signedAt: 'DESC' },
  });
  // A consent whose passport details were destroyed at the end of the retention period
  // backs no new credential: the resident signs again, with the passport in hand.
  return rows.find((c) => c.withdrawnAt === null && c.destroyedAt === null)?.id ?? null;
}

/**
 * When the account's password was last reset within the approval window (settings), other
 * than by `exceptVisitId`; null when it was not. A reset then needs a supervisor.
 */
export async function lastResetWithin(
  ctx: Pick<CoreContext, 'clock'> & { settings: Pick<SettingsService, 'get'> },
  m: EntityManager,
  accountId: number,
  exceptVisitId: string | null,
): Promise<string | null> {
  const windowDays = ctx.settings.get().resetApprovalWindowDays;
  const since = new Date(ctx.clock.now().getTime() - windowDays * 86_400_000).toISOString();
  const row = await m
    .getRepository(Visit)
    .createQueryBuilder('v')
    .select('MAX(v.started_at)', 'last')
    .where(
      'v.account_id = :a AND v.kind = :k AND v.outcome = :o AND v.started_at >= :since AND v.id <> :id',
      { a: accountId, k: 'reset', o: 'reset', since, id: exceptVisitId ?? '' },
    )
    .getRawOne<{ last: string | null }>();
  return row?.last ?? null;
}

/**
 * Which supervisor approvals this visit needs (issue 3): warnings on the passport, a second
 * reset of the account within the window, a reset asked for by a registered non-owner.
 */
export async function approvalsNeeded(
  deps: VisitDeps,
  m: EntityManager,
  visit: VisitRow,
  check: PassportCheckRow | null,
): Promise<ApprovalKind[]> {
  const needed: ApprovalKind[] = [];
  if (!check) return needed;
  const findings = JSON.parse(check.findings) as CheckResult['findings'];
  if (check.passed && findings.some((f) => f.severity === 'warning'))
    needed.push('passport-warnings');
  if (visit.kind === 'reset') {
    if (await lastResetWithin(deps.ctx, m, visit.accountId, visit.id)) needed.push('repeat-reset');
    if (check.matched && check.residentId !== null) {
      const resident = await m.findOneBy(Resident, { id: check.residentId });
      if (resident?.relation === 'registered') needed.push('non-owner-reset');
    }
  }
  return needed;
}

export async function grantedApprovals(m: EntityManager, visitId: string): Promise<ApprovalKind[]> {
  return (await m.find(Approval, { where: { visitId } })).map((a) => a.kind as ApprovalKind);
}

export async function visitState(
  deps: VisitDeps,
  visitId: string,
  clerk: ClerkSummary,
): Promise<VisitState> {
  const { store } = deps.ctx;
  const parts = await store.run(async (m) => {
    const visit = await ownVisit(m, visitId, clerk);
    const check = await latestCheck(m, visitId);
    return {
      visit,
      check,
      needed: await approvalsNeeded(deps, m, visit, check),
      granted: await grantedApprovals(m, visitId),
      consentId: await consentInForce(m, visit.accountId, check?.matched ? check.residentId : null),
      credential: await m.findOneBy(Credential, { visitId }),
      sheets: await m.find(PrintedSheet, { where: { visitId }, order: { printedAt: 'ASC' } }),
    };
  });
  const account = await getAccount(store, parts.visit.accountId);
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND', 'The account left the registry.');
  const { visit, credential, sheets } = parts;
  return {
    visitId: visit.id,
    kind: visit.kind,
    account,
    startedAt: visit.startedAt,
    check: parts.check ? checkView(parts.check, account.residents) : null,
    approvalsNeeded: parts.needed,
    approvalsGranted: parts.granted,
    consent: {
      existingConsentId: parts.consentId,
      printedSerial: sheets.filter((s) => s.kind === 'consent').at(-1)?.serial ?? null,
      textVersion: CURRENT_CONSENT_VERSION,
    },
    issued: credential
      ? {
          credentialId: credential.id,
          login: credential.login,
          expiresAt: credential.expiresAt,
          sheetSerial: credential.sheetSerial ?? '',
          reprintable: deps.secrets.password(visit.id) !== null,
        }
      : null,
    prints: sheets.map((s) => ({
      serial: s.serial,
      kind: s.kind,
      result: s.result,
      printer: s.printer,
      error: s.error,
      reason: s.result === 'failed' ? printFailureReason(s.error ?? '') : null,
      at: s.printedAt,
    })),
    closedAt: visit.closedAt,
  };
}
