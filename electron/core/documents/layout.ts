// A small block layout on top of pdfkit. pdfkit wraps text but knows nothing of "this page
// must hold all of it": a long address or office name would push the sheet onto a second page
// or, drawn at fixed positions, run off the paper. So every block can say how tall it is at a
// given scale, a page picks the largest scale (down to a readable minimum) at which everything
// fits, and only if nothing fits even then does text flow onto further pages. Nothing is ever
// cut: pdfkit is never given a height limit or an ellipsis.
import type { FontFace } from './fonts';

export type Doc = PDFKit.PDFDocument;

export interface Box {
  x: number;
  width: number;
}

export interface TextStyle {
  face: FontFace;
  size: number;
  color?: string;
  align?: 'left' | 'center' | 'right' | 'justify';
  lineGap?: number;
  characterSpacing?: number;
}

export interface Block {
  /** Height in points at scale `s`, for the box's width. */
  measure(doc: Doc, box: Box, s: number): number;
  draw(doc: Doc, box: Box, s: number, y: number): void;
  /** Drawn at the bottom of the page rather than after the previous block (a footer). */
  anchorBottom?: boolean;
  /** Start a new page rather than be separated from the next block (a heading). */
  keepWithNext?: boolean;
}

export const INK = '#111111';
export const MUTED = '#555555';
export const RULE = '#9a9a9a';

export function applyStyle(doc: Doc, st: TextStyle, s: number): void {
  doc
    .font(st.face)
    .fontSize(st.size * s)
    .fillColor(st.color ?? INK);
}

function textOptions(st: TextStyle, s: number, width: number): PDFKit.Mixins.TextOptions {
  return {
    width,
    align: st.align ?? 'left',
    lineGap: (st.lineGap ?? 1.5) * s,
    characterSpacing: (st.characterSpacing ?? 0) * s,
  };
}

export function textHeight(
  doc: Doc,
  text: string,
  st: TextStyle,
  s: number,
  width: number,
): number {
  applyStyle(doc, st, s);
  return doc.heightOfString(text, textOptions(st, s, width));
}

export function drawText(
  doc: Doc,
  text: string,
  st: TextStyle,
  s: number,
  x: number,
  y: number,
  width: number,
): void {
  applyStyle(doc, st, s);
  doc.text(text, x, y, textOptions(st, s, width));
}

/**
 * The largest size, between `max` and `min`, at which `text` fits on one line of `width`. A
 * display value (a URL, a login) reads best unbroken; below `min` it wraps instead.
 */
export function fitOneLine(
  doc: Doc,
  text: string,
  st: TextStyle,
  s: number,
  width: number,
  min: number,
): number {
  applyStyle(doc, st, s);
  const spacing = (st.characterSpacing ?? 0) * s;
  const w = doc.widthOfString(text, { characterSpacing: spacing });
  if (w <= width) return st.size;
  return Math.max(min, Math.floor(st.size * (width / w) * 10) / 10);
}

/** A paragraph, optionally with space before and after (scaled with the text). */
export function para(
  text: string,
  st: TextStyle,
  gap: { before?: number; after?: number; indent?: number } = {},
): Block {
  const before = gap.before ?? 0;
  const after = gap.after ?? 0;
  const indent = gap.indent ?? 0;
  return {
    measure: (doc, box, s) =>
      (before + after) * s + textHeight(doc, text, st, s, box.width - indent),
    draw: (doc, box, s, y) =>
      drawText(doc, text, st, s, box.x + indent, y + before * s, box.width - indent),
  };
}

export function heading(text: string, st: TextStyle, before: number, after: number): Block {
  return { ...para(text, st, { before, after }), keepWithNext: true };
}

export function spacer(h: number): Block {
  return { measure: (_d, _b, s) => h * s, draw: () => undefined };
}

export function rule(before: number, after: number, color = RULE): Block {
  return {
    measure: (_d, _b, s) => (before + after) * s,
    draw: (doc, box, s, y) => {
      const ly = y + before * s;
      doc
        .save()
        .lineWidth(0.6)
        .strokeColor(color)
        .moveTo(box.x, ly)
        .lineTo(box.x + box.width, ly)
        .stroke()
        .restore();
    },
  };
}

