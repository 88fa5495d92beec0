import { existsSync } from 'node:fs';

/** Debian's Chromium when present (CI, this machine); Playwright's own browser otherwise. */
export const chromiumPath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;

export const chromiumArgs = [
  '--no-sandbox', // we run as root in CI containers; the app's own sandbox is Electron's
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
