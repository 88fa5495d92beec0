import { printFailureReason, SYSTEM_DIALOG } from '../../../shared/domain/printing';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { ClerkSummary } from '../../../shared/schemas/session';
import type { PrintRecord, Representative } from '../../../shared/schemas/visit';
import { audit } from '../context';
import { Credential, PrintedSheet, type PrintedSheetRow } from '../db/entities';
import { renderConsentForm, renderInfoSheet } from '../documents';
import { PASSWORD_ALPHABET } from '../credentials/password';
import { fullAddress } from '../registry/address';
import { getAccount } from '../registry/search';
import { sheetActivation } from './activation';
import { officeDate } from '../../../shared/domain/office-time';
import type { VisitDeps } from './deps';
import { nextSerial } from './issue';
import { checkedResident, openVisit, ownVisit } from './state';

/** The backend's dialog, or the typed refusal: asked before a serial is taken or a PDF made. */
function dialogOrRefuse(deps: Pick<VisitDeps, 'printer'>): {
  printWithDialog: (pdf: Buffer, title: string) => Promise<unknown>;
} {
  const backend = deps.printer;
  if (!backend.printWithDialog)
    throw new AppError(
      'PRINT_DIALOG_UNAVAILABLE',
      'This system has no print dialog the app can open.',
    );
  return { printWithDialog: (pdf, title) => backend.printWithDialog!(pdf, title) };
}

/**
 * Sends a PDF to the configured printer, or (`viaDialog`) through the system's print dialog
 * where the clerk picks any printer the system reaches; the outcome is an answer, not an
 * exception.
 */
export async function sendToPrinter(
  deps: Pick<VisitDeps, 'ctx' | 'printer'>,
  pdf: Buffer,
  title: string,
  viaDialog = false,
): Promise<{ printer: string; error: string | null }> {
  if (viaDialog) {
    const { printWithDialog } = dialogOrRefuse(deps);
    try {
      await printWithDialog(pdf, title);
      return { printer: SYSTEM_DIALOG, error: null };
    } catch (e) {
      return { printer: SYSTEM_DIALOG, error: e instanceof Error ? e.message : String(e) };
    }
  }
  const printer = deps.ctx.settings.get().printer;
  if (!printer) throw new AppError('PRINTER_NOT_CONFIGURED', 'Choose a printer in the settings.');
  try {
    await deps.printer.print(pdf, printer, title);
    return { printer, error: null };
  } catch (e) {
    return { printer, error: e instanceof Error ? e.message : String(e) };
  }
}

async function record(
  deps: VisitDeps,
  clerk: ClerkSummary,
  row: Omit<PrintedSheetRow, 'id' | 'printedAt' | 'clerkId'>,
  payerCode: string,
  /** Facts of this document kept with the audit entry (what the sheet promised). */
  extra: Record<string, string | number> = {},
): Promise<PrintRecord> {
  const { ctx } = deps;
  const printedAt = ctx.clock.now().toISOString();
  await ctx.store.tx(async (m) => {
    await m.insert(PrintedSheet, { ...row, id: randomUUID(), printedAt, clerkId: clerk.id });
    const ok = row.result === 'printed';
    await audit(ctx, m, clerk, {
      action: row.kind === 'consent' ? 'consent.print' : ok ? 'sheet.print' : 'sheet.printFailed',
      subject: payerCode,
      text: `${row.kind === 'consent' ? 'Consent form' : 'Information sheet'} ${row.serial} ${ok ? 'sent to' : 'failed on'} ${row.printer === SYSTEM_DIALOG ? 'the system print dialog' : row.printer}${row.error ? `: ${row.error}` : ''}.`,
      data: {
        visitId: row.visitId,
        serial: row.serial,
        printer: row.printer,
        result: row.result,
        error: row.error,
        ...extra,
      },
    });
  });
  return {
    serial: row.serial,
    kind: row.kind,
    result: row.result,
    printer: row.printer,
    error: row.error,
    reason: row.result === 'failed' ? printFailureReason(row.error ?? '') : null,
    at: printedAt,
  };
}

