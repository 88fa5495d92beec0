// A child process for the crash tests, bundled once with esbuild (a dependency of tsx):
// loading TypeORM from one file instead of hundreds cuts a child's start from about a second
// to a fifth, and dozens of starts add up. Without esbuild the child runs through tsx, only
// slower. Returns the arguments for `node`.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CACHE = fileURLToPath(
  new URL('../../node_modules/.cache/access-desk-tests/', import.meta.url),
);

export async function bundleChild(entry: string, outName: string): Promise<string[]> {
  try {
    const name = 'esbuild';
    const esbuild = (await import(name)) as { build(o: Record<string, unknown>): Promise<unknown> };
    const outfile = join(CACHE, outName);
    await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile,
      external: ['@journeyapps/sqlcipher', 'pg-native', '@node-rs/argon2'],
      // CommonJS dependencies inside an ES module bundle expect these.
      banner: {
        js: [
          `import { createRequire as __adRequire } from 'node:module';`,
          `import { fileURLToPath as __adPath } from 'node:url';`,
          `globalThis.require = __adRequire(import.meta.url);`,
          `globalThis.__filename = __adPath(import.meta.url);`,
          `globalThis.__dirname = __adPath(new URL('.', import.meta.url));`,
        ].join(' '),
      },
      logLevel: 'silent',
    });
    return [outfile];
  } catch {
    return ['--import', 'tsx', entry];
  }
}
