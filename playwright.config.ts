import { defineConfig } from '@playwright/test';
import type { Target } from './tests/e2e/harness/fixtures';

// Two projects run the same journeys. `chromium`: the built renderer in Chromium against the
// real core in the test process. `electron`: the real Electron app, where its binary is
// installed; elsewhere those tests report as skipped, never as passed.
export default defineConfig<{ target: Target }>({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // The harness launches its own Chromium (see tests/e2e/harness/fixtures.ts) so that the
  // electron project never starts a browser it does not need.
  use: {},
  projects: [
    {
      name: 'chromium',
      use: { target: 'chromium' },
    },
    {
      name: 'electron',
      use: { target: 'electron' },
    },
  ],
});