/** The pre-filled consent form (two copies) for the resident whose passport passed. */
export async function printConsentForm(
  deps: VisitDeps,
  clerk: ClerkSummary,
  visitId: string,
  representative: Representative | null,
  viaDialog = false,
): Promise<PrintRecord> {
  if (viaDialog) dialogOrRefuse(deps);
  const { ctx } = deps;
  const settings = ctx.settings.get();
  const { visit, check, resident, serial } = await ctx.store.tx(async (m) => {
    const checked = await checkedResident(m, visitId, clerk);
    return { ...checked, serial: await nextSerial(ctx, m, 'C') };
  });
  const account = await getAccount(ctx.store, visit.accountId);
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND', 'The account left the registry.');
  const { pdf } = await renderConsentForm({
    language: settings.language,
    serial,
    subject: {
      fullName: [resident.surname, resident.givenName, resident.patronymic]
        .filter(Boolean)
        .join(' '),
      birthDate: resident.birthDate,
      address: fullAddress(settings.office.city, account.address.line),
      document: {
        series: check.series,
        number: check.number,
        issueDate: check.issueDate,
        issuedBy: check.issuedBy,
        departmentCode: check.departmentCode,
      },
    },
    representative,
    operator: settings.operator,
    processors: settings.processors,
    payerCode: visit.payerCode,
    office: { name: settings.office.name, address: settings.office.address },
    clerkName: clerk.fullName,
    date: officeDate(ctx.clock.now()),
  });
  const sent = await sendToPrinter(deps, pdf, `Consent ${serial}`, viaDialog);
  return record(
    deps,
    clerk,
    {
      serial,
      kind: 'consent',
      visitId,
      accountId: visit.accountId,
      credentialId: null,
      printer: sent.printer,
      result: sent.error ? 'failed' : 'printed',
      error: sent.error,
    },
    visit.payerCode,
  );
}

/**
 * Prints the information sheet with the password kept for this visit. The same sheet (same
 * serial) may be printed again while the visit is open; after it closes the password is
 * gone, and another sheet means a reset.
 */
export async function printInfoSheet(
  deps: VisitDeps,
  clerk: ClerkSummary,
  visitId: string,
  viaDialog = false,
): Promise<PrintRecord> {
  if (viaDialog) dialogOrRefuse(deps);
  const { ctx } = deps;
  const settings = ctx.settings.get();
  const { visit, credential } = await ctx.store.run(async (m) => {
    const visit = await ownVisit(m, visitId, clerk);
    if (visit.closedAt)
      throw new AppError('PASSWORD_GONE', 'The visit is closed; a new sheet needs a reset.');
    const credential = await m.findOneBy(Credential, { visitId });
    if (!credential) throw new AppError('VISIT_STEP_ORDER', 'Issue the password first.');
    return { visit: openVisit(visit), credential };
  });
  const password = deps.secrets.password(visitId);
  if (!password)
    throw new AppError(
      'PASSWORD_GONE',
      'The password is no longer kept; a new sheet needs a reset.',
    );
  const account = await getAccount(ctx.store, visit.accountId);
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND', 'The account left the registry.');
  const serial = credential.sheetSerial ?? '';
  const sync = deps.syncStatus ? await deps.syncStatus().catch(() => null) : null;
  const activation = await ctx.store.run((m) =>
    sheetActivation(m, sync, credential.id, ctx.clock.now(), settings.activationMinutes),
  );
  const pdf = await renderInfoSheet({
    language: settings.language,
    paper: settings.paper,
    serial,
    portalUrl: settings.portalUrl,
    login: credential.login,
    password,
    passwordAlphabet: PASSWORD_ALPHABET,
    expiresAt: credential.expiresAt,
    activationMinutes:
      activation.kind === 'within' ? activation.minutes : settings.activationMinutes,
    activation: activation.kind,
    meterDeadlineDay: settings.meterDeadlineDay,
    dataDelayDays: settings.dataDelayDays,
    district: account.address.districtName,
    office: {
      name: settings.office.name,
      address: settings.office.address,
      ...(settings.office.phone ? { phone: settings.office.phone } : {}),
    },
    clerkName: clerk.fullName,
    issuedAt: credential.issuedAt,
  });
  const sent = await sendToPrinter(deps, pdf, `Sheet ${serial}`, viaDialog);
  return record(
    deps,
    clerk,
    {
      serial,
      kind: 'info',
      visitId,
      accountId: visit.accountId,
      credentialId: credential.id,
      printer: sent.printer,
      result: sent.error ? 'failed' : 'printed',
      error: sent.error,
    },
    visit.payerCode,
    activation.kind === 'within'
      ? { activation: activation.kind, activationMinutes: activation.minutes }
      : { activation: activation.kind },
  );
}
