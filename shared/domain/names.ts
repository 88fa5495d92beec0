// How names and addresses are compared everywhere (DOMAIN.md, "The visit at the counter"):
// case-insensitively, `ё` as `е`, hyphens and runs of spaces folded. The same function
// builds the stored search keys and folds what the clerk types, so both sides always agree.

const DASHES = /[-‐‑‒–—―]/g;
const SPACES = /\s+/g;

export function foldName(s: string): string {
  return (
    s
      // A decomposed й or ё (pasted from elsewhere) must fold like the composed one.
      .normalize('NFC')
      .toLocaleLowerCase('ru-RU')
      .replace(/ё/g, 'е')
      .replace(DASHES, ' ')
      .replace(SPACES, ' ')
      .trim()
  );
}

export function sameName(a: string, b: string): boolean {
  return foldName(a) === foldName(b);
}

/**
 * The half-open key range `[lo, hi)` of every folded key that starts with `prefix`, for a
 * B-tree range scan. U+FFFF sorts after any character a folded name can hold (in UTF-8 and
 * UTF-16 alike), so `hi` bounds the range without a LIKE.
 */
export function prefixRange(prefix: string): [string, string] {
  const lo = foldName(prefix);
  return [lo, `${lo}\uffff`];
}

/** House and flat numbers: `12к2`, `12 К 2`, `12 корп. 2` all fold to `12к2`. */
export function foldHouse(s: string): string {
  return foldName(s)
    .replace(/корпус|корп\.?/g, 'к')
    .replace(/строение|стр\.?/g, 'с')
    .replace(/владение|вл\.?/g, 'вл')
    .replace(/[\s.,/]/g, '');
}
