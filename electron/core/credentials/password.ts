import { randomInt } from 'node:crypto';

/**
 * Lower-case letters and digits without the look-alikes 0 O o 1 l I i (DOMAIN.md): 23 letters
 * and 8 digits, 31 symbols, so 10 symbols carry log2(31^10) ≈ 49.5 bits.
 */
export const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A temporary password: `length` symbols drawn uniformly with crypto.randomInt (which rejects
 * out-of-range draws, so there is no modulo bias), printed in groups joined by '-'. The
 * grouped form is the password: what the resident reads is exactly what they type.
 */
export function generateTemporaryPassword(length: number, groupSize: number): string {
  if (length < 10) throw new Error('A temporary password has at least 10 symbols.');
  let raw = '';
  for (let i = 0; i < length; i++) raw += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  const groups: string[] = [];
  for (let i = 0; i < raw.length; i += groupSize) groups.push(raw.slice(i, i + groupSize));
  return groups.join('-');
}
