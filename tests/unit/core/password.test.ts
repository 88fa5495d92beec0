import { describe, expect, it } from 'vitest';
import {
  generateTemporaryPassword,
  PASSWORD_ALPHABET,
} from '../../../electron/core/credentials/password';
import { credentialState } from '../../../electron/core/credentials/state';
import type { CredentialRow } from '../../../electron/core/db/entities';

describe('temporary passwords', () => {
  it('use 31 symbols with no look-alikes', () => {
    expect(new Set(PASSWORD_ALPHABET).size).toBe(31);
    for (const c of '0Oo1lIi') expect(PASSWORD_ALPHABET).not.toContain(c);
  });

  it('are grouped for reading and carry at least 10 symbols', () => {
    expect(generateTemporaryPassword(10, 5)).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(generateTemporaryPassword(12, 4)).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(() => generateTemporaryPassword(8, 4)).toThrow();
  });

  it('draw every symbol about equally often (chi-square, no modulo bias)', () => {
    const counts = new Map<string, number>();
    const n = 20_000;
    for (let i = 0; i < n; i++)
      for (const c of generateTemporaryPassword(10, 10)) counts.set(c, (counts.get(c) ?? 0) + 1);
    const expected = (n * 10) / PASSWORD_ALPHABET.length;
    const chi2 = [...PASSWORD_ALPHABET].reduce(
      (s, c) => s + ((counts.get(c) ?? 0) - expected) ** 2 / expected,
      0,
    );
    // 30 degrees of freedom: the 99.99th percentile is about 66. A symbol drawn with a bias
    // of a mere 10% more often would push this past 100 at this sample size.
    expect(chi2).toBeLessThan(66);
  });

  it('do not repeat', () => {
    const seen = new Set(Array.from({ length: 5000 }, () => generateTemporaryPassword(10, 5)));
    expect(seen.size).toBe(5000);
  });
});

describe('credential state', () => {
  const base = {
    status: 'active',
    portalFirstLoginAt: null,
    expiresAt: '2026-12-25T00:00:00.000Z',
  } as CredentialRow;
  it('expires only while unused', () => {
    expect(credentialState(base, '2026-12-01T00:00:00.000Z')).toBe('issued');
    expect(credentialState(base, '2026-12-26T00:00:00.000Z')).toBe('expired');
    expect(
      credentialState(
        { ...base, portalFirstLoginAt: '2026-12-02T00:00:00.000Z' },
        '2026-12-26T00:00:00.000Z',
      ),
    ).toBe('issued');
    expect(credentialState({ ...base, status: 'revoked' }, '2026-12-01T00:00:00.000Z')).toBe(
      'revoked',
    );
  });
});
