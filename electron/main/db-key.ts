import type { SafeStorage } from 'electron';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of Electron's `safeStorage` the key needs; tests pass a fake. */
export type KeyStorage = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'
>;

/**
 * The local database key: 32 random bytes made on first start and kept on disk only as
 * safeStorage ciphertext (DPAPI, Keychain, or the Secret Service / KWallet on Linux). On
 * Linux safeStorage can silently fall back to a hard-coded password ('basic_text'); then
 * the "encryption" protects nothing, so the app refuses to start instead.
 */
export function loadOrCreateDbKey(
  userData: string,
  safeStorage: KeyStorage,
  platform: NodeJS.Platform = process.platform,
): Buffer {
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
  const file = join(userData, 'db-key.bin');
  if (existsSync(file)) {
    return Buffer.from(safeStorage.decryptString(readFileSync(file)), 'hex');
  }
  const key = randomBytes(32);
  writeFileSync(`${file}.tmp`, safeStorage.encryptString(key.toString('hex')), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return key;
}
