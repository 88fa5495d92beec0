import { z } from 'zod';

// Every string that crosses the contract goes through one of these, so that what is checked,
// stored, hashed, printed and sent to the centre is the same text everywhere (issue 12):
//  - well-formed Unicode (a lone surrogate cannot be stored as it was typed, and would not
//    hash the same once stored), else refused;
//  - normalised to NFC (the same name typed, pasted or scanned is the same string);
//  - what pasting from an office document brings and nobody means, repaired: no-break and
//    other odd spaces become plain spaces, zero-width characters and soft hyphens go;
//  - control characters, line and paragraph separators and bidirectional overrides refused
//    (only a multi-line field keeps line breaks, as \n).
// Secrets (passwords) are only checked and normalised: their spaces are theirs.

const ODD_SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
// Control characters are what these match, on purpose.
/* eslint-disable no-control-regex */
const FORBIDDEN = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;
const FORBIDDEN_BUT_NEWLINE =
  /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;
/* eslint-enable no-control-regex */

/** The reason a clean text was refused, in the params (the renderer translates it). */
export type TextRefusal = 'malformed' | 'control';

/** The repair every clean text gets (exported for the forms that clean as the clerk types). */
export function repairText(s: string, multiline = false): string {
  const t = s.normalize('NFC').replace(ODD_SPACES, ' ').replace(INVISIBLE, '');
  return multiline ? t.replace(/\r\n?/g, '\n') : t;
}

function base(repair: (s: string) => string, forbidden: RegExp) {
  return z
    .string()
    .refine((s) => s.isWellFormed(), { params: { text: 'malformed' }, abort: true })
    .overwrite(repair)
    .refine((s) => !forbidden.test(s), { params: { text: 'control' }, abort: true });
}

/** One line of text: a name, a code, a search, an address. */
export const text = () => base((s) => repairText(s), FORBIDDEN);

/** Text that may hold line breaks (a reason written out, say). */
export const multilineText = () => base((s) => repairText(s, true), FORBIDDEN_BUT_NEWLINE);

/** A password: well-formed, NFC and no control characters; nothing else is touched. */
export const secret = () => base((s) => s.normalize('NFC'), FORBIDDEN);
