// The temporary password as the resident reads it: one character per cell, so the count is
// obvious and a narrow glyph cannot hide; the dashes between groups stand outside the cells
// but in full ink, because they are part of the password (credentials/password.ts: "what the
// resident reads is exactly what they type"). The note under it is built from the generator's
// alphabet rather than written out, so it stays true if the alphabet ever changes.
import { applyStyle, INK, type Doc } from './layout';
import { fill } from './format';
import type { SheetTexts } from './texts';

/** Characters people confuse on paper; the generator's alphabet leaves them out. */
const CONFUSABLE = ['0', 'O', 'o', '1', 'l', 'I', 'i'];

interface Token {
  ch: string;
  separator: boolean;
}

function tokens(password: string, alphabet: string): Token[] {
  return [...password].map((ch) => ({ ch, separator: !alphabet.includes(ch) }));
}

export interface CellGeometry {
  glyph: number;
  cellW: number;
  cellH: number;
  sepW: number;
  gap: number;
  rows: Token[][];
  height: number;
}

/**
 * Sizes the cells to fit `width`: the design size if it fits, smaller down to `minGlyph`, and
 * below that the password wraps onto a second row at a group boundary (never mid-group if a
 * group fits on a row).
 */
export function cellGeometry(
  password: string,
  alphabet: string,
  width: number,
  glyph: number,
  minGlyph: number,
): CellGeometry {
  const toks = tokens(password, alphabet);
  const widthAt = (g: number, row: Token[]) => {
    const cellW = g * 0.86;
    const sepW = g * 0.5;
    const gap = g * 0.12;
    return row.reduce((w, t, i) => w + (t.separator ? sepW : cellW) + (i > 0 ? gap : 0), 0);
  };
  let g = glyph;
  const full = widthAt(g, toks);
  if (full > width) g = Math.max(minGlyph, glyph * (width / full));
  const rows: Token[][] = [];
  if (widthAt(g, toks) <= width) {
    rows.push(toks);
  } else {
    let row: Token[] = [];
    let group: Token[] = [];
    const flushGroup = () => {
      if (widthAt(g, [...row, ...group]) <= width) row.push(...group);
      else {
        if (row.length) rows.push(row);
        row = [];
        for (const t of group) {
          if (widthAt(g, [...row, t]) > width && row.length) {
            rows.push(row);
            row = [];
          }
          row.push(t);
        }
      }
      group = [];
    };
    for (const t of toks) {
      if (t.separator) {
        flushGroup();
        // The dash ends its row if it fits there, else it starts the next one: never cut.
        if (row.length && widthAt(g, [...row, t]) > width) {
          rows.push(row);
          row = [];
        }
        row.push(t);
      } else group.push(t);
    }
    flushGroup();
    if (row.length) rows.push(row);
    // A dash may end a row: it is typed like any other character, so it stays.
  }
  const cellH = g * 1.32;
  const rowGap = g * 0.3;
  return {
    glyph: g,
    cellW: g * 0.86,
    cellH,
    sepW: g * 0.5,
    gap: g * 0.12,
    rows,
    height: rows.length * cellH + (rows.length - 1) * rowGap,
  };
}

export function drawCells(doc: Doc, geo: CellGeometry, x: number, y: number): void {
  let cy = y;
  for (const row of geo.rows) {
    let cx = x;
    row.forEach((t, i) => {
      if (i > 0) cx += geo.gap;
      const w = t.separator ? geo.sepW : geo.cellW;
      if (!t.separator) {
        doc
          .save()
          .lineWidth(0.7)
          .strokeColor('#8a8a8a')
          .roundedRect(cx, cy, w, geo.cellH, geo.glyph * 0.12)
          .stroke()
          .restore();
      }
      applyStyle(doc, { face: 'bold', size: geo.glyph, color: INK }, 1);
      const ty = cy + (geo.cellH - doc.currentLineHeight()) / 2;
      doc.text(t.ch, cx, ty, { width: w, align: 'center', lineBreak: false });
      cx += w;
    });
    cy += geo.cellH + geo.glyph * 0.3;
  }
}

/** "Only lower-case Latin letters and digits: 2 3 … z. No 0 O o 1 l I i. Type the dashes too." */
export function passwordNote(t: SheetTexts, password: string, alphabet: string): string {
  const chars = [...new Set(alphabet)];
  const classes: string[] = [];
  if (chars.some((c) => /[a-z]/.test(c))) classes.push(t.classes.lower);
  if (chars.some((c) => /[A-Z]/.test(c))) classes.push(t.classes.upper);
  if (chars.some((c) => /[0-9]/.test(c))) classes.push(t.classes.digits);
  if (chars.some((c) => !/[a-zA-Z0-9]/.test(c))) classes.push(t.classes.other);
  const joined =
    classes.length > 1
      ? `${classes.slice(0, -1).join(', ')}${t.classes.and}${classes[classes.length - 1]}`
      : (classes[0] ?? '');
  const order = (c: string) =>
    /[0-9]/.test(c) ? 0 : /[a-z]/.test(c) ? 1 : /[A-Z]/.test(c) ? 2 : 3;
  // Code-point order, not localeCompare: its first use builds an ICU collator (~15 ms).
  const symbols = chars
    .sort((a, b) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0))
    .join(' ');
  const parts = [fill(t.charsNote, { classes: joined, symbols })];
  const absent = CONFUSABLE.filter((c) => !alphabet.includes(c));
  if (absent.length === CONFUSABLE.length)
    parts.push(fill(t.confusablesNote, { confusables: absent.join(' ') }));
  if ([...password].some((c) => c === '-' && !alphabet.includes(c))) parts.push(t.separatorNote);
  return parts.join(' ');
}
