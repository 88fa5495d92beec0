// Streaming parser for the MVD list: `PASSP_SERIES,PASSP_NUMBER`, one passport a line.
//
// Bytes in, integer keys out; the CSV is never held (a partial line of at most MAX_LINE
// bytes is carried between chunks). A row is imported only if the series is exactly 4
// digits and the number exactly 6 digits (the series may be printed '45 09'; quotes, spaces
// around fields and CRLF are tolerated, they lose nothing). Everything else is counted as
// malformed by reason and skipped.
//
// Shorter digit strings are NOT left-padded. The real file carries letters (Soviet-era
// series such as 'VII-ЖА'), so its columns are text, not numbers that lost their leading
// zeros on export: a 3-digit series or 5-digit number is a damaged row of unknown origin
// (a missing leading digit, a missing trailing one, a typo). Padding would guess, and a wrong
// guess puts a valid passport on the list, an error no supervisor can override and a
// resident refused for nothing. They are counted as 'short' so an operator sees how many.

export type MalformedReason = 'blank' | 'fields' | 'nonDigit' | 'short' | 'long' | 'lineTooLong';

export type MalformedCounts = Record<MalformedReason, number>;

const MAX_LINE = 256;
const NL = 10;
const CR = 13;
const COMMA = 44;
const HEADER = 'PASSP_SERIES,PASSP_NUMBER';

export const emptyMalformedCounts = (): MalformedCounts => ({
  blank: 0,
  fields: 0,
  nonDigit: 0,
  short: 0,
  long: 0,
  lineTooLong: 0,
});

export class CsvKeyParser {
  /** Data lines seen (the header line excluded). */
  sourceRows = 0;
  validRows = 0;
  readonly malformed: MalformedCounts = emptyMalformedCounts();
  private carry: Uint8Array = new Uint8Array(0);
  private skippingLongLine = false;
  private firstLine = true;

  constructor(private readonly onKey: (key: number) => void) {}

  get malformedRows(): number {
    return this.sourceRows - this.validRows;
  }

  push(chunk: Uint8Array): void {
    let i = 0;
    const len = chunk.length;
    if (this.carry.length > 0 || this.skippingLongLine || this.firstLine) {
      const nl = chunk.indexOf(NL);
      if (nl < 0) {
        this.stash(chunk, 0, len);
        return;
      }
      this.stash(chunk, 0, nl);
      this.finishCarried();
      i = nl + 1;
    }
    const onKey = this.onKey;
    let valid = 0;
    let rows = 0;
    while (i < len) {
      // Fast path: "SSSS,NNNNNN\n", which is nearly every row of the real file.
      if (i + 11 < len && chunk[i + 4] === COMMA) {
        const eol =
          chunk[i + 11] === NL
            ? 12
            : chunk[i + 11] === CR && i + 12 < len && chunk[i + 12] === NL
              ? 13
              : 0;
        const key = eol === 0 ? -1 : fastKey(chunk, i);
        if (key >= 0) {
          onKey(key);
          valid++;
          rows++;
          i += eol;
          continue;
        }
      }
      const nl = chunk.indexOf(NL, i);
      if (nl < 0) {
        this.stash(chunk, i, len);
        break;
      }
      this.line(chunk, i, nl);
      i = nl + 1;
    }
    this.validRows += valid;
    this.sourceRows += rows;
  }

  /** Call once after the last chunk: a final line without a newline still counts. */
  end(): void {
    if (this.carry.length > 0 || this.skippingLongLine) this.finishCarried();
  }

  private stash(chunk: Uint8Array, from: number, to: number): void {
    if (this.skippingLongLine) return;
    const n = to - from;
    if (this.carry.length + n > MAX_LINE) {
      this.skippingLongLine = true;
      this.carry = new Uint8Array(0);
      return;
    }
    const next = new Uint8Array(this.carry.length + n);
    next.set(this.carry, 0);
    next.set(chunk.subarray(from, to), this.carry.length);
    this.carry = next;
  }

  private finishCarried(): void {
    if (this.skippingLongLine) {
      this.skippingLongLine = false;
      this.firstLine = false;
      this.sourceRows++;
      this.malformed.lineTooLong++;
      return;
    }
    const line = this.carry;
    this.carry = new Uint8Array(0);
    this.line(line, 0, line.length);
  }

  private line(buf: Uint8Array, start: number, end: number): void {
    if (end > start && buf[end - 1] === CR) end--;
    if (this.firstLine) {
      this.firstLine = false;
      if (
        end - start >= 3 &&
        buf[start] === 0xef &&
        buf[start + 1] === 0xbb &&
        buf[start + 2] === 0xbf
      )
        start += 3;
      if (isHeader(buf, start, end)) return;
    }
    this.sourceRows++;
    if (end - start > MAX_LINE) {
      this.malformed.lineTooLong++;
      return;
    }
    const reason = parseRow(buf, start, end, this.onKey);
    if (reason === null) this.validRows++;
    else this.malformed[reason]++;
  }
}

function fastKey(b: Uint8Array, i: number): number {
  let s = 0;
  for (let k = i; k < i + 4; k++) {
    const d = b[k]! - 48;
    if (d < 0 || d > 9) return -1;
    s = s * 10 + d;
  }
  let n = 0;
  for (let k = i + 5; k < i + 11; k++) {
    const d = b[k]! - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return s * 1_000_000 + n;
}

function isHeader(buf: Uint8Array, start: number, end: number): boolean {
  const text = Buffer.from(buf.buffer, buf.byteOffset + start, end - start)
    .toString('latin1')
    .replace(/["\s]/g, '')
    .toUpperCase();
  return text === HEADER;
}

const isSpace = (c: number | undefined): boolean => c === 32 || c === 9;

/** Parses one line; returns null after emitting its key, or why it was skipped. */
function parseRow(
  buf: Uint8Array,
  start: number,
  end: number,
  onKey: (key: number) => void,
): MalformedReason | null {
  while (start < end && isSpace(buf[start])) start++;
  while (end > start && isSpace(buf[end - 1])) end--;
  if (start === end) return 'blank';
  const comma = buf.indexOf(COMMA, start);
  if (comma < 0 || comma >= end) return 'fields';
  const second = buf.indexOf(COMMA, comma + 1);
  if (second >= 0 && second < end) return 'fields';
  const series = field(buf, start, comma, 4, true);
  const number = field(buf, comma + 1, end, 6, false);
  if (typeof series === 'string') return series;
  if (typeof number === 'string') return number;
  onKey(series * 1_000_000 + number);
  return null;
}

/** A field's value, or the reason it is not `width` digits. 'nonDigit' wins over length. */
function field(
  buf: Uint8Array,
  start: number,
  end: number,
  width: number,
  isSeries: boolean,
): number | MalformedReason {
  while (start < end && isSpace(buf[start])) start++;
  while (end > start && isSpace(buf[end - 1])) end--;
  if (end - start >= 2 && buf[start] === 34 && buf[end - 1] === 34) {
    start++;
    end--;
    while (start < end && isSpace(buf[start])) start++;
    while (end > start && isSpace(buf[end - 1])) end--;
  }
  if (start === end) return 'short';
  let v = 0;
  let count = 0;
  for (let k = start; k < end; k++) {
    const c = buf[k]!;
    // The series as printed on the passport, '45 09': one space after two digits.
    if (isSeries && c === 32 && k - start === 2 && end - start === 5) continue;
    const d = c - 48;
    if (d < 0 || d > 9) return 'nonDigit';
    v = v * 10 + d;
    count++;
  }
  if (count < width) return 'short';
  if (count > width) return 'long';
  return v;
}
