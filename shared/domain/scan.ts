// What a keyboard-wedge scanner typed into the search field (DOMAIN.md, "Scans at the
// counter"): a bill QR, a passport MRZ or a bare payer code. Total: never throws.

import { parseMrz, MRZ_LINE_LENGTH, type MrzPassport } from './mrz';

export type ScanResult =
  | { kind: 'bill'; payerCode: string | null; fields: Record<string, string> }
  | { kind: 'mrz'; passport: MrzPassport; checksOk: boolean }
  | { kind: 'payerCode'; payerCode: string }
  | { kind: 'unknown' };

// A GOST R 56042 QR holds at most a few hundred characters; anything far longer is not a
// scan, and refusing it early keeps a pasted document from costing the renderer a frame.
const MAX_SCAN_LENGTH = 4096;

/*
 * Keyboard layouts. A scanner sends key codes, and the OS turns them into characters with
 * the active layout. With the standard Windows "Russian" (ЙЦУКЕН) layout active, every
 * Latin letter arrives as the Cyrillic letter on the same key (`ST0001` → `ЫЕ0001`), and
 * so do the punctuation keys that carry letters in that layout: `<` (Shift+,) → `Б`,
 * `,` → `б`, `.` → `ю`, `>` → `Ю`, `;` → `ж`, `:` → `Ж`, `'` → `э`, `"` → `Э`, `[` → `х`,
 * `{` → `Х`, `]` → `ъ`, `}` → `Ъ`, `` ` `` → `ё`, `~` → `Ё`. Others move: `/` → `.`,
 * `?` → `,`, `|` (Shift+\) → `/`, `@` → `"`, `#` → `№`, `$` → `;`, `^` → `:`, `&` → `?`.
 * Digits, `=`, `-`, `+`, `\`, `*`, `(`, `)`, `_`, `!`, `%` and space are the same keys.
 * So a bill typed under the Russian layout reads `ЫЕ00012/ЗукыФсс=…`: the separator is
 * `/`, not `|`.
 *
 * The inverse below is applied only to text that starts like a scan typed that way.
 * Caps Lock: `ST0001` and `PNRUS` are upper case in every scan, so a lower-case start
 * means Caps Lock was on, and the case of every letter is swapped back first. In the
 * Russian layout Caps Lock also flips the letter-bearing punctuation keys (`<` arrives as
 * `б`), so swapping before mapping is what recovers them exactly; in the Latin layout only
 * ASCII letters are swapped, since Caps Lock touches nothing else there.
 *
 * Limits: Cyrillic that was genuinely in the QR (a payee name the scanner sends as
 * Alt-codes) is indistinguishable from shifted Latin and comes back garbled in `fields`;
 * the payer code is digits and always survives. macOS's "Russian" layout differs in
 * punctuation ("Russian – PC" matches Windows).
 */
const RU_LETTERS = 'йцукенгшщзфывапролдячсмить';
const EN_LETTERS = 'qwertyuiopasdfghjklzxcvbnm';
// prettier-ignore
const RU_PUNCTUATION: Record<string, string> = {
  х: '[', Х: '{', ъ: ']', Ъ: '}', ж: ';', Ж: ':', э: "'", Э: '"', б: ',', Б: '<',
  ю: '.', Ю: '>', ё: '`', Ё: '~', '.': '/', ',': '?', '/': '|', '"': '@', '№': '#',
  ';': '$', ':': '^', '?': '&',
};

const RU_TO_EN: Record<string, string> = { ...RU_PUNCTUATION };
for (let i = 0; i < RU_LETTERS.length; i++) {
  const ru = RU_LETTERS.charAt(i);
  const en = EN_LETTERS.charAt(i);
  RU_TO_EN[ru] = en;
  RU_TO_EN[ru.toUpperCase()] = en.toUpperCase();
}

/** Re-types text as if the Latin (US/QWERTY) layout had been active. */
export function fromRussianLayout(s: string): string {
  let out = '';
  for (const ch of s) out += RU_TO_EN[ch] ?? ch;
  return out;
}

