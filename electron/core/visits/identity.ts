import { randomUUID } from 'node:crypto';
import { sameIdentity } from '../../../shared/domain/identity';
import { maskPassport } from '../../../shared/domain/mask';
import {
  checkPassport,
  normalizePassport,
  PASSPORT_SEVERITY,
  type PassportFinding,
} from '../../../shared/domain/passport';
import { AppError } from '../../../shared/errors';
import type { ClerkSummary } from '../../../shared/schemas/session';
import type {
  CheckResult,
  PassportForm,
  PersonForm,
  VisitState,
} from '../../../shared/schemas/visit';
import { audit } from '../context';
import { isWorking } from '../credentials/state';
import { Credential, PassportCheck, Resident, Visit, type PassportCheckRow } from '../db/entities';
import { getAccount } from '../registry/search';
import { officeDate } from '../../../shared/domain/office-time';
import type { VisitDeps } from './deps';
import { checkView, openVisit, ownVisit, visitState } from './state';

/** Opens a visit on an account. An issue visit on an account with working access becomes a reset. */
export async function startVisit(
  deps: VisitDeps,
  clerk: ClerkSummary,
  accountId: number,
  kind: 'issue' | 'reset',
): Promise<VisitState> {
  const { ctx } = deps;
  const account = await getAccount(ctx.store, accountId);
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND', 'No such account.');
  const now = ctx.clock.now();
  const id = randomUUID();
  await ctx.store.tx(async (m) => {
    const active = await m.findOneBy(Credential, { accountId, status: 'active' });
    if (kind === 'issue' && isWorking(active, now.toISOString())) {
      throw new AppError('ACTIVE_CREDENTIAL_EXISTS', 'The account already has working access.', {
        issuedAt: active.issuedAt,
      });
    }
    await m.insert(Visit, {
      id,
      kind,
      accountId,
      payerCode: account.payerCode,
      residentId: null,
      clerkId: clerk.id,
      officeId: ctx.officeId(),
      startedAt: now.toISOString(),
      closedAt: null,
      outcome: null,
    });
    await audit(ctx, m, clerk, {
      action: 'visit.start',
      subject: account.payerCode,
      text: `${kind} visit started.`,
      data: { visitId: id, kind },
    });
  });
  return visitState(deps, id, clerk);
}

/**
 * Checks the passport by the rules (shared/domain/passport), against the invalid-passport
 * list, and against the account's residents. Every check is recorded, passed or not; a
 * failed one stops the visit until a corrected passport passes.
 */
export async function checkIdentity(
  deps: VisitDeps,
  clerk: ClerkSummary,
  input: {
    visitId: string;
    residentId: number | null;
    person: PersonForm;
    passport: PassportForm;
    source: 'typed' | 'mrz';
  },
): Promise<CheckResult> {
  const { ctx } = deps;
  const now = ctx.clock.now();
  const rules = checkPassport(
    { ...input.passport, birthDate: input.person.birthDate },
    officeDate(now),
  );
  const findings: PassportFinding[] = [...rules.findings];
  // Only a malformed series or number keeps the list from being consulted; a warning on the
  // series (its year) must not.
  const formatsOk = !findings.some((f) => f.code === 'SERIES_FORMAT' || f.code === 'NUMBER_FORMAT');
  // Stored and compared as the rules read them (770 001 → 770-001, 10-08-1991 → 1991-08-10).
  const normal = normalizePassport({ ...input.passport, birthDate: input.person.birthDate });
  const { series, number } = normal;
  const person = { ...input.person, birthDate: normal.birthDate };
  let listDate: string | null = null;
  if (formatsOk) {
    const hit = deps.passportList.lookup(series, number);
    if (hit.status === 'missing')
      findings.push({
        code: 'PASSPORT_LIST_MISSING',
        severity: PASSPORT_SEVERITY.PASSPORT_LIST_MISSING,
      });
    else {
      listDate = hit.listDate;
      if (hit.status === 'listed')
        findings.push({
          code: 'INVALID_PASSPORT_LIST',
          severity: PASSPORT_SEVERITY.INVALID_PASSPORT_LIST,
        });
    }
  }
  const passed = !findings.some((f) => f.severity === 'error');

  return ctx.store.tx(async (m) => {
    const visit = openVisit(await ownVisit(m, input.visitId, clerk));
    const residents = await m.find(Resident, { where: { accountId: visit.accountId } });
    if (input.residentId !== null && !residents.some((r) => r.id === input.residentId)) {
      throw new AppError('RESIDENT_NOT_FOUND', 'The resident is not on this account.');
    }
    const candidates =
      input.residentId === null ? residents : residents.filter((r) => r.id === input.residentId);
    const match = candidates.find((r) => sameIdentity(person, r)) ?? null;
    const row: PassportCheckRow = {
      id: randomUUID(),
      visitId: visit.id,
      residentId: match?.id ?? input.residentId,
      surname: input.person.surname,
      givenName: input.person.givenName,
      patronymic: input.person.patronymic,
      birthDate: person.birthDate,
      series,
      number,
      issueDate: normal.issueDate,
      departmentCode: normal.departmentCode,
      issuedBy: input.passport.issuedBy,
      source: input.source,
      findings: JSON.stringify(findings),
      passed,
      matched: match !== null,
      listVersion: listDate,
      checkedAt: now.toISOString(),
      clerkId: clerk.id,
      destroyedAt: null,
      destroyActId: null,
    };
    await m.insert(PassportCheck, row);
    if (match) await m.update(Visit, { id: visit.id }, { residentId: match.id });
    await audit(ctx, m, clerk, {
      action: 'passport.check',
      subject: visit.payerCode,
      text: `Passport ${maskPassport(series + number)} ${passed ? 'passed' : 'failed'} the check; ${match ? 'matches' : 'does not match'} a resident.`,
      data: {
        visitId: visit.id,
        passport: maskPassport(series + number),
        findings: findings.map((f) => f.code),
        matched: match !== null,
        residentId: match?.id ?? null,
        source: input.source,
        listDate,
      },
    });
    return checkView(row, residents);
  });
}
