// A printer that fails during a visit, through a real CUPS queue that stops taking jobs (the
// core's own CUPS backend, `lp` and all): the failure is recorded, the same sheet is printed
// again with the same serial once the queue takes jobs again, and after the visit closes the
// password is gone, so printing is refused. The queue is this file's alone: rejecting it can
// never spoil a print in a test running alongside.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { In, Like } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { Issued, PrintRecord } from '../../../shared/schemas/visit';
import { AuditEvent, Counter, PrintedSheet } from '../../../electron/core/db/entities';
import {
  cupsBackend,
  windowsPrintBackend,
  type CupsBackend,
} from '../../../electron/core/printing';
import { SYSTEM_DIALOG } from '../../../shared/domain/printing';
import { purgeJob } from '../../../electron/core/printing/ipp';
import { jobNumber } from '../../../electron/core/printing/lpstat';
import {
  acceptJobs,
  completedJobIds,
  rejectJobs,
  setupCupsQueue,
  waitFor,
  type CupsQueue,
} from '../../support/cups';
import { passportFor, personOf } from '../../support/passports';
import { pdfText, squash } from '../documents/poppler';
import {
  accountWithOwner,
  call,
  callFails,
  openTestCore,
  signInAs,
  type TestCore,
} from './harness';

const JAM = 'AccessDeskItJam';

let queue: CupsQueue;
let backend: CupsBackend | undefined;
let t: TestCore | undefined;
const written: string[] = [];

beforeAll(() => {
  queue = setupCupsQueue(JAM);
  acceptJobs(JAM); // whatever an interrupted earlier run left
});
afterEach(async () => {
  backend?.close();
  await t?.close();
});
afterAll(() => {
  acceptJobs(JAM);
  // The printed page carries a (test) password: leave nothing behind.
  for (const f of written) rmSync(f, { force: true });
});

/** The PDF cups-pdf wrote, after `since`, whose text contains `needle`. */
function printedWith(since: number, needle: string): { path: string; text: string } | undefined {
  for (const name of readdirSync(queue.outputDir)) {
    const path = join(queue.outputDir, name);
    const stat = statSync(path);
    if (!name.endsWith('.pdf') || stat.size === 0 || stat.mtimeMs < since - 1000) continue;
    let text: string;
    try {
      text = squash(pdfText(readFileSync(path)));
    } catch {
      continue; // still being written
    }
    if (text.includes(squash(needle))) return { path, text };
  }
  return undefined;
}

