// The database key in the main process, with a fake of Electron's safeStorage (the only fake
// here): the app refuses to start when the "encryption" would be plain text, and otherwise
// keeps the key only as safeStorage ciphertext.
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DbKey, loadOrCreateDbKey, type KeyStorage } from '../../../electron/main/db-key';

function keyOf(k: DbKey): Buffer {
  if (!('key' in k)) throw new Error(`the key is lost: ${k.lost}`);
  return k.key;
}

type Backend = ReturnType<KeyStorage['getSelectedStorageBackend']>;

/** Behaves like safeStorage: a reversible transform marked so it cannot pass for the input. */
function fakeSafeStorage(backend: Backend, available = true) {
  const calls = { encrypt: 0, decrypt: 0, backend: 0 };
  const storage: KeyStorage = {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => {
      calls.backend++;
      return backend;
    },
    encryptString: (plain) => {
      calls.encrypt++;
      return Buffer.concat([Buffer.from('FAKE'), Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)]);
    },
    decryptString: (sealed) => {
      calls.decrypt++;
      if (!sealed.subarray(0, 4).equals(Buffer.from('FAKE'))) throw new Error('not sealed by us');
      return Buffer.from(sealed.subarray(4).map((b) => b ^ 0x5a)).toString('utf8');
    },
  };
  return { storage, calls };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'access-desk-key-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the database key', () => {
  it('refuses to start on Linux when safeStorage would use its plain-text backend', () => {
    const { storage, calls } = fakeSafeStorage('basic_text');
    expect(() => loadOrCreateDbKey(dir, storage, 'linux')).toThrow(/fall back to plain text/);
    expect(calls.backend).toBe(1);
    // Nothing was made or written: no key exists anywhere.
    expect(calls.encrypt).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses to start when secure storage is not available at all', () => {
    const { storage, calls } = fakeSafeStorage('gnome_libsecret', false);
    expect(() => loadOrCreateDbKey(dir, storage, 'linux')).toThrow(
      /Secure storage is not available/,
    );
    expect(calls.encrypt).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('makes a random key once, keeps it only sealed, and reads the same key back', () => {
    const { storage, calls } = fakeSafeStorage('gnome_libsecret');
    const key = keyOf(loadOrCreateDbKey(dir, storage, 'linux'));
    expect(key).toHaveLength(32);
    expect(calls.encrypt).toBe(1);

    const file = join(dir, 'db-key.bin');
    expect(readdirSync(dir)).toEqual(['db-key.bin']); // the .tmp was renamed, not left
    const onDisk = readFileSync(file);
    expect(onDisk.subarray(0, 4).toString()).toBe('FAKE'); // what safeStorage sealed
    expect(onDisk.includes(Buffer.from(key.toString('hex')))).toBe(false);
    expect(onDisk.includes(key)).toBe(false);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const again = keyOf(loadOrCreateDbKey(dir, storage, 'linux'));
    expect(again.equals(key)).toBe(true);
    expect(calls).toMatchObject({ encrypt: 1, decrypt: 1 });

    // A second workstation (another folder) gets a key of its own.
    const other = mkdtempSync(join(tmpdir(), 'access-desk-key-'));
    try {
      expect(keyOf(loadOrCreateDbKey(other, storage, 'linux')).equals(key)).toBe(false);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('asks for the Linux backend only on Linux', () => {
    const { storage, calls } = fakeSafeStorage('basic_text');
    // On Windows and macOS safeStorage has no plain-text fallback to refuse.
    expect(keyOf(loadOrCreateDbKey(dir, storage, 'win32'))).toHaveLength(32);
    expect(calls.backend).toBe(0);
    expect(existsSync(join(dir, 'db-key.bin'))).toBe(true);
  });

  it('reports a key this keyring cannot open as lost, and writes nothing over it', () => {
    const { storage } = fakeSafeStorage('gnome_libsecret');
    keyOf(loadOrCreateDbKey(dir, storage, 'linux'));
    writeFileSync(join(dir, 'access-desk.db'), 'an encrypted database');
    const sealed = readFileSync(join(dir, 'db-key.bin'));
    // A new profile or keyring: what was sealed before cannot be opened.
    const other: KeyStorage = {
      ...storage,
      decryptString: () => {
        throw new Error(
          'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
        );
      },
    };
    expect(loadOrCreateDbKey(dir, other, 'linux')).toEqual({ lost: 'unreadable' });
    expect(readFileSync(join(dir, 'db-key.bin')).equals(sealed)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['access-desk.db', 'db-key.bin']);
  });

  it('reports a missing key next to a database as lost, instead of making a new one', () => {
    const { storage, calls } = fakeSafeStorage('gnome_libsecret');
    writeFileSync(join(dir, 'access-desk.db'), 'an encrypted database');
    expect(loadOrCreateDbKey(dir, storage, 'linux')).toEqual({ lost: 'missing' });
    expect(calls.encrypt).toBe(0);
    expect(readdirSync(dir)).toEqual(['access-desk.db']);
  });
});
