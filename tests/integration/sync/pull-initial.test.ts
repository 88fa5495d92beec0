// Pull, the initial load's side of credential state: a workstation whose cycle pushes a
// credential and then loads its replica (first sync ever, or after a district change) must
// learn what the centre decided about it before that load's snapshot. The change feed after
// the load starts past those rows, so the load itself brings the centre's current state of
// every credential held here and every conflict one of them took part in.
import { DEFAULT_SETTINGS } from '../../../shared/schemas/settings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../../shared/contract';
import { accountCard } from '../../../electron/core/accounts/card';
import { verifyAuditChain } from '../../../electron/core/audit/chain';
import { fixedClock } from '../../../electron/core/clock';
import { portalRecordEvent } from '../../../electron/core/sync/central/admin';
import { SyncService } from '../../../electron/core/sync/service';
import { conflictView } from '../../../electron/core/supervisor/sync-control';
import {
  argonHash,
  type Centre,
  issueLocally,
  openWorkstation,
  startCentre,
  districtsBySize,
  type Workstation,
} from './harness';

let centre: Centre;
let f: Workstation; // office 12, never synced before the first test
let b: Workstation; // office 7
let districts: string[];
let other: string[];
let hash: string;

beforeAll(async () => {
  centre = await startCentre({ accounts: 300 });
  const ranked = districtsBySize(centre);
  // The demo registry has few districts: the office first serves the largest one, and the
  // district change adds the next.
  districts = ranked.slice(0, 1);
  other = ranked.slice(1);
  f = await openWorkstation('12', 'fresh');
  b = await openWorkstation('7', 'b');
  hash = await argonHash('k7m4q-x9t2w');
});

afterAll(async () => {
  await f?.close();
  await b?.close();
  await centre?.close();
});

const svc = async (w: Workstation, ds = districts): Promise<SyncService> =>
  new SyncService(w.store, fixedClock('2025-06-02T12:00:00Z'), w.log, {
    central: await centre.connect(w),
    workstationId: w.id,
    officeId: w.officeId,
    districts: ds,
    timeZone: 'Europe/Moscow',
  });

const inDistricts = (ds: string[]): Centre['accounts'] =>
  centre.accounts.filter((x) => ds.includes(x.districtCode));

const credentialOf = (w: Workstation, id: string) =>
  w.store.run((m) =>
    m.query<Record<string, unknown>[]>(
      `SELECT status, revoke_reason, superseded_note FROM credential WHERE id = ?`,
      [id],
    ),
  );

const conflictAudits = (w: Workstation) =>
  w.store.run((m) =>
    m.query<{ text: string; data: string }[]>(
      `SELECT text, data FROM audit_event WHERE action = 'sync.conflict' ORDER BY seq`,
    ),
  );

/** b issues, then resets at `resetAt`, and pushes both: the reset is the account's credential. */
async function winningReset(acc: Centre['accounts'][number], resetAt: Date): Promise<string> {
  const sb = await svc(b);
  const first = await issueLocally(b, {
    accountId: acc.id,
    payerCode: acc.payerCode,
    passwordHash: hash,
    at: new Date(resetAt.getTime() - 3 * 60_000),
  });
  const reset = await issueLocally(b, {
    accountId: acc.id,
    payerCode: acc.payerCode,
    passwordHash: hash,
    at: resetAt,
    replaces: first.credentialId,
    version: 2,
  });
  expect(await sb.syncNow()).toMatchObject({ state: 'online', pending: 0, dead: 0 });
  await sb.stop();
  return reset.credentialId;
}

