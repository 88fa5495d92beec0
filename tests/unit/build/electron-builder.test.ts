import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// electron-builder's own loader and schema validator, as `electron-builder` runs them.
const require = createRequire(import.meta.url);
interface BuilderConfigModule {
  getConfig: (
    projectDir: string,
    configPath: string | null,
    configFromOptions: unknown,
  ) => Promise<Record<string, unknown>>;
  validateConfiguration: (config: unknown, debugLogger: unknown) => Promise<void>;
}
const { getConfig, validateConfiguration } =
  require('app-builder-lib/out/util/config/config') as BuilderConfigModule;
const { DebugLogger } = require('builder-util') as {
  DebugLogger: new (enabled: boolean) => unknown;
};

const ROOT = join(import.meta.dirname, '..', '..', '..');

async function load(): Promise<Record<string, unknown>> {
  return getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's schema", async () => {
    await expect(
      validateConfiguration(await load(), new DebugLogger(false)),
    ).resolves.toBeUndefined();
  });

  it('the validator does reject a wrong option (so the check above means something)', async () => {
    const config = { ...(await load()), electronFuses: { runAsNode: 'no' } };
    await expect(validateConfiguration(config, new DebugLogger(false))).rejects.toThrow(
      /runAsNode/,
    );
  });

  it('sets the fuses the security checklist asks for, with asar on', async () => {
    const config = await load();
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('targets Windows NSIS and Linux AppImage + deb', async () => {
    const config = (await load()) as {
      win: { target: { target: string }[] };
      linux: { target: { target: string }[] };
    };
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.linux.target.map((t) => t.target).sort()).toEqual(['AppImage', 'deb']);
  });
});
