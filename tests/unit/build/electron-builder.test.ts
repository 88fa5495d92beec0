import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The packaging configuration, read and validated by electron-builder's own loader and schema
// as `electron-builder` runs them. Nothing can be packaged here (no Electron binary), so these
// are the promises docs/deploy.md makes to IT: per-machine Windows installers (NSIS and MSI),
// deb and rpm, the fuses that keep the packaged app from being turned into a Node runtime, and
// every native module outside the archive (a .node file inside app.asar cannot be loaded).
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

interface Target {
  target: string;
  arch: string[];
}
/** The parts of the configuration these checks read. */
interface BuilderConfig {
  files: (string | { filter: string[] })[];
  extraResources: { from: string; to: string; filter: string[] }[];
  asar: boolean;
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  win: { target: Target[] };
  nsis: Record<string, unknown>;
  msi: Record<string, unknown>;
  linux: { target: Target[] };
  deb: { depends: string[] };
  rpm: { depends: string[] };
  publish: { provider: string; url: string }[];
}
const config = (await load()) as unknown as BuilderConfig;
const targets = (ts: Target[]) => ts.map((t) => `${t.target}:${t.arch.join(',')}`);

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

  it('builds per-machine NSIS and MSI installers for Windows x64', () => {
    expect(targets(config.win.target)).toEqual(['nsis:x64', 'msi:x64']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true });
    expect(config.msi).toMatchObject({ perMachine: true });
    // A fixed upgrade code: a new MSI replaces the old one instead of installing beside it.
    expect(config.msi.upgradeCode).toMatch(/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/);
  });

  it('builds deb (Debian, Astra Linux) and rpm (RED OS, ALT), each asking for a keyring', () => {
    expect(targets(config.linux.target)).toEqual(expect.arrayContaining(['deb:x64', 'rpm:x64']));
    expect(config.deb.depends.join(' ')).toMatch(/libsecret/);
    expect(config.deb.depends.join(' ')).toMatch(/gnome-keyring|kwallet/);
    expect(config.rpm.depends.join(' ')).toMatch(/libsecret/);
    expect(config.rpm.depends.join(' ')).toMatch(/gnome-keyring|kwallet/);
  });

  it('flips the fuses that keep the packaged app from running as Node or outside its asar', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships the build and the resources the core reads at run time', () => {
    const files = config.files.flatMap((f) => (typeof f === 'string' ? [f] : f.filter));
    expect(files).toEqual(expect.arrayContaining(['out/**', 'package.json']));
    const resources = config.extraResources.find((r) => r.from === 'resources');
    expect(resources?.to).toBe('resources');
    expect(resources?.filter).toEqual(expect.arrayContaining(['fonts/**', 'texts/**']));
    for (const dir of ['fonts', 'texts/sheet', 'texts/consent', 'texts/records'])
      expect(existsSync(join(ROOT, 'resources', dir)), dir).toBe(true);
  });

  it('unpacks every production dependency that carries a native module', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const hasNative = (dir: string, depth = 0): boolean => {
      if (depth > 6 || !existsSync(dir)) return false;
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (name.endsWith('.node') || name === 'binding.gyp') return true;
        if (name !== 'node_modules' && statSync(path).isDirectory() && hasNative(path, depth + 1))
          return true;
      }
      return false;
    };
    const unpacked = (name: string) =>
      config.asarUnpack.some((g) => {
        const base = g.replace(/\/\*\*$/, '');
        return `node_modules/${name}` === base || `node_modules/${name}`.startsWith(`${base}/`);
      });
    // A scoped package's native binary often sits in a sibling package (@node-rs/argon2-linux-x64-gnu).
    const scopes = (name: string) =>
      name.startsWith('@')
        ? readdirSync(join(ROOT, 'node_modules', name.split('/')[0]!))
            .filter((n) => n.startsWith(name.split('/')[1]!))
            .map((n) => `${name.split('/')[0]}/${n}`)
        : [name];
    const native = Object.keys(pkg.dependencies)
      .flatMap(scopes)
      .filter((name) => hasNative(join(ROOT, 'node_modules', name)));
    expect(native).toEqual(expect.arrayContaining(['@journeyapps/sqlcipher']));
    expect(native.some((n) => n.startsWith('@node-rs/argon2-'))).toBe(true);
    expect(native.filter((n) => !unpacked(n))).toEqual([]);
    // SumatraPDF is no .node file, but Windows runs it as a program: it must be a real file.
    expect(unpacked('pdf-to-printer')).toBe(true);
  });

  it('looks for updates only on the centre’s own server', () => {
    expect(config.publish).toHaveLength(1);
    const [feed] = config.publish;
    expect(feed?.provider).toBe('generic');
    expect(feed?.url).toMatch(/^https:\/\//);
    expect(feed?.url).not.toMatch(/github|electronjs|npmjs/);
    // The updater goes into the package (a dependency, not a build tool).
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(pkg.dependencies['electron-updater']).toBeDefined();
  });
});
