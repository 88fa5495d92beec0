// The renderer's start: the JavaScript the sign-in screen needs (gzip), and the time from
// navigation to a usable sign-in screen (the login field focused and the button enabled) in
// Chromium, served the way the app serves it, against the real core.
// Run after a build: npx electron-vite build && npx tsx tests/bench/renderer.ts [--runs 20]
import { chromium } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { openCore } from '../../electron/core';
import { attach } from '../e2e/harness/fixtures';
import { chromiumArgs, chromiumPath } from '../e2e/harness/browser';
import { RENDERER_DIR } from '../e2e/harness/static-server';
import { seedStaff } from '../e2e/harness/support';
import { numberArg, summary, writeResult } from './stats';

/** Scripts and styles index.html loads before anything runs: the entry and its preloads. */
export function initialAssets(dir = RENDERER_DIR): { file: string; bytes: number; gzip: number }[] {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  return [...new Set(refs)].map((file) => {
    const body = readFileSync(join(dir, file));
    return { file, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
  });
}

export async function runRendererBench(opts: { runs: number }) {
  const assets = initialAssets();
  const jsGzip = assets.filter((a) => a.file.endsWith('.js')).reduce((s, a) => s + a.gzip, 0);
  const dir = mkdtempSync(join(tmpdir(), 'access-desk-bench-'));
  const core = await openCore({ dataDir: dir, dbKey: randomBytes(32), logSinks: [] });
  await seedStaff(core);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const times: number[] = [];
  try {
    for (let i = 0; i < opts.runs + 1; i++) {
      const context = await browser.newContext({ locale: 'ru-RU' });
      const page = await context.newPage();
      // tsx (esbuild keepNames) wraps the harness's init script in __name() calls, which the
      // page does not define; Playwright's own transpiler, used by the e2e tests, does not.
      await page.addInitScript('globalThis.__name = (f) => f;');
      const t0 = Date.now();
      const served = await attach(page, core);
      await page.getByRole('button', { name: 'Войти' }).waitFor({ state: 'visible' });
      // A string: this file is type-checked without the DOM library.
      await page.waitForFunction(
        "document.activeElement?.getAttribute('autocomplete') === 'username'",
      );
      const ms = Date.now() - t0;
      if (i > 0) times.push(ms); // the first run also starts the browser's renderer process
      await context.close();
      await served.close();
    }
  } finally {
    await browser.close();
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { assets, initialJsGzipBytes: jsGzip, timeToSignInMs: summary(times) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await runRendererBench({ runs: numberArg('--runs', 20) });
  console.log(
    `initial JS ${(r.initialJsGzipBytes / 1024).toFixed(1)} KB gzip; sign-in usable p50 ${r.timeToSignInMs.p50} ms, p95 ${r.timeToSignInMs.p95} ms`,
  );
  for (const a of r.assets)
    console.log(
      `  ${a.file}: ${(a.bytes / 1024).toFixed(1)} KB, ${(a.gzip / 1024).toFixed(1)} KB gzip`,
    );
  writeResult('renderer', r);
}
