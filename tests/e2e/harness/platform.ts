// Stand-ins for what only Electron's main process has: safeStorage (here AES-256-GCM under a
// key that lives as long as the test) and the open-file dialog (here the test says in
// advance which file the supervisor "picks").
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Platform } from '../../../electron/core/platform';

export interface TestPlatform extends Platform {
  /** The file the next open-file dialog answers with (null: the supervisor cancels). */
  nextPick: string | null;
}

export function testPlatform(): TestPlatform {
  const key = randomBytes(32);
  const platform: TestPlatform = {
    nextPick: null,
    sealSecret(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
    },
    openSecret(sealed) {
      const raw = Buffer.from(sealed, 'base64');
      const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    },
    pickFile() {
      const picked = platform.nextPick;
      platform.nextPick = null;
      return Promise.resolve(picked);
    },
  };
  return platform;
}