describe('a printer failing during a visit', () => {
  it('records the failure, prints the same sheet again, and refuses once the visit is closed', async () => {
    // Keep finished jobs for this test to purge itself: the backend's own sweep would purge
    // every finished Access Desk job of this user, including other tests' jobs.
    backend = cupsBackend({ purgeFinishedJobs: false });
    t = await openTestCore({ accounts: 60, printer: backend });
    signInAs(t, t.supervisor);
    await call(t, 'settings.update', { printer: JAM });
    signInAs(t, t.clerk);

    const { account, owner } = await accountWithOwner(t);
    const visit = await call(t, 'visit.start', {
      accountId: account.accountId,
      kind: 'issue',
    });
    await call(t, 'visit.check', {
      visitId: visit.visitId,
      residentId: owner.id,
      person: personOf(owner),
      passport: passportFor(owner.birthDate, t.today, '834521'),
      source: 'typed',
    });
    const issued = await call(t, 'visit.issue', {
      visitId: visit.visitId,
      consentSigned: true,
      representative: null,
    });
    expect(issued.sheetSerial).toBeTruthy();

    // The printer goes offline: lp refuses the job at once.
    rejectJobs(JAM, 'Access Desk integration test: paper jam');
    let failed: PrintRecord;
    try {
      failed = await call(t, 'visit.printSheet', { visitId: visit.visitId });
    } finally {
      acceptJobs(JAM);
    }
    expect(failed).toMatchObject({
      kind: 'info',
      serial: issued.sheetSerial,
      result: 'failed',
      printer: JAM,
      error: expect.stringMatching(/refused the job/),
    });

    // Back online; the clerk prints the same sheet again.
    t.clock.advance(60_000);
    const since = Date.now();
    const printed = await call(t, 'visit.printSheet', { visitId: visit.visitId });
    expect(printed).toMatchObject({
      kind: 'info',
      serial: issued.sheetSerial,
      result: 'printed',
      printer: JAM,
      error: null,
    });

    const rows = await t.core.ctx.store.run((m) =>
      m.find(PrintedSheet, { where: { visitId: visit.visitId }, order: { printedAt: 'ASC' } }),
    );
    expect(rows.map((r) => [r.kind, r.serial, r.result, r.printer, r.credentialId])).toEqual([
      ['info', issued.sheetSerial, 'failed', JAM, issued.credentialId],
      ['info', issued.sheetSerial, 'printed', JAM, issued.credentialId],
    ]);
    expect(rows[0]!.error).toMatch(/refused the job/);
    expect(rows[1]!.error).toBeNull();

    const sheetAudit = () =>
      t!.core.ctx.store.run((m) =>
        m.find(AuditEvent, {
          where: { action: In(['sheet.print', 'sheet.printFailed']) },
          order: { seq: 'ASC' },
        }),
      );
    const audit = await sheetAudit();
    expect(audit.map((a) => a.action)).toEqual(['sheet.printFailed', 'sheet.print']);
    expect(audit.map((a) => JSON.parse(a.data) as Record<string, unknown>)).toEqual([
      expect.objectContaining({
        visitId: visit.visitId,
        serial: issued.sheetSerial,
        printer: JAM,
        result: 'failed',
      }),
      expect.objectContaining({
        visitId: visit.visitId,
        serial: issued.sheetSerial,
        printer: JAM,
        result: 'printed',
        error: null,
      }),
    ]);
    expect(audit.every((a) => a.subject === account.payerCode)).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(issued.password);

    // The job really reached the printer: its page carries the serial, login and password.
    const page = await waitFor(() => printedWith(since, issued.sheetSerial), 50_000, 300);
    expect(page).toBeDefined();
    written.push(page!.path);
    expect(page!.text).toContain(issued.login);
    expect(page!.text).toContain(issued.password);
    // This queue is ours alone: purge its finished jobs from the spool (they hold the sheet).
    for (const id of completedJobIds(JAM)) await purgeJob(jobNumber(id)!);

    // The card counts both attempts for the visit.
    const card = await call(t, 'registry.account', { accountId: account.accountId });
    expect(card.visits.find((v) => v.id === visit.visitId)).toMatchObject({
      sheetsPrinted: 1,
      sheetsFailed: 1,
    });

    // The visit closes: the password is gone, and another sheet means a reset.
    await call(t, 'visit.close', { visitId: visit.visitId });
    expect(await callFails(t, 'visit.printSheet', { visitId: visit.visitId })).toBe(
      'PASSWORD_GONE',
    );
    expect(
      await t.core.ctx.store.run((m) => m.countBy(PrintedSheet, { visitId: visit.visitId })),
    ).toBe(2);
    expect((await sheetAudit()).length).toBe(2);
  });
});