// `ST0001` and `PNRUS` as they arrive under the Russian layout (`ЫЕ0001`, `ЗТКГЫ`), in
// either case.
const RU_BILL_PREFIX = /^ые0001/i;
const RU_MRZ_PREFIX = /^зткгы/i;
const BILL_PREFIX = /^ST0001[123]/i;
const PAYER_CODE = /^[0-9]{10}$/;

function parseBill(s: string): ScanResult {
  // The separator is whatever character follows the encoding flag (GOST R 56042 §5).
  const separator = s.charAt(7);
  const fields = new Map<string, string>();
  if (separator !== '') {
    for (const pair of s.slice(8).split(separator)) {
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const key = pair.slice(0, eq).trim();
      // A value may itself contain '='; only the first one separates the key. The first
      // occurrence of a key wins, so a pair appended later cannot override it.
      if (key !== '' && !fields.has(key)) fields.set(key, pair.slice(eq + 1).trim());
    }
  }
  // PersAcc is the payer's account; PersonalAcc is the payee's bank account and must
  // never be taken for it. Keys are case-sensitive in the standard, but a shifted scanner
  // flips case, so PersAcc alone is looked up case-insensitively.
  let payerCode: string | null = null;
  for (const [key, value] of fields) {
    if (key.toLowerCase() === 'persacc') {
      const compact = value.replace(/\s/g, '');
      payerCode = /^[0-9]+$/.test(compact) ? compact : null;
      break;
    }
  }
  // fromEntries defines own properties, so a `__proto__` key stays a plain field.
  return { kind: 'bill', payerCode, fields: Object.fromEntries(fields) };
}

function parseMrzScan(s: string): ScanResult {
  const compact = s.replace(/\s/g, '').toUpperCase();
  if (compact.length !== 2 * MRZ_LINE_LENGTH) return { kind: 'unknown' };
  const parsed = parseMrz(compact.slice(0, MRZ_LINE_LENGTH), compact.slice(MRZ_LINE_LENGTH));
  return parsed === null
    ? { kind: 'unknown' }
    : { kind: 'mrz', passport: parsed.passport, checksOk: parsed.checksOk };
}

function classify(s: string): ScanResult {
  if (BILL_PREFIX.test(s)) return parseBill(s);
  if (/^PNRUS/i.test(s)) return parseMrzScan(s);
  if (PAYER_CODE.test(s)) return { kind: 'payerCode', payerCode: s };
  return { kind: 'unknown' };
}

function swapCase(s: string, asciiOnly: boolean): string {
  let out = '';
  for (const ch of s) {
    if (asciiOnly && ch > '\x7f') out += ch;
    else {
      const upper = ch.toUpperCase();
      out += ch === upper ? ch.toLowerCase() : upper;
    }
  }
  return out;
}

/** A scan whose first two letters are lower case was typed with Caps Lock on. */
function capsLockOn(s: string): boolean {
  const first = s.slice(0, 2);
  return first === first.toLowerCase() && first !== first.toUpperCase();
}

/**
 * Recognises a scanned string: a bill QR (GOST R 56042-2014), a passport MRZ (two lines,
 * with or without a line break between them), or 10 bare digits (a payer code). Text typed
 * under the Russian keyboard layout or with Caps Lock on is recognised by its first
 * characters and mapped back.
 */
export function parseScan(text: unknown): ScanResult {
  try {
    if (typeof text !== 'string' || text.length > MAX_SCAN_LENGTH) return { kind: 'unknown' };
    const s = text.trim();
    if (RU_BILL_PREFIX.test(s) || RU_MRZ_PREFIX.test(s)) {
      const unlocked = capsLockOn(s) ? swapCase(s, false) : s;
      // An MRZ has no commas, so a `б` there is a `<` typed with an odd shift state.
      const mrzSafe = RU_MRZ_PREFIX.test(s) ? unlocked.replace(/б/g, 'Б') : unlocked;
      return classify(fromRussianLayout(mrzSafe));
    }
    return classify(BILL_PREFIX.test(s) && capsLockOn(s) ? swapCase(s, true) : s);
  } catch {
    // Nothing above should throw; a scan is never worth crashing the search field for.
    return { kind: 'unknown' };
  }
}
