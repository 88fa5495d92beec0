// PT Sans (OFL, from @expo-google-fonts/pt-sans), shipped in resources/fonts. Read and parsed
// once per process: parsing a 280 KB TTF for every sheet would cost more than drawing it.
// pdfkit embeds only the glyphs a document uses (a subset), whichever form it is given.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FONT_FILES = { regular: 'PTSans-Regular.ttf', bold: 'PTSans-Bold.ttf' } as const;
export type FontFace = keyof typeof FONT_FILES;

/** What pdfkit's registerFont accepts: file bytes, or an already parsed fontkit font. */
export type FontSource = Buffer | { layout: (...args: unknown[]) => unknown };

let resourcesDir: string | undefined;
let loaded: Record<FontFace, FontSource> | undefined;

/**
 * Where resources/ is. The Electron main process calls this at start-up (a packaged app keeps
 * it under process.resourcesPath); tests, the CLI and benchmarks find it from the source tree.
 */
export function setResourcesDir(dir: string): void {
  resourcesDir = resolve(dir);
  loaded = undefined;
}

function findResourcesDir(): string {
  if (resourcesDir) return resourcesDir;
  const fromEnv = process.env.ACCESS_DESK_RESOURCES;
  if (fromEnv) return resolve(fromEnv);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'fonts', FONT_FILES.regular))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error('resources/fonts not found: call setResourcesDir() at start-up');
}

/**
 * The fonts to give the next document. pdfkit accepts an already parsed fontkit font
 * (documented since 0.20), which lets every document share one parse and fontkit's glyph and
 * table caches: the first document parses the bytes, and `rememberParsed` keeps what it made.
 * Parsing with our own copy of fontkit would load a second instance of it (its CommonJS build
 * beside pdfkit's ES module one), which alone cost over 100 ms at start-up.
 */
export function fonts(): Record<FontFace, FontSource> {
  if (!loaded) {
    const dir = join(findResourcesDir(), 'fonts');
    loaded = {
      regular: readFileSync(join(dir, FONT_FILES.regular)),
      bold: readFileSync(join(dir, FONT_FILES.bold)),
    };
  }
  return loaded;
}

export function rememberParsed(face: FontFace, parsed: unknown): void {
  if (!loaded || !Buffer.isBuffer(loaded[face])) return;
  const font = parsed as Partial<ParsedFont> | null;
  if (typeof font?.layout !== 'function' || typeof font.glyphForCodePoint !== 'function') return;
  // fontkit caches glyph objects with the characters they were first looked up for. Building
  // a subset looks up composite glyphs' parts by id alone (Cyrillic "х" is drawn with Latin
  // "x"), which caches that part with no character; a later document using Latin "x" then gets
  // a glyph pdfkit cannot map back to text, and the PDF prints right but reads "lk.e ample.ru".
  // Looking every character up once, before any subset, caches each glyph with its character.
  for (const cp of font.characterSet ?? []) font.glyphForCodePoint(cp);
  loaded[face] = font as FontSource;
}

/** The parts of a fontkit font we rely on. */
interface ParsedFont {
  layout: (...args: unknown[]) => unknown;
  glyphForCodePoint: (cp: number) => unknown;
  characterSet: number[];
}