describe('the system print dialog, the fallback for a printer the silent path cannot reach', () => {
  async function issuedVisit(tc: TestCore): Promise<{ visitId: string; issued: Issued }> {
    const { account, owner } = await accountWithOwner(tc);
    const visit = await call(tc, 'visit.start', {
      accountId: account.accountId,
      kind: 'issue',
    });
    await call(tc, 'visit.check', {
      visitId: visit.visitId,
      residentId: owner.id,
      person: personOf(owner),
      passport: passportFor(owner.birthDate, tc.today, '834522'),
      source: 'typed',
    });
    const issued = await call(tc, 'visit.issue', {
      visitId: visit.visitId,
      consentSigned: true,
      representative: null,
    });
    return { visitId: visit.visitId, issued };
  }

  it('is refused, typed, where the system has no dialog the app can open (CUPS)', async () => {
    backend = cupsBackend({ purgeFinishedJobs: false });
    t = await openTestCore({ accounts: 40, printer: backend });
    signInAs(t, t.supervisor);
    await call(t, 'settings.update', { printer: JAM });
    signInAs(t, t.clerk);
    expect(await call(t, 'printers.status', {})).toMatchObject({ dialog: false });
    const { visitId } = await issuedVisit(t);
    expect(await callFails(t, 'visit.printSheet', { visitId, viaDialog: true })).toBe(
      'PRINT_DIALOG_UNAVAILABLE',
    );
    expect(
      await callFails(t, 'visit.printConsent', { visitId, representative: null, viaDialog: true }),
    ).toBe('PRINT_DIALOG_UNAVAILABLE');
    expect(await t.core.ctx.store.run((m) => m.countBy(PrintedSheet, { visitId }))).toBe(0);
    // Refused before anything was taken: no consent-form serial is spent on it.
    expect(
      await t.core.ctx.store.run((m) => m.countBy(Counter, { name: Like('serial.C.%') })),
    ).toBe(0);
  });

  it('on Windows, hands the sheet to the dialog and records it as printed through it', async () => {
    // SumatraPDF is a Windows program: its launcher is the one thing replaced. It reads the
    // very PDF the core rendered, as SumatraPDF would.
    const launched: { args: string[]; text: string }[] = [];
    const tempDir = mkdtempSync(join(tmpdir(), 'access-desk-dialog-'));
    const windows = windowsPrintBackend({
      tempDir,
      printers: () => Promise.resolve([{ name: 'Kyocera ЭКОСИС', options: { status: '0' } }]),
      sumatraPath: 'SumatraPDF.exe',
      launch: (_file, args) => {
        launched.push({ args, text: squash(pdfText(readFileSync(args.at(-1)!))) });
        return Promise.resolve({ code: 0, stderr: '' });
      },
    });
    try {
      t = await openTestCore({ accounts: 40, printer: windows });
      signInAs(t, t.supervisor);
      await call(t, 'settings.update', { printer: 'Kyocera ЭКОСИС' });
      signInAs(t, t.clerk);
      expect(await call(t, 'printers.status', {})).toMatchObject({ state: 'ready', dialog: true });
      const { visitId, issued } = await issuedVisit(t);

      const printed = await call(t, 'visit.printSheet', { visitId, viaDialog: true });
      expect(printed).toMatchObject({
        serial: issued.sheetSerial,
        result: 'printed',
        printer: SYSTEM_DIALOG,
        error: null,
      });
      expect(launched).toHaveLength(1);
      expect(launched[0]!.args.slice(0, 2)).toEqual(['-print-dialog', '-exit-when-done']);
      expect(launched[0]!.text).toContain(issued.password);
      expect(readdirSync(tempDir)).toEqual([]);

      const [entry] = await t.core.ctx.store.run((m) =>
        m.find(AuditEvent, { where: { action: 'sheet.print' } }),
      );
      expect(entry!.text).toBe(
        `Information sheet ${issued.sheetSerial} sent to the system print dialog.`,
      );
      expect(JSON.parse(entry!.data)).toMatchObject({ printer: SYSTEM_DIALOG, result: 'printed' });
      expect(entry!.data).not.toContain(issued.password);

      // The consent form takes the same way out.
      const consent = await call(t, 'visit.printConsent', {
        visitId,
        representative: null,
        viaDialog: true,
      });
      expect(consent).toMatchObject({ kind: 'consent', printer: SYSTEM_DIALOG, result: 'printed' });
      expect(launched).toHaveLength(2);
    } finally {
      rmSync(tempDir, { recursive: true, force: true });
    }
  });
});
