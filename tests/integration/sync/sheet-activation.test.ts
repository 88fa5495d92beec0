// What the information sheet says about when access starts, printed through a real CUPS
// queue by a core that syncs with a real centre: «after the data reach the centre» while the
// workstation is not connected, «within N minutes» while connected with N measured from how
// long its last credentials took to reach the centre, and «already works» once the centre has
// the credential. A sheet printed offline used to promise 15 minutes.
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { Issued } from '../../../shared/schemas/visit';
import { AuditEvent } from '../../../electron/core/db/entities';
import { cupsBackend, type CupsBackend } from '../../../electron/core/printing';
import {
  acceptJobs,
  setupCupsQueue,
  waitFor as waitForFile,
  type CupsQueue,
} from '../../support/cups';
import { passportFor, personOf } from '../../support/passports';
import { pdfText, squash } from '../documents/poppler';
import { accountWithOwner, call, openTestCore, signInAs, type TestCore } from '../core/harness';
import {
  connectThroughSettings,
  sealedPlatform,
  startCentre,
  waitFor,
  type Centre,
} from './harness';

const QUEUE = 'AccessDeskItActivation';
const AFTER_TRANSFER =
  'Доступ начнёт работать после того, как данные о выдаче будут переданы в центр.';
const WORKS_NOW = 'Доступ уже работает: войти можно сразу.';

let queue: CupsQueue;
let backend: CupsBackend | undefined;
let t: TestCore | undefined;
let centre: Centre | undefined;
const written: string[] = [];

beforeAll(() => {
  queue = setupCupsQueue(QUEUE);
  acceptJobs(QUEUE);
});
afterEach(async () => {
  backend?.close();
  await t?.close();
  await centre?.close();
  t = undefined;
  centre = undefined;
});
afterAll(() => {
  for (const f of written) rmSync(f, { force: true });
});

/** The text of the sheet cups-pdf wrote for `serial` after `since`, not read before. */
async function printedSheet(since: number, serial: string): Promise<string> {
  const found = await waitForFile(() => {
    for (const name of readdirSync(queue.outputDir)) {
      const path = join(queue.outputDir, name);
      const st = statSync(path);
      if (!name.endsWith('.pdf') || st.size === 0 || st.mtimeMs < since - 1000) continue;
      if (written.includes(path)) continue; // an earlier print of the same sheet
      try {
        const text = squash(pdfText(readFileSync(path)));
        if (text.includes(serial)) {
          written.push(path);
          return text;
        }
      } catch {
        // still being written
      }
    }
    return undefined;
  }, 30_000);
  if (!found) throw new Error(`sheet ${serial} did not come out of ${QUEUE}`);
  return found;
}

/** An issue visit up to the password, the sheet not printed yet. */
async function issue(t: TestCore, skip: number): Promise<{ visitId: string; issued: Issued }> {
  const { account, owner } = await accountWithOwner(t, skip);
  const v = await call(t, 'visit.start', {
    accountId: account.accountId,
    kind: 'issue',
  });
  await call(t, 'visit.check', {
    visitId: v.visitId,
    residentId: owner.id,
    person: personOf(owner),
    passport: passportFor(owner.birthDate, t.today),
    source: 'typed',
  });
  const issued = await call(t, 'visit.issue', {
    visitId: v.visitId,
    consentSigned: true,
    representative: null,
  });
  return { visitId: v.visitId, issued };
}

/** Prints the visit's sheet and reads it back from the queue. */
async function print(t: TestCore, visitId: string, serial: string): Promise<string> {
  const since = Date.now();
  const r = await call(t, 'visit.printSheet', { visitId });
  expect(r.result).toBe('printed');
  return printedSheet(since, serial);
}

const lastSheetAudit = async (t: TestCore) =>
  JSON.parse(
    (
      await t.core.ctx.store.run((m) =>
        m.findOne(AuditEvent, { where: { action: 'sheet.print' }, order: { seq: 'DESC' } }),
      )
    )?.data ?? '{}',
  ) as Record<string, unknown>;

describe('when the sheet says access starts', () => {
  it('follows the sync state: after transfer offline, measured minutes online, at once once sent', async () => {
    backend = cupsBackend({ purgeFinishedJobs: false });
    // The loop checks rarely: only «sync now» sends, so what is pending stays pending.
    t = await openTestCore({
      printer: backend,
      platform: sealedPlatform,
      sync: { tuning: { idleCheckMs: 600_000, backoffBaseMs: 50 } },
    });
    signInAs(t, t.supervisor);
    await call(t, 'settings.update', { printer: QUEUE });
    signInAs(t, t.clerk);
    const tc = t;

    // No centre configured at all: nothing can promise a time.
    const local = await issue(tc, 0);
    const offlineSheet = await print(tc, local.visitId, local.issued.sheetSerial);
    expect(offlineSheet).toContain(squash(AFTER_TRANSFER));
    expect(offlineSheet).not.toContain(squash('Доступ начнёт работать в течение'));
    expect(await lastSheetAudit(tc)).toMatchObject({ activation: 'afterTransfer' });
    await call(tc, 'visit.close', { visitId: local.visitId });

    // Connected, everything sent: a new credential waits for the next push. Nothing measured
    // since the link came up, so the office's setting (15 minutes) is the promise.
    // The local credential waits an hour for the centre: that wait is not the link's delay.
    tc.clock.advance(60 * 60_000);
    centre = await startCentre();
    await connectThroughSettings(tc, centre);
    await waitFor('online with an empty queue', async () => {
      const s = await call(tc, 'sync.now', {});
      return s.state === 'online' && s.pending === 0;
    });
    const first = await issue(tc, 1);
    expect((await call(tc, 'sync.status', {})).pending).toBeGreaterThan(0);
    expect(await print(tc, first.visitId, first.issued.sheetSerial)).toContain(
      squash('Доступ начнёт работать в течение 15 минут'),
    );

    // It reaches the centre 4 minutes later: a sheet printed again now says it works.
    tc.clock.advance(4 * 60_000);
    await waitFor('sent', async () => (await call(tc, 'sync.now', {})).pending === 0);
    expect(await print(tc, first.visitId, first.issued.sheetSerial)).toContain(squash(WORKS_NOW));
    expect(await lastSheetAudit(tc)).toMatchObject({ activation: 'now' });
    await call(tc, 'visit.close', { visitId: first.visitId });

    // The next one: the measured delay (4 minutes, the only one measured) is the promise.
    const second = await issue(tc, 2);
    expect(await print(tc, second.visitId, second.issued.sheetSerial)).toContain(
      squash('Доступ начнёт работать в течение 4 минут'),
    );
    expect(await lastSheetAudit(tc)).toMatchObject({ activation: 'within', activationMinutes: 4 });
    await call(tc, 'visit.close', { visitId: second.visitId });

    // The centre goes away: back to «after transfer».
    centre.pg.stop();
    expect((await call(tc, 'sync.now', {})).state).toBe('offline');
    const third = await issue(tc, 3);
    expect(await print(tc, third.visitId, third.issued.sheetSerial)).toContain(
      squash(AFTER_TRANSFER),
    );
  });
});
