import type { SafeStorage } from 'electron';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DB_FILE, KEY_FILE, type KeyLoss } from '../core/files';

/** The parts of Electron's `safeStorage` the key needs; tests pass a fake. */
export type KeyStorage = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'
>;

export type DbKey = { key: Buffer } | { lost: KeyLoss };

/**
 * The local database key: 32 random bytes made on first start and kept on disk only as
 * safeStorage ciphertext (DPAPI, Keychain, or the Secret Service / KWallet on Linux). On
 * Linux safeStorage can silently fall back to a hard-coded password ('basic_text'); then
 * the "encryption" protects nothing, so the app refuses to start instead.
 *
 * A key that this user's keyring cannot open any more (a reimaged Windows profile, a new
 * keyring) is reported as lost, and so is a missing key next to an existing database: never
 * a new key and a new empty database in place of one that cannot be read (core/recovery.ts
 * says so at the counter, and keeps the old file).
 */
export function loadOrCreateDbKey(
  userData: string,
  safeStorage: KeyStorage,
  platform: NodeJS.Platform = process.platform,
): DbKey {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new Error(
      'Secure storage is not available on this computer; Access Desk cannot protect its database.',
    );
  }
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    throw new Error(
      'No system keyring (Secret Service or KWallet) is running, so secure storage would fall back to plain text. Start a keyring and try again.',
    );
  }
  const file = join(userData, KEY_FILE);
  if (existsSync(file)) {
    let hex: string;
    try {
      hex = safeStorage.decryptString(readFileSync(file));
    } catch {
      return { lost: 'unreadable' };
    }
    const key = Buffer.from(hex, 'hex');
    return key.length === 32 ? { key } : { lost: 'unreadable' };
  }
  if (existsSync(join(userData, DB_FILE))) return { lost: 'missing' };
  const key = randomBytes(32);
  writeFileSync(`${file}.tmp`, safeStorage.encryptString(key.toString('hex')), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return { key };
}
