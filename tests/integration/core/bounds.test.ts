// What one call can cost is bounded (issue 12), and the bounds hold through the real
// dispatcher: the longest query, the deepest nesting, the longest string, the most values,
// the largest page of the audit log, of search results and of approvals, the most held
// operations decided at once. Past a bound the answer is BAD_INPUT at the field that broke it.
// And a date that is no calendar day is BAD_INPUT at its field, not INTERNAL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INPUT_BOUNDS } from '../../../electron/core/api/bounds';
import { signIn } from '../../../electron/core/staff/service';
import { call, openTestCore, signInAs, type TestCore } from './harness';

let t: TestCore;

beforeAll(async () => {
  t = await openTestCore({ accounts: 400 });
  // More audit entries than one page may hold: failed sign-ins of unknown logins.
  for (let i = 0; i < 230; i++)
    await signIn(t.core.ctx, `nobody-${i}`, 'wrong').catch(() => undefined);
}, 120_000);
afterAll(async () => t?.close());

async function refusal(channel: string, input: unknown) {
  const r = await t.core.dispatch(
    { trusted: true, url: 'app://access-desk/index.html' },
    channel,
    input,
  );
  if (r.ok) throw new Error(`${channel} was not refused`);
  return { code: r.code, issues: r.issues ?? [] };
}

describe('the bounds of one call', () => {
  it('gives at most 200 audit entries a page, and refuses a larger page', async () => {
    signInAs(t, t.supervisor);
    const page = await call(t, 'audit.list', { limit: 200 });
    expect(page.entries).toHaveLength(200);
    expect(page.nextBefore).not.toBeNull();
    expect((await call(t, 'audit.list', {})).entries).toHaveLength(50);
    expect(await refusal('audit.list', { limit: 201 })).toMatchObject({
      code: 'BAD_INPUT',
      issues: [{ path: ['limit'], code: 'too_big' }],
    });
  });

  it('takes a 400-character query and refuses a longer one; a search answers at most one page', async () => {
    signInAs(t, t.clerk);
    const long = 'Иванов '.repeat(60).slice(0, 400);
    await expect(call(t, 'registry.search', { query: long })).resolves.toBeDefined();
    expect(await refusal('registry.search', { query: `${long}x` })).toMatchObject({
      code: 'BAD_INPUT',
      issues: [{ path: ['query'], code: 'too_big' }],
    });
    // A street every district has: far more accounts match than one answer carries.
    const [street] = await t.core.ctx.store.run((m) =>
      m.query<{ name: string }[]>(
        `SELECT s.name FROM street s JOIN account a ON a.street_id = s.id GROUP BY s.id ORDER BY count(*) DESC LIMIT 1`,
      ),
    );
    const found = await call(t, 'registry.search', { query: street!.name });
    expect(found.accounts.length).toBeLessThanOrEqual(20);
  });

  it('refuses nesting, a string, values and text beyond the bounds, at the path that broke them', async () => {
    signInAs(t, t.supervisor);
    let deep: unknown = 'x';
    for (let i = 0; i <= INPUT_BOUNDS.depth; i++) deep = { a: deep };
    expect(await refusal('settings.update', deep)).toMatchObject({
      code: 'BAD_INPUT',
      issues: [{ message: 'nested too deep' }],
    });
    expect(
      await refusal('registry.search', { query: 'x'.repeat(INPUT_BOUNDS.stringLength + 1) }),
    ).toMatchObject({
      code: 'BAD_INPUT',
      issues: [{ path: ['query'], message: 'string too long' }],
    });
    expect(
      await refusal('centre.decideHeld', {
        opIds: Array.from({ length: INPUT_BOUNDS.nodes }, (_, i) => `op-${i}`),
        release: true,
      }),
    ).toMatchObject({ code: 'BAD_INPUT', issues: [{ message: 'too many values in one call' }] });
    expect(
      await refusal('centre.decideHeld', {
        opIds: Array.from({ length: 501 }, (_, i) => `op-${i}`),
        release: true,
      }),
    ).toMatchObject({ code: 'BAD_INPUT', issues: [{ path: ['opIds'], code: 'too_big' }] });
    expect(await refusal('approvals.list', { limit: 501 })).toMatchObject({
      code: 'BAD_INPUT',
      issues: [{ path: ['limit'] }],
    });
    // A million keys on an input that takes none: refused before any schema walks them.
    const wide = Object.fromEntries(Array.from({ length: 1_000_000 }, (_, i) => [`k${i}`, 1]));
    expect(await refusal('session.current', wide)).toMatchObject({
      code: 'BAD_INPUT',
      issues: [{ message: 'too many values in one call' }],
    });
  });
});

describe('dates at the boundary', () => {
  // Issue 12 found these answering INTERNAL: the text looked like a date and was none.
  it('refuses a day that does not exist as BAD_INPUT at the field, for every channel that takes one', async () => {
    signInAs(t, t.supervisor);
    for (const day of ['2020-13-01', '2020-02-30', '2021-02-29', '2020-04-00']) {
      for (const [channel, input, field] of [
        ['reports.daily', { date: day }, 'date'],
        ['audit.list', { from: day }, 'from'],
        ['audit.list', { to: day }, 'to'],
        ['approvals.list', { from: day }, 'from'],
        ['passportList.install', { listDate: day }, 'listDate'],
      ] as const) {
        const r = await refusal(channel, input);
        expect(r.code, `${channel} ${day}`).toBe('BAD_INPUT');
        expect(
          r.issues.map((i: { path: unknown[] }) => i.path),
          `${channel} ${day}`,
        ).toEqual([[field]]);
      }
    }
    // A leap day is a day.
    await expect(call(t, 'reports.daily', { date: '2020-02-29' })).resolves.toMatchObject({
      date: '2020-02-29',
    });
  });
});
