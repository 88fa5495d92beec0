// What supervisors and clerks read and print about the personal-data lifecycle: what is due,
// the acts of destruction with their log extracts, and the answer to a subject's request.
import type { EntityManager } from 'typeorm';
import { printFailureReason } from '../../../shared/domain/printing';
import { maskPassport } from '../../../shared/domain/mask';
import { AppError } from '../../../shared/errors';
import type { ActView, DocumentPrint, DueList } from '../../../shared/schemas/personal-data';
import { WITHDRAWAL_DESTROY_DAYS } from '../../../shared/schemas/settings';
import type { ClerkSummary } from '../../../shared/schemas/session';
import { audit, type CoreContext } from '../context';
import { Clerk, Consent, DestructionAct, Visit, type DestructionActRow } from '../db/entities';
import {
  renderDestructionAct,
  renderLogExtract,
  renderSubjectReport,
  type ExtractEntry,
  type SubjectReportDocument,
} from '../documents/records';
import { fullAddress } from '../registry/address';
import { getAccount } from '../registry/search';
import type { VisitDeps } from '../visits/deps';
import { nextSerial } from '../visits/issue';
import { sendToPrinter } from '../visits/print';
import { checkedResident } from '../visits/state';
import type { ActPerson, ActRecord } from './destroy';
import { SYSTEM_NAME } from './destroy';
import { findDue, type Category } from './due';

type PrintDeps = Pick<VisitDeps, 'ctx' | 'printer'>;
type ActRow = DestructionActRow;

export async function dueList(ctx: CoreContext): Promise<DueList> {
  const retentionDays = ctx.settings.get().personalData.retentionDays;
  const due = await ctx.store.run((m) => findDue(m, ctx.clock.now(), retentionDays));
  return {
    items: due.map((g) => ({
      reason: g.reason,
      payerCode: g.payerCode,
      subjectName: g.subjectName,
      consentId: g.consentId,
      consent: g.consent !== null,
      checks: g.checks.length,
      categories: g.categories,
    })),
    retentionDays,
    withdrawalDays: WITHDRAWAL_DESTROY_DAYS,
  };
}

async function clerkNames(m: EntityManager): Promise<Map<string, string>> {
  return new Map((await m.find(Clerk)).map((c) => [c.id, c.fullName]));
}

export function actView(a: DestructionActRow, names: Map<string, string>): ActView {
  return {
    id: a.id,
    serial: a.serial,
    createdAt: a.createdAt,
    reason: a.reason,
    trigger: a.trigger,
    payerCode: a.payerCode,
    subjectName: a.subjectName,
    categories: JSON.parse(a.categories) as ActView['categories'],
    records: (JSON.parse(a.records) as unknown[]).length,
    destroyedBy: a.clerkId ? (names.get(a.clerkId) ?? a.clerkId) : null,
  };
}

/** The newest acts first: kept three years, printable again. */
export async function listActs(ctx: CoreContext, limit: number): Promise<ActView[]> {
  return ctx.store.run(async (m) => {
    const rows = await m.find(DestructionAct, { order: { createdAt: 'DESC' }, take: limit });
    const names = await clerkNames(m);
    return rows.map((a) => actView(a, names));
  });
}

/**
 * The audit entries an act's extract shows: the consent's record and withdrawal, the checks
 * whose details went, and the destruction itself, in chain order. Texts in the log are
 * already masked; the extract prints facts from each entry's data, in the reader's language.
 */
