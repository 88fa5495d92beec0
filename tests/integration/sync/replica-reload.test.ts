// A visit open while the registry replica is replaced under it (the centre's registry
// landing over the demo one at a first start, or a change of districts): whatever the visit
// does next ends in a typed error the clerk can read, and nothing is half-written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { fixedClock } from '../../../electron/core/clock';
import { Consent, Credential } from '../../../electron/core/db/entities';
import { createLogger } from '../../../electron/core/log/logger';
import { getAccount } from '../../../electron/core/registry/search';
import { SyncService } from '../../../electron/core/sync/service';
import { isAdultOn, passportFor, personOf } from '../../support/passports';
import { call, callFails, openTestCore, type TestCore } from '../core/harness';
import { type Centre, startCentre } from './harness';

let centre: Centre;
let t: TestCore;

beforeAll(async () => {
  // The centre has 150 accounts; the demo registry the counter started with has 300.
  centre = await startCentre({ accounts: 150 });
  t = await openTestCore({ accounts: 300 });
});
afterAll(async () => {
  await t?.close();
  await centre?.close();
});

describe('a visit whose account leaves the replica mid-visit', () => {
  it('ends in ACCOUNT_NOT_FOUND or RESIDENT_NOT_FOUND, and writes nothing', async () => {
    let found: {
      accountId: number;
      owner: Parameters<typeof personOf>[0] & { id: number };
    } | null = null;
    for (let id = 250; id <= 300 && !found; id++) {
      const a = await getAccount(t.core.ctx.store, id);
      const owner = a?.residents.find(
        (r) => r.relation === 'owner' && isAdultOn(r.birthDate, t.today),
      );
      if (a && owner) found = { accountId: a.accountId, owner };
    }
    expect(found).not.toBeNull();
    const v = await call(t, 'visit.start', {
      accountId: found!.accountId,
      kind: 'issue',
    });
    await call(t, 'visit.check', {
      visitId: v.visitId,
      residentId: found!.owner.id,
      person: personOf(found!.owner),
      passport: passportFor(found!.owner.birthDate, t.today),
      source: 'typed',
    });

    const { cfg } = await centre.enrol(t.core.ctx.officeId());
    const svc = new SyncService(
      t.core.ctx.store,
      fixedClock('2026-11-25T09:00:00Z'),
      createLogger('t', []),
      {
        central: cfg,
        workstationId: t.core.ctx.workstationId,
        officeId: t.core.ctx.officeId(),
        districts: [],
      },
    );
    expect(await svc.syncNow()).toMatchObject({ state: 'online', lastError: null });
    await svc.stop();
    expect(await getAccount(t.core.ctx.store, found!.accountId)).toBeNull();

    for (const [channel, input] of [
      ['visit.printConsent', { visitId: v.visitId, representative: null }],
      ['visit.issue', { visitId: v.visitId, consentSigned: true, representative: null }],
    ] as const)
      expect(await callFails(t, channel, input), channel).toMatch(
        /^(ACCOUNT_NOT_FOUND|RESIDENT_NOT_FOUND|PRINTER_NOT_CONFIGURED)$/,
      );
    expect(
      await t.core.ctx.store.run((m) => m.countBy(Consent, { accountId: found!.accountId })),
    ).toBe(0);
    expect(
      await t.core.ctx.store.run((m) => m.countBy(Credential, { accountId: found!.accountId })),
    ).toBe(0);
    // The clerk can still end the visit.
    await call(t, 'visit.close', { visitId: v.visitId });
  });
});
