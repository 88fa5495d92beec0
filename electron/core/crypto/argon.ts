import { hash, verify, type Options } from '@node-rs/argon2';

// OWASP's minimum for argon2id (DOMAIN.md): 19 MiB, two passes, one lane.
// `Algorithm` is a const enum, which isolated modules cannot read: 2 is Argon2id.
export const ARGON2_PARAMS: Options = {
  algorithm: 2,
  memoryCost: 19 * 1024,
  timeCost: 2,
  parallelism: 1,
};

export function hashSecret(plain: string): Promise<string> {
  return hash(plain, ARGON2_PARAMS);
}

export async function verifySecret(encoded: string, plain: string): Promise<boolean> {
  try {
    return await verify(encoded, plain);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;
/**
 * Spends the same time as a real verification, so that an unknown login cannot be told
 * from a wrong password by how long the answer takes.
 */
export async function verifyAgainstNothing(plain: string): Promise<false> {
  dummy ??= hashSecret('no such clerk: equalises timing');
  await verifySecret(await dummy, plain);
  return false;
}
