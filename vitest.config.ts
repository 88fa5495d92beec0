import { defineConfig } from 'vitest/config';

// Unit tests: pure rules and single modules, fast. Integration tests: real encrypted SQLite
// files, a real PostgreSQL the suite starts itself, a real CUPS queue, real PDFs read back.
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Argon2 and SQLCipher are CPU-bound; two cores do not gain from more workers.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          // What `electron-vite build` wrote (out/): the main process booted under Node with a
          // stand-in for 'electron', the preload read as it ships. Run after the build.
          name: 'built',
          include: ['tests/built/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
