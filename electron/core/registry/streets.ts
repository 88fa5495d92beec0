// Street matching in memory. A replica holds a few hundred to a few thousand streets, so
// scanning them all per query costs tens of microseconds — less than one round trip to
// SQLite, and simpler than a full-text table that must be kept in step with the registry.
// Words match in any order, each as a prefix of a different word of the name.
import { foldName } from '../../../shared/domain/names';

export interface StreetInfo {
  id: number;
  name: string;
  kind: string;
}

interface Entry extends StreetInfo {
  /** Folded words of the name, ordinals as `1#`; digits-only words are in `numbers`. */
  words: string[];
  numbers: string[];
}

export interface StreetMatch {
  street: StreetInfo;
  score: number;
  /** Which of the query's numbers the street's own name accounts for (`8 Марта` → `8`). */
  usesNumbers: string[];
  /** Every word of the name was typed in full. */
  exact: boolean;
  /** Every typed word is a whole word of the name (`ленина` for ул. Ленина, not `лен`). */
  whole: boolean;
}

export function streetWords(name: string): { words: string[]; numbers: string[] } {
  const s = name
    .toLocaleLowerCase('ru-RU')
    .replace(/(\d+)\s*-\s*(?:ый|ий|ой|ая|яя|ое|ее|й|я|е|го)(?![а-я0-9])/g, '$1#');
  const all = foldName(s)
    .split(' ')
    .filter((w) => w !== '');
  return {
    words: all.filter((w) => !/^\d+$/.test(w)),
    numbers: all.filter((w) => /^\d+$/.test(w)),
  };
}

export class StreetIndex {
  private readonly entries: Entry[];

  constructor(streets: readonly StreetInfo[]) {
    this.entries = streets.map((s) => ({ ...s, ...streetWords(s.name) }));
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * Streets whose name holds every one of `words` (each a prefix of a distinct word of
   * the name; ordinals must match whole), best first: more words typed in full, all of the
   * name typed, the right kind, the name's own numbers present among `numbers`.
   */
  match(
    words: readonly string[],
    kinds: readonly string[] | null,
    numbers: readonly string[],
  ): StreetMatch[] {
    if (words.length === 0) return [];
    const out: StreetMatch[] = [];
    for (const e of this.entries) {
      const m = matchWords(e.words, words);
      if (m < 0) continue;
      const usesNumbers: string[] = [];
      const left = [...numbers];
      for (const n of e.numbers) {
        const at = left.indexOf(n);
        if (at >= 0) usesNumbers.push(...left.splice(at, 1));
      }
      // A bare `1` may stand for the ordinal of `1-я Владимирская`.
      for (const w of e.words) {
        if (!w.endsWith('#') || words.includes(w)) continue;
        const at = left.indexOf(w.slice(0, -1));
        if (at >= 0) usesNumbers.push(...left.splice(at, 1));
      }
      const exact = m === e.words.length * 2 && words.length === e.words.length;
      const whole = m === words.length * 2;
      const kindOk = kinds !== null && kinds.includes(e.kind);
      const score =
        m * 10 + (exact ? 15 : 0) + (kindOk ? 5 : 0) + usesNumbers.length * 3 - e.words.length;
      out.push({
        street: { id: e.id, name: e.name, kind: e.kind },
        score,
        usesNumbers,
        exact,
        whole,
      });
    }
    // With a kind typed, streets of other kinds go only if none of that kind matched.
    const filtered =
      kinds !== null && out.some((m) => kinds.includes(m.street.kind))
        ? out.filter((m) => kinds.includes(m.street.kind))
        : out;
    return filtered.sort(
      (a, b) =>
        b.score - a.score ||
        a.street.name.localeCompare(b.street.name, 'ru') ||
        a.street.id - b.street.id,
    );
  }
}

// Scratch flags for matchWords, reused: it runs once per street per query (a few hundred
// times a search), and two small arrays and two closures each time made ~150 KB of garbage
// per search, a ~1 ms scavenge every few searches, which showed in the search p99.
// matchWords is synchronous and never re-enters, so sharing them is safe.
let usedName = new Uint8Array(16);
let matchedQuery = new Uint8Array(16);

/**
 * 2 per query word that equals a word of the name, 1 per prefix, -1 if some query word
 * matches no unused word. Greedy with exact matches claimed first is enough for names of
 * two or three words.
 */
function matchWords(nameWords: readonly string[], queryWords: readonly string[]): number {
  const n = nameWords.length;
  const k = queryWords.length;
  if (k > n) return -1;
  if (usedName.length < n) usedName = new Uint8Array(2 * n);
  if (matchedQuery.length < k) matchedQuery = new Uint8Array(2 * k);
  usedName.fill(0, 0, n);
  matchedQuery.fill(0, 0, k);
  let score = 0;
  for (let q = 0; q < k; q++) {
    for (let j = 0; j < n; j++) {
      if (usedName[j] === 0 && nameWords[j] === queryWords[q]) {
        usedName[j] = 1;
        matchedQuery[q] = 1;
        score += 2;
        break;
      }
    }
  }
  for (let q = 0; q < k; q++) {
    if (matchedQuery[q] === 1) continue;
    const word = queryWords[q]!;
    if (word.endsWith('#')) return -1;
    let j = 0;
    while (j < n && (usedName[j] === 1 || !nameWords[j]!.startsWith(word))) j++;
    if (j === n) return -1;
    usedName[j] = 1;
    score += 1;
  }
  return score;
}
