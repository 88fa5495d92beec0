import type { CredentialRow } from '../db/entities';

export type CredentialState = 'issued' | 'expired' | 'revoked';

/**
 * An active credential stops working when its temporary password was never used and its
 * expiry passed (DOMAIN.md); once the resident has logged in, the expiry no longer applies.
 */
export function credentialState(c: CredentialRow, at: string): CredentialState {
  if (c.status === 'revoked') return 'revoked';
  if (c.portalFirstLoginAt === null && c.expiresAt <= at) return 'expired';
  return 'issued';
}

export function isWorking(c: CredentialRow | null, at: string): c is CredentialRow {
  return c !== null && credentialState(c, at) === 'issued';
}