async function extractEntries(m: EntityManager, act: DestructionActRow): Promise<ExtractEntry[]> {
  const visits = await m.query<{ visitId: string }[]>(
    `SELECT DISTINCT visit_id AS visitId FROM passport_check WHERE destroy_act_id = ?`,
    [act.id],
  );
  const rows = await m.query<
    {
      seq: number;
      at: string;
      action: string;
      clerkId: string | null;
      data: string;
      hash: string;
    }[]
  >(
    `SELECT seq, at, action, clerk_id AS clerkId, data, hash FROM audit_event
     WHERE subject = ? AND (
       (action IN ('consent.record', 'consent.withdraw') AND json_extract(data, '$.consentId') = ?)
       OR (action = 'passport.check'
           AND json_extract(data, '$.visitId') IN (SELECT value FROM json_each(?)))
       OR (action IN ('personalData.destroy', 'personalData.actPrint')
           AND json_extract(data, '$.actId') = ?))
     ORDER BY seq`,
    [act.payerCode, act.consentId, JSON.stringify(visits.map((v) => v.visitId)), act.id],
  );
  const names = await clerkNames(m);
  return rows.map((r) => {
    const data = JSON.parse(r.data) as Record<string, unknown>;
    const str = (k: string) => {
      const v = data[k];
      return typeof v === 'string' ? v : undefined;
    };
    return {
      seq: r.seq,
      at: r.at,
      action: r.action,
      who: r.clerkId ? (names.get(r.clerkId) ?? r.clerkId) : null,
      details: {
        ...(str('passport') && { passport: str('passport') }),
        ...(str('textVersion') && { version: str('textVersion') }),
        ...(str('serial') && { serial: str('serial') }),
        ...(r.action === 'consent.withdraw' && str('reason') && { reason: str('reason') }),
        ...(r.action === 'personalData.destroy' && {
          destroyed: {
            reason: str('reason') as ActRow['reason'],
            categories: (Array.isArray(data.categories) ? data.categories : []) as Category[],
            persons: (Array.isArray(data.persons) ? data.persons : []) as ActPerson[],
          },
        }),
      },
      hash: r.hash,
    };
  });
}

function printed(
  serial: string,
  sent: { printer: string; error: string | null },
  at: string,
): DocumentPrint {
  return {
    serial,
    result: sent.error ? 'failed' : 'printed',
    printer: sent.printer,
    error: sent.error,
    reason: sent.error ? printFailureReason(sent.error) : null,
    at,
  };
}

/** Prints an act, or its extract from the event log, again or for the first time. */
export async function printAct(
  deps: PrintDeps,
  clerk: ClerkSummary,
  actId: string,
  part: 'act' | 'extract',
): Promise<DocumentPrint> {
  const { ctx } = deps;
  const settings = ctx.settings.get();
  const { act, entries } = await ctx.store.run(async (m) => {
    const act = await m.findOneBy(DestructionAct, { id: actId });
    if (!act) throw new AppError('ACT_NOT_FOUND', 'No such act.');
    return { act, entries: part === 'extract' ? await extractEntries(m, act) : [] };
  });
  const operator = JSON.parse(act.operator) as { name: string; address: string };
  const subject = { fullName: act.subjectName, payerCode: act.payerCode };
  const language = settings.language;
  const pdf =
    part === 'act'
      ? await renderDestructionAct({
          language,
          serial: act.serial,
          createdAt: act.createdAt,
          operator,
          subject,
          categories: JSON.parse(act.categories) as ('passport' | 'representative')[],
          records: JSON.parse(act.records) as ActRecord[],
          system: { name: act.systemName, office: act.officeId, workstation: ctx.workstationId },
          reason: act.reason,
          retentionDays: act.retentionDays,
          trigger: act.trigger,
          persons: JSON.parse(act.persons) as ActPerson[],
        })
      : await renderLogExtract({
          language,
          serial: act.serial,
          createdAt: act.createdAt,
          operator,
          subject,
          systemName: act.systemName,
          entries,
        });
  const sent = await sendToPrinter(
    deps,
    pdf,
    `${part === 'act' ? 'Act' : 'Extract'} ${act.serial}`,
  );
  const at = ctx.clock.now().toISOString();
  await ctx.store.tx((m) =>
    audit(ctx, m, clerk, {
      action: 'personalData.actPrint',
      subject: act.payerCode,
      text: `${part === 'act' ? 'Destruction act' : 'Log extract of act'} ${act.serial} ${sent.error ? 'failed on' : 'sent to'} ${sent.printer}${sent.error ? `: ${sent.error}` : ''}.`,
      data: { actId: act.id, serial: act.serial, part, printer: sent.printer, error: sent.error },
    }),
  );
  return printed(act.serial, sent, at);
}