describe('initial load: credential state', () => {
  let firstLoser: string;
  let firstWinner: string;
  let firstAccount: number;
  let firstText: string;

  it('tells a workstation whose first cycle pushes a losing credential, and then loads', async () => {
    const acc = inDistricts(districts)[15]!;
    // b's reset at 12:13 Moscow time is at the centre already; f, never synced, issued at 12:12.
    const winner = await winningReset(acc, new Date('2025-06-02T09:13:00Z'));
    const loser = await issueLocally(f, {
      accountId: acc.id,
      payerCode: acc.payerCode,
      passwordHash: hash,
      at: new Date('2025-06-02T09:12:00Z'),
    });
    firstLoser = loser.credentialId;
    firstWinner = winner;
    firstAccount = acc.id;
    const sf = await svc(f);
    // One cycle: the push (the centre supersedes f's credential) and then the initial load.
    expect(await sf.syncNow()).toMatchObject({ state: 'online', pending: 0, lastError: null });
    const central = await centre.admin.query<{ status: string; superseded_by: string }[]>(
      `SELECT status, superseded_by FROM credential WHERE id = $1`,
      [loser.credentialId],
    );
    expect(central).toEqual([{ status: 'superseded', superseded_by: winner }]);

    firstText =
      'The sheet printed at 12:12 in office 12 was replaced by a reset at 12:13 in office 7.';
    expect(await credentialOf(f, loser.credentialId)).toEqual([
      { status: 'revoked', revoke_reason: 'superseded', superseded_note: firstText },
    ]);
    expect(await sf.listConflicts()).toEqual([
      expect.objectContaining({
        side: 'lost',
        loserCredentialId: loser.credentialId,
        winnerCredentialId: winner,
        accountId: acc.id,
        rule: 'latest-issued-wins',
        winner: expect.objectContaining({ officeId: '7', kind: 'reset' }),
        loser: expect.objectContaining({ officeId: '12', issuedAt: '2025-06-02T09:12:00.000Z' }),
        text: firstText,
      }),
    ]);
    const audits = await conflictAudits(f);
    expect(audits.map((e) => e.text)).toEqual([firstText]);
    expect(JSON.parse(audits[0]!.data)).toMatchObject({
      side: 'lost',
      loser: { credentialId: loser.credentialId },
      winner: { credentialId: winner },
    });
    expect((await verifyAuditChain(f.store)).ok).toBe(true);

    // The feed after the load neither misses it nor reports it again; b hears it as the winner.
    await sf.syncNow();
    expect(await sf.listConflicts()).toHaveLength(1);
    expect(await conflictAudits(f)).toHaveLength(1);
    const sb = await svc(b);
    await sb.syncNow();
    expect(
      (await sb.listConflicts()).filter((c) => c.loserCredentialId === loser.credentialId),
    ).toEqual([expect.objectContaining({ side: 'won', winnerCredentialId: winner })]);
    await sf.stop();
    await sb.stop();
  });

  it('gives the account card and the sync tab the facts of the conflict, on either side', async () => {
    expect(firstLoser).toBeDefined();
    // What the screens build the sentence from, through the contract's output schemas as the
    // dispatcher filters every answer: f's 12:12 sheet, replaced by b's reset at 12:13.
    const facts = {
      loserIssuedAt: '2025-06-02T09:12:00.000Z',
      loserOfficeId: '12',
      winnerIssuedAt: '2025-06-02T09:13:00.000Z',
      winnerOfficeId: '7',
      winnerKind: 'reset',
    };
    const clock = fixedClock('2025-06-02T12:00:00Z');
    const cardOf = async (w: Workstation) =>
      contract['registry.account'].output.parse(
        await accountCard(
          { store: w.store, clock, settings: { get: () => DEFAULT_SETTINGS } },
          { current: () => null },
          firstAccount,
        ),
      );
    const viewsOf = async (w: Workstation) => {
      const s = await svc(w);
      try {
        return contract['sync.conflicts'].output
          .parse((await s.listConflicts()).map((c) => conflictView(c)))
          .filter((c) => c.accountId === firstAccount);
      } finally {
        await s.stop();
      }
    };

    // The losing side: its only credential for the account, revoked, with the facts and the
    // stored English note kept for the fallback.
    expect((await cardOf(f)).credentials).toEqual([
      expect.objectContaining({
        id: firstLoser,
        state: 'revoked',
        revokeReason: 'superseded',
        supersededNote: firstText,
        conflict: { side: 'lost', ...facts },
      }),
    ]);
    expect(await viewsOf(f)).toEqual([
      {
        accountId: firstAccount,
        // The payer code is looked up by the app's sync control, not by the view itself.
        payerCode: null,
        text: firstText,
        detectedAt: expect.any(String),
        side: 'lost',
        ...facts,
      },
    ]);

    // The winning side: the reset in force carries the conflict it won; the credential the
    // reset replaced at b itself took part in none.
    const bCard = await cardOf(b);
    expect(bCard.credentials.map((c) => [c.version, c.id === firstWinner, c.state])).toEqual([
      [2, true, 'issued'],
      [1, false, 'revoked'],
    ]);
    expect(bCard.credentials[0]).toMatchObject({
      supersededNote: null,
      conflict: { side: 'won', ...facts },
    });
    expect(bCard.credentials[1]).toMatchObject({ supersededNote: null, conflict: null });
    expect(await viewsOf(b)).toEqual([
      {
        accountId: firstAccount,
        // The payer code is looked up by the app's sync control, not by the view itself.
        payerCode: null,
        text: firstText,
        detectedAt: expect.any(String),
        side: 'won',
        ...facts,
      },
    ]);
  });

  it('brings portal-side state set before the initial load to the local credential', async () => {
    const w = await openWorkstation('12', 'portal');
    try {
      const acc = inDistricts(districts)[30]!;
      const { credentialId } = await issueLocally(w, {
        accountId: acc.id,
        payerCode: acc.payerCode,
        passwordHash: hash,
        at: new Date('2025-06-02T09:00:00Z'),
      });
      // Push only (its setting narrows the enrolled districts to none): the credential
      // reaches the centre, no replica is loaded.
      const pushOnly = await svc(w, ['not-enrolled']);
      expect(await pushOnly.syncNow()).toMatchObject({ state: 'online', pending: 0 });
      await pushOnly.stop();
      const at = (s: string): Date => new Date(s);
      await portalRecordEvent(
        centre.admin,
        credentialId,
        'first-login',
        at('2025-06-02T18:00:00Z'),
      );
      await portalRecordEvent(
        centre.admin,
        credentialId,
        'password-changed',
        at('2025-06-02T18:01:00Z'),
      );
      await portalRecordEvent(centre.admin, credentialId, 'locked', at('2025-06-03T08:00:00Z'));

      const s = await svc(w);
      expect(await s.syncNow()).toMatchObject({ state: 'online', lastError: null });
      const row = await w.store.run((m) =>
        m.query<Record<string, unknown>[]>(
          `SELECT status, must_change, portal_first_login_at, portal_password_changed_at, portal_locked
           FROM credential WHERE id = ?`,
          [credentialId],
        ),
      );
      expect(row).toEqual([
        {
          status: 'active',
          must_change: 0,
          portal_first_login_at: '2025-06-02T18:00:00.000Z',
          portal_password_changed_at: '2025-06-02T18:01:00.000Z',
          portal_locked: 1,
        },
      ]);
      await s.stop();
    } finally {
      await w.close();
    }
  });

  it('reloads on a district change without reporting a known conflict twice, and brings a new one', async () => {
    expect(firstLoser).toBeDefined();
    const wider = [...districts, other[0]!];
    // A conflict that the centre decides in the very cycle whose pull is the reload.
    const acc = inDistricts([other[0]!])[0]!;
    const winner = await winningReset(acc, new Date('2025-06-02T10:13:00Z'));
    const loser = await issueLocally(f, {
      accountId: acc.id,
      payerCode: acc.payerCode,
      passwordHash: hash,
      at: new Date('2025-06-02T10:12:00Z'),
    });
    // And portal-side state on the first, superseded credential that f has not pulled yet.
    await portalRecordEvent(centre.admin, firstLoser, 'locked', new Date('2025-06-02T11:00:00Z'));

    const s = await svc(f, wider);
    expect(await s.syncNow()).toMatchObject({ state: 'online', pending: 0, lastError: null });
    expect(
      Number(
        (
          await f.store.run((m) =>
            m.query<{ n: number }[]>(`SELECT count(*) AS n FROM account WHERE district_code = ?`, [
              other[0],
            ]),
          )
        )[0]!.n,
      ),
    ).toBe(inDistricts([other[0]!]).length);

    const text =
      'The sheet printed at 13:12 in office 12 was replaced by a reset at 13:13 in office 7.';
    expect(await credentialOf(f, loser.credentialId)).toEqual([
      { status: 'revoked', revoke_reason: 'superseded', superseded_note: text },
    ]);
    expect(await credentialOf(f, firstLoser)).toEqual([
      { status: 'revoked', revoke_reason: 'superseded', superseded_note: firstText },
    ]);
    const locked = await f.store.run((m) =>
      m.query<{ portal_locked: number }[]>(`SELECT portal_locked FROM credential WHERE id = ?`, [
        firstLoser,
      ]),
    );
    expect(locked).toEqual([{ portal_locked: 1 }]);
    const byLoser = (x: string[], y: string[]): number => x[0]!.localeCompare(y[0]!);
    const listed = (await s.listConflicts())
      .map((c) => [c.loserCredentialId, c.side, c.text])
      .sort(byLoser);
    expect(listed).toEqual(
      [
        [firstLoser, 'lost', firstText],
        [loser.credentialId, 'lost', text],
      ].sort(byLoser),
    );
    expect(
      (await s.listConflicts()).find((c) => c.loserCredentialId === loser.credentialId),
    ).toMatchObject({ winnerCredentialId: winner });
    expect((await conflictAudits(f)).map((e) => e.text)).toEqual([firstText, text]);
    expect((await verifyAuditChain(f.store)).ok).toBe(true);

    // Once more, and back to the first set of districts: still each conflict once.
    await s.syncNow();
    await s.stop();
    const back = await svc(f);
    await back.syncNow();
    expect(await back.listConflicts()).toHaveLength(2);
    expect(await conflictAudits(f)).toHaveLength(2);
    await back.stop();
  });
});