export interface Field {
  label: string;
  value: string;
}

/** Label and value side by side; each wraps in its own column, the row is as tall as the taller. */
export function fields(
  rows: Field[],
  labelSt: TextStyle,
  valueSt: TextStyle,
  opts: { labelShare: number; rowGap: number; indent?: number },
): Block {
  const indent = opts.indent ?? 0;
  const cols = (box: Box) => {
    const inner = box.width - indent;
    const labelW = inner * opts.labelShare;
    const gutter = 8;
    return {
      labelX: box.x + indent,
      labelW,
      valueX: box.x + indent + labelW + gutter,
      valueW: inner - labelW - gutter,
    };
  };
  const rowHeight = (doc: Doc, r: Field, box: Box, s: number) => {
    const c = cols(box);
    return Math.max(
      textHeight(doc, r.label, labelSt, s, c.labelW),
      textHeight(doc, r.value, valueSt, s, c.valueW),
    );
  };
  return {
    measure: (doc, box, s) =>
      rows.reduce((h, r) => h + rowHeight(doc, r, box, s) + opts.rowGap * s, 0),
    draw: (doc, box, s, y) => {
      const c = cols(box);
      let cy = y;
      for (const r of rows) {
        const h = rowHeight(doc, r, box, s);
        drawText(doc, r.label, labelSt, s, c.labelX, cy, c.labelW);
        drawText(doc, r.value, valueSt, s, c.valueX, cy, c.valueW);
        cy += h + opts.rowGap * s;
      }
    },
  };
}

/**
 * "Label: value" as one paragraph over the full width, the label muted. Denser than two
 * columns when values are long (a 200-character address takes two lines, not three). Label
 * and value share the font and size, so the colour change cannot change where lines break,
 * and measuring the joined string is exact.
 */
export function inlineFields(
  rows: Field[],
  st: TextStyle,
  opts: { rowGap: number; indent?: number },
): Block {
  const indent = opts.indent ?? 0;
  const line = (r: Field) => `${r.label}: ${r.value}`;
  return {
    measure: (doc, box, s) =>
      rows.reduce(
        (h, r) => h + textHeight(doc, line(r), st, s, box.width - indent) + opts.rowGap * s,
        0,
      ),
    draw: (doc, box, s, y) => {
      let cy = y;
      for (const r of rows) {
        const h = textHeight(doc, line(r), st, s, box.width - indent);
        const o = textOptions(st, s, box.width - indent);
        applyStyle(doc, { ...st, color: MUTED }, s);
        doc.text(`${r.label}: `, box.x + indent, cy, { ...o, continued: true });
        doc.fillColor(st.color ?? INK).text(r.value, { ...o, continued: false });
        cy += h + opts.rowGap * s;
      }
    },
  };
}

export interface PageBox extends Box {
  top: number;
  bottom: number;
}

export interface Placement {
  scale: number;
  /** True when the blocks did not fit on one page even at the minimum scale. */
  overflowed: boolean;
}

/**
 * Blocks measured once per scale: the fit search and the drawing loop ask the same question
 * several times, and wrapping text to measure it is most of the time a page takes.
 */
function memoized(blocks: Block[]): Block[] {
  return blocks.map((b) => {
    const heights = new Map<number, number>();
    return {
      ...b,
      measure: (doc, box, s) => {
        let h = heights.get(s);
        if (h === undefined) {
          h = b.measure(doc, box, s);
          heights.set(s, h);
        }
        return h;
      },
    };
  });
}

function totalHeight(doc: Doc, box: Box, blocks: Block[], s: number): number {
  return blocks.reduce((h, b) => h + b.measure(doc, box, s), 0);
}

export interface ScaleRange {
  /** The design size: used whenever everything fits. */
  max: number;
  /** The smallest still comfortably readable; below it, text flows onto another page. */
  min: number;
}