/**
 * What the operator holds about the resident whose passport passed this visit's check
 * (152-FZ art. 14): that resident's consents, the credentials those consents backed, their
 * visits, their passport checks (numbers masked) and the acts of destruction about them.
 * Nothing of the account's other residents.
 */
export async function printSubjectReport(
  deps: PrintDeps,
  clerk: ClerkSummary,
  visitId: string,
): Promise<DocumentPrint> {
  const { ctx } = deps;
  const settings = ctx.settings.get();
  const data = await ctx.store.tx(async (m) => {
    const { visit, resident } = await checkedResident(m, visitId, clerk);
    const who = { accountId: visit.accountId, residentId: resident.id };
    const consents = await m.find(Consent, { where: who, order: { signedAt: 'ASC' } });
    const credentials = consents.length
      ? await m.query<SubjectReportDocument['credentials']>(
          `SELECT version, issued_at AS issuedAt, expires_at AS expiresAt, office_id AS officeId,
                  revoked_at AS revokedAt, revoke_reason AS revokeReason
           FROM credential WHERE account_id = ? AND consent_id IN (SELECT value FROM json_each(?))
           ORDER BY version`,
          [visit.accountId, JSON.stringify(consents.map((c) => c.id))],
        )
      : [];
    const visits = await m.find(Visit, { where: who, order: { startedAt: 'ASC' } });
    const checks = await m.query<
      {
        checkedAt: string;
        series: string;
        number: string;
        destroyedAt: string | null;
        passed: number;
      }[]
    >(
      `SELECT k.checked_at AS checkedAt, k.series, k.number, k.destroyed_at AS destroyedAt,
              k.passed
       FROM passport_check k JOIN visit v ON v.id = k.visit_id
       WHERE k.resident_id = ? AND k.matched = 1 AND v.account_id = ?
       ORDER BY k.checked_at`,
      [resident.id, visit.accountId],
    );
    const acts = await m.find(DestructionAct, { where: who, order: { createdAt: 'ASC' } });
    const serial = await nextSerial(ctx, m, 'R');
    return { visit, resident, consents, credentials, visits, checks, acts, serial };
  });
  const account = await getAccount(ctx.store, data.visit.accountId);
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND', 'The account left the registry.');
  const r = data.resident;
  const createdAt = ctx.clock.now().toISOString();
  const pdf = await renderSubjectReport({
    language: settings.language,
    serial: data.serial,
    createdAt,
    operator: settings.operator,
    office: { name: settings.office.name, address: settings.office.address },
    clerkName: clerk.fullName,
    systemName: SYSTEM_NAME,
    subject: {
      fullName: [r.surname, r.givenName, r.patronymic].filter(Boolean).join(' '),
      birthDate: r.birthDate,
      payerCode: data.visit.payerCode,
      address: fullAddress(settings.office.city, account.address.line),
    },
    consents: data.consents.map((c) => ({
      textVersion: c.textVersion,
      signedAt: c.signedAt,
      officeId: c.officeId,
      withdrawnAt: c.withdrawnAt,
      destroyedAt: c.destroyedAt,
    })),
    credentials: data.credentials,
    visits: data.visits.map((v) => ({
      kind: v.kind,
      startedAt: v.startedAt,
      closedAt: v.closedAt,
      officeId: v.officeId,
    })),
    checks: data.checks.map((k) => ({
      checkedAt: k.checkedAt,
      passport: k.destroyedAt ? null : maskPassport(k.series + k.number),
      passed: Boolean(k.passed),
    })),
    acts: data.acts.map((a) => ({ serial: a.serial, createdAt: a.createdAt, reason: a.reason })),
  });
  const sent = await sendToPrinter(deps, pdf, `Subject report ${data.serial}`);
  await ctx.store.tx((m) =>
    audit(ctx, m, clerk, {
      action: 'subjectReport.print',
      subject: data.visit.payerCode,
      text: `Subject report ${data.serial} for resident ${r.id} ${sent.error ? 'failed on' : 'sent to'} ${sent.printer}${sent.error ? `: ${sent.error}` : ''}.`,
      data: {
        visitId,
        serial: data.serial,
        residentId: r.id,
        printer: sent.printer,
        error: sent.error,
      },
    }),
  );
  return printed(data.serial, sent, createdAt);
}
