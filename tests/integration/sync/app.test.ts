// Sync as the app runs it: the core starts it from the settings, a supervisor connects the
// workstation to the centre through the settings channels (password sealed), the visit's
// credential reaches the centre, the centre's registry replaces the demo one, and the
// status the app bar shows follows the centre going away and coming back.
import { verify } from '@node-rs/argon2';
import { afterEach, describe, expect, it } from 'vitest';

import { call, issueThroughChannels, openTestCore, type TestCore } from '../core/harness';
import {
  connectThroughSettings,
  sealedPlatform,
  startCentre,
  waitFor,
  type Centre,
} from './harness';

let t: TestCore | undefined;
let centre: Centre | undefined;
afterEach(async () => {
  await t?.close();
  await centre?.close();
  t = undefined;
  centre = undefined;
});

const status = (t: TestCore) => call(t, 'sync.status', {});
const platform = sealedPlatform;
const connect = connectThroughSettings;

describe('sync in the app', () => {
  it('is disabled until configured, then pushes what waited and replaces the demo registry', async () => {
    t = await openTestCore({ platform, sync: { tuning: { idleCheckMs: 50, backoffBaseMs: 50 } } });
    centre = await startCentre();

    // The office's founding supervisor and the clerk they created wait for the centre.
    const before = await status(t);
    expect(before).toMatchObject({ state: 'disabled', pending: 2, enrolment: null });
    const issued = await issueThroughChannels(t, 0);
    const waiting = await status(t);
    expect(waiting.state).toBe('disabled');
    expect(waiting.pending).toBeGreaterThan(2);
    expect((await call(t, 'app.info', {})).demoRegistry).toBe(true);

    await connect(t, centre);
    await waitFor('online with an empty queue', async () => {
      const s = await status(t!);
      return s.state === 'online' && s.pending === 0 && s.registryAt !== null;
    });
    // The centre told it what it is enrolled for; the office's directory is the centre's now.
    const online = await status(t);
    expect(online).toMatchObject({ dead: 0, held: 0, lastError: null });
    expect(online.enrolment).toEqual({
      mode: 'enrolled',
      login: expect.stringMatching(/^ws_msk_001_/),
      officeId: 'MSK-001',
      districts: centre.districts,
    });
    const staff = await centre.admin.query<{ login: string; role: string }[]>(
      `SELECT login, role FROM staff WHERE office_id = 'MSK-001' ORDER BY login`,
    );
    expect(staff).toEqual([
      { login: 'ivanov', role: 'clerk' },
      { login: 'petrova', role: 'supervisor' },
    ]);

    // The centre has the credential, and only its hash, which opens with the password.
    const rows = await centre.admin.query<{ password_hash: string; status: string }[]>(
      `SELECT password_hash, status FROM credential WHERE id = $1`,
      [issued.credentialId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('active');
    expect(await verify(rows[0]!.password_hash, issued.password)).toBe(true);
    // The replica now is the centre's: the app no longer calls it a demo.
    await waitFor('demo flag cleared', async () => {
      return (await call(t!, 'app.info', {})).demoRegistry === false;
    });
  });

  it('shows the centre going away and coming back, and loses nothing meanwhile', async () => {
    t = await openTestCore({
      platform,
      sync: { tuning: { idleCheckMs: 50, backoffBaseMs: 50, backoffCapMs: 200 } },
    });
    centre = await startCentre();
    await connect(t, centre);
    await waitFor('online', async () => (await status(t!)).state === 'online');

    centre.pg.stop();
    const off = await call(t, 'sync.now', {});
    expect(off.state).toBe('offline');
    expect(off.offlineSince).not.toBeNull();
    expect(off.lastError).toBeTruthy();
    // The counter keeps working: a visit commits locally and waits for the centre.
    const issued = await issueThroughChannels(t, 1);
    await waitFor('queued', async () => (await status(t!)).pending > 0);
    expect((await status(t)).state).toBe('offline');

    centre.pg.start();
    await waitFor('back online with an empty queue', async () => {
      const s = await status(t!);
      return s.state === 'online' && s.pending === 0;
    });
    const back = await status(t);
    expect(back.offlineSince).toBeNull();
    const rows = await centre.admin.query<unknown[]>(`SELECT 1 FROM credential WHERE id = $1`, [
      issued.credentialId,
    ]);
    expect(rows).toHaveLength(1);
  });
});
