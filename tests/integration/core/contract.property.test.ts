// The whole contract under generated input (issue 12): every channel, called as a clerk and
// as a supervisor through the real dispatcher on a real encrypted store, with inputs drawn
// from the channel's own schema, well-formed and hostile (schema-arbitrary.ts). No call may
// answer INTERNAL, throw, or take over two seconds; afterwards the audit chain verifies and
// the file passes PRAGMA integrity_check. A bounded run is part of `npm test`;
// `npm run fuzz` runs many more (FUZZ_RUNS).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Channel, contract } from '../../../shared/contract';
import type { ClerkSummary } from '../../../shared/schemas/session';
import { verifyAuditChain } from '../../../electron/core/audit/chain';
import { inputsFor, type Pools } from '../../support/schema-arbitrary';
import {
  accountWithOwner,
  call,
  issueThroughChannels,
  openTestCore,
  signInAs,
  type TestCore,
} from './harness';

const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
const SLOW_MS = 2_000;
let t: TestCore;
let pools: Pools;

beforeAll(async () => {
  t = await openTestCore({ accounts: 120 });
  // Something real to find: two issued accounts, an open visit, their consents and checks.
  const a = await issueThroughChannels(t, 0);
  const b = await issueThroughChannels(t, 1);
  const { account } = await accountWithOwner(t, 2);
  const open = await call(t, 'visit.start', {
    accountId: account.accountId,
    kind: 'issue',
  });
  const rows = <T>(sql: string) => t.core.ctx.store.run((m) => m.query<T[]>(sql));
  const ids = async (sql: string) => (await rows<{ v: unknown }>(sql)).map((r) => r.v);
  pools = {
    accountId: [a.accountId, b.accountId, account.accountId],
    visitId: [open.visitId, ...(await ids(`SELECT id AS v FROM visit`))],
    residentId: await ids(`SELECT id AS v FROM resident LIMIT 20`),
    consentId: await ids(`SELECT id AS v FROM consent`),
    id: [t.clerk.id, t.supervisor.id],
    clerkId: [t.clerk.id, t.supervisor.id],
    opId: await ids(`SELECT op_id AS v FROM outbox`),
    opIds: await ids(`SELECT op_id AS v FROM outbox`),
    query: [
      ...(await ids(`SELECT payer_code AS v FROM account LIMIT 5`)),
      ...(await ids(`SELECT surname AS v FROM resident LIMIT 5`)),
    ],
    login: [t.clerk.login, t.supervisor.login],
    date: [t.today],
    listDate: [t.today],
    from: [t.today],
    to: [t.today],
  };
}, 120_000);

afterAll(async () => t?.close());

/** One call as `who`, the way the app makes it; what must never happen is asserted here. */
async function probe(channel: Channel, who: ClerkSummary, input: unknown): Promise<string> {
  signInAs(t, who);
  const t0 = performance.now();
  const res = await t.core.dispatch(
    { trusted: true, url: 'app://access-desk/index.html' },
    channel,
    input,
  );
  const ms = performance.now() - t0;
  expect(res, `${channel} ${JSON.stringify(input)?.slice(0, 300)}`).toHaveProperty('ok');
  if (!res.ok) expect(res.code, `${channel}: ${res.message}`).not.toBe('INTERNAL');
  expect(ms, `${channel} took ${ms.toFixed(0)} ms`).toBeLessThan(SLOW_MS);
  return res.ok ? 'ok' : res.code;
}

const channels = Object.keys(contract) as Channel[];

describe('every channel under generated input', () => {
  for (const channel of channels) {
    const schema = contract[channel].input;
    it(
      `${channel}: no INTERNAL, nothing thrown, under ${SLOW_MS} ms`,
      async () => {
        const answers = new Set<string>();
        for (const hostile of [false, true]) {
          await fc.assert(
            fc.asyncProperty(
              inputsFor(schema, { pools, hostile }),
              fc.boolean(),
              async (input, asSupervisor) => {
                const code = await probe(channel, asSupervisor ? t.supervisor : t.clerk, input);
                if (!hostile) answers.add(code);
              },
            ),
            {
              numRuns: RUNS,
              seed: Number(process.env.FUZZ_SEED ?? 20261202) + channels.indexOf(channel),
            },
          );
        }
        // The well-formed inputs get past the schema (else this would test only the schema).
        expect(
          [...answers].filter((c) => c !== 'BAD_INPUT'),
          [...answers].join(', '),
        ).not.toEqual([]);
      },
      60_000 + RUNS * 2 * SLOW_MS,
    );
  }

  it('leaves the audit chain whole and the file sound', async () => {
    const chain = await verifyAuditChain(t.core.ctx.store);
    expect(chain).toMatchObject({ ok: true, firstBroken: null });
    expect(chain.checked).toBeGreaterThan(channels.length);
    const [check] = await t.core.ctx.store.run((m) =>
      m.query<{ integrity_check: string }[]>('PRAGMA integrity_check'),
    );
    expect(check).toEqual({ integrity_check: 'ok' });
  });
});