/**
 * The largest scale in the range at which all blocks fit between top and bottom, to within
 * half a percent. Each try measures every block, which is most of a page's cost, so the first
 * tries are guesses: wrapped text grows roughly with the square of the scale (bigger letters,
 * more lines), so s * sqrt(available / needed) usually lands in one or two tries; after a
 * miss the plain ratio steps down safely. A bisection finishes the job if the guesses do not.
 */
export function chooseScale(
  doc: Doc,
  page: PageBox,
  blocks: Block[],
  range: ScaleRange,
): Placement {
  const avail = page.bottom - page.top;
  const fits = (s: number) => totalHeight(doc, page, blocks, s) <= avail;
  const hMax = totalHeight(doc, page, blocks, range.max);
  if (hMax <= avail) return { scale: range.max, overflowed: false };
  let lo = range.min;
  let hi = range.max;
  let guess = range.max * Math.sqrt(avail / hMax);
  for (let i = 0; i < 3 && guess > lo && guess < hi; i++) {
    const h = totalHeight(doc, page, blocks, guess);
    if (h <= avail) {
      lo = guess;
      if (hi - lo <= 0.005 * hi) return { scale: lo, overflowed: false };
      guess = Math.min(hi - 0.001, guess * Math.sqrt(avail / h) + 0.002);
    } else {
      // Overshot: step down by the plain ratio, which undershoots rather than miss again.
      hi = guess;
      guess = Math.max(lo + 0.001, guess * (avail / h) - 0.002);
    }
  }
  if (lo === range.min && !fits(range.min)) return { scale: range.min, overflowed: true };
  while (hi - lo > 0.005 * hi) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return { scale: lo, overflowed: false };
}

/**
 * Draws blocks from the top of the current page; returns the pages it used (0-based, in the
 * document's buffered range). When everything fits, pdfkit's own page breaking is disabled
 * (bottom margin 0) so a rounding difference between measuring and drawing cannot start a
 * stray page. When it does not fit, whole blocks move to a new page here, and a block taller
 * than a whole page runs on with pdfkit's breaking at the content bottom.
 */
export function placeBlocks(
  doc: Doc,
  page: PageBox,
  input: Block[],
  range: ScaleRange,
): Placement & { pages: number[] } {
  const blocks = memoized(input);
  const placement = chooseScale(doc, page, blocks, range);
  const s = placement.scale;
  const current = () => doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;
  const bottomMargin = placement.overflowed ? doc.page.height - page.bottom : 0;
  const pages = [current()];
  const newPage = () => {
    doc.addPage();
    pages.push(current());
  };
  const saved = doc.page.margins.bottom;
  doc.page.margins.bottom = bottomMargin;
  doc.on('pageAdded', onPage);
  function onPage() {
    doc.page.margins.bottom = bottomMargin;
  }

  let y = page.top;
  const flowBlocks = blocks.filter((b) => !b.anchorBottom);
  const footer = blocks.filter((b) => b.anchorBottom);
  const footerH = footer.reduce((h, b) => h + b.measure(doc, page, s), 0);
  flowBlocks.forEach((b, i) => {
    const h = b.measure(doc, page, s);
    const next = flowBlocks[i + 1];
    const need = b.keepWithNext && next ? h + Math.min(next.measure(doc, page, s), 40 * s) : h;
    if (placement.overflowed && y > page.top && y + need > page.bottom) {
      newPage();
      y = page.top;
    }
    const before = current();
    b.draw(doc, page, s, y);
    if (current() !== before) {
      // pdfkit ran the block on over one or more pages: continue where it stopped.
      for (let p = before + 1; p <= current(); p++) if (!pages.includes(p)) pages.push(p);
      y = doc.y;
    } else {
      y += h;
    }
  });
  let fy = Math.max(y, page.bottom - footerH);
  if (fy + footerH > page.bottom + 0.5 && y > page.top) {
    newPage();
    fy = page.bottom - footerH;
  }
  for (const b of footer) {
    b.draw(doc, page, s, fy);
    fy += b.measure(doc, page, s);
  }
  doc.removeListener('pageAdded', onPage);
  doc.page.margins.bottom = saved;
  return { ...placement, pages };
}
