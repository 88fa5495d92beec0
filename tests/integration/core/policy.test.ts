// The machine policy over a real core (issue 15): what it sets is what the counter uses, is
// read-only for the supervisor (changing it is refused, resending it is not), leaves the
// supervisor's own values stored beneath it; and its central connection wins over the
// environment's, against a real centre.
import { afterEach, describe, expect, it } from 'vitest';

import type { Policy } from '../../../shared/schemas/policy';
import type { Settings } from '../../../shared/schemas/settings';

import { CENTRAL_URL_ENV } from '../../../electron/core/sync/config';
import { sealedPlatform, startCentre, waitFor, type Centre } from '../sync/harness';
import { call, callFails, openTestCore, signInAs, type TestCore } from './harness';

let t: TestCore | undefined;
let centre: Centre | undefined;
afterEach(async () => {
  await t?.close();
  await centre?.close();
  t = undefined;
  centre = undefined;
});

const POLICY: Policy = {
  portalUrl: 'https://lk.policy.example',
  printer: 'PolicyPrinter',
  language: 'en',
  districts: ['0302'],
};

describe('a machine policy', () => {
  it('is what the counter uses, read-only in the settings, with the own values kept beneath', async () => {
    t = await openTestCore({ accounts: 20, policy: POLICY });
    signInAs(t, t.supervisor);
    const view = await call(t, 'settings.get', {});
    expect(view.managed).toEqual(['central.districts', 'portalUrl', 'printer', 'language']);
    expect(view.settings).toMatchObject({
      portalUrl: 'https://lk.policy.example',
      printer: 'PolicyPrinter',
      language: 'en',
      central: { districts: '0302' },
    });

    // Changing a field the policy sets is refused, and nothing of the patch is written.
    const before = await t.core.ctx.settings.getValue<Settings>('app');
    const err = await t.core.dispatch(
      { trusted: true, url: 'app://access-desk/index.html' },
      'settings.update',
      { portalUrl: 'https://elsewhere.example', meterDeadlineDay: 20 },
    );
    expect(err).toMatchObject({ ok: false, code: 'SETTINGS_MANAGED' });
    expect(JSON.stringify(err)).toContain('portalUrl');
    expect(await t.core.ctx.settings.getValue<Settings>('app')).toEqual(before);

    // The form sends every field back: the policy's values unchanged pass, the rest is saved.
    const saved = await call(t, 'settings.update', {
      ...view.settings,
      meterDeadlineDay: 20,
    });
    expect(saved.settings).toMatchObject({ meterDeadlineDay: 20, portalUrl: POLICY.portalUrl });
    const stored = await t.core.ctx.settings.getValue<Settings>('app');
    expect(stored).toMatchObject({ meterDeadlineDay: 20, printer: null, language: 'ru' });
    expect(stored?.portalUrl).not.toBe(POLICY.portalUrl);
    expect(stored?.central.districts).toBe('');
    expect(await callFails(t, 'settings.update', { printer: 'Other' })).toBe('SETTINGS_MANAGED');
  });

  it('connects with its own central connection, over the environment', async () => {
    centre = await startCentre();
    const { cfg } = await centre.enrol('MSK-001');
    t = await openTestCore({
      accounts: 300,
      platform: sealedPlatform,
      policy: {
        central: {
          url: `postgres://${cfg.user}@${cfg.host}:${cfg.port}/${cfg.database}?sslmode=disable`,
          password: cfg.password,
        },
      },
      // The environment names a centre that is not there: the policy wins.
      sync: {
        env: { [CENTRAL_URL_ENV]: 'postgres://nobody:x@127.0.0.1:1/none?sslmode=disable' },
        tuning: { idleCheckMs: 50, backoffBaseMs: 50 },
      },
    });
    await waitFor('online through the policy', async () => {
      const s = await call(t!, 'sync.now', {});
      return s.state === 'online';
    });
    const s = await call(t, 'sync.status', {});
    expect(s.enrolment).toMatchObject({ login: cfg.user, officeId: 'MSK-001' });
    signInAs(t, t.supervisor);
    const view = await call(t, 'settings.get', {});
    expect(view.managed).toEqual(['central']);
    expect(view.settings.central).toMatchObject({ host: cfg.host, port: cfg.port, user: cfg.user });
    // The policy brings the login's secret: none can be set beside it, and none is stored.
    expect(await callFails(t, 'settings.setCentralPassword', { password: 'other' })).toBe(
      'SETTINGS_MANAGED',
    );
    expect(await callFails(t, 'settings.installClientKey', {})).toBe('SETTINGS_MANAGED');
    expect(view.centralPasswordSet).toBe(false);
    expect((await call(t, 'settings.get', {})).centralPasswordSet).toBe(false);
  });
});
