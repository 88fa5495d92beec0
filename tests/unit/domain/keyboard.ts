// What a keyboard-wedge scanner types when the Windows "Russian" (ЙЦУКЕН) layout is active:
// the character on the same key (and shift state) in that layout. Written out key by key
// from the layout, independently of the inverse table in shared/domain/scan.ts.
const US = "`qwertyuiop[]asdfghjkl;'zxcvbnm,./" + '~QWERTYUIOP{}ASDFGHJKL:"ZXCVBNM<>?' + '@#$^&|';
const RU = 'ёйцукенгшщзхъфывапролджэячсмитьбю.' + 'ЁЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ,' + '"№;:?/';

const TABLE = new Map<string, string>();
for (let i = 0; i < US.length; i++) TABLE.set(US.charAt(i), RU.charAt(i));

export function typedWithRussianLayout(s: string): string {
  let out = '';
  for (const ch of s) out += TABLE.get(ch) ?? ch;
  return out;
}

/** The same keys with Caps Lock on: it flips the case of every letter of the layout. */
export function withCapsLock(s: string): string {
  let out = '';
  for (const ch of s) out += ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase();
  return out;
}
