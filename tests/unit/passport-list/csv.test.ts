import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvKeyParser } from '../../../electron/core/passport-list/csv';

function parse(text: string | Uint8Array, splits: number[] = []) {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const keys: number[] = [];
  const p = new CsvKeyParser((k) => keys.push(k));
  let from = 0;
  for (const at of [...splits.filter((s) => s > 0 && s < bytes.length)].sort((a, b) => a - b)) {
    p.push(bytes.subarray(from, at));
    from = at;
  }
  p.push(bytes.subarray(from));
  p.end();
  return {
    keys,
    sourceRows: p.sourceRows,
    validRows: p.validRows,
    malformed: p.malformed,
    malformedRows: p.malformedRows,
  };
}

describe('CSV parser', () => {
  it('reads the header, plain rows, CRLF, quotes, spaces and the printed series form', () => {
    const r = parse(
      '\uFEFFPASSP_SERIES,PASSP_NUMBER\r\n4509,123456\r\n"0001","000002"\n 45 09 , 654321 \n9999,999999',
    );
    expect(r.keys).toEqual([4_509_123_456, 1_000_002, 4_509_654_321, 9_999_999_999]);
    expect(r.sourceRows).toBe(4);
    expect(r.malformedRows).toBe(0);
  });

  it('counts malformed rows by reason and never pads short values', () => {
    const lines = [
      'PASSP_SERIES,PASSP_NUMBER',
      '',
      '   ',
      '45A9,123456',
      '4509,12З456',
      'VII-ЖА,123456',
      '450,123456',
      '4509,12345',
      '45091,123456',
      '4509,1234567',
      '4509',
      '4509,123456,1',
      ',',
      '1234,567890',
      'x'.repeat(1000),
      '',
    ];
    const r = parse(lines.join('\n'));
    expect(r.keys).toEqual([1_234_567_890]);
    expect(r.sourceRows).toBe(14);
    expect(r.malformed).toEqual({
      blank: 2,
      fields: 2,
      nonDigit: 3,
      short: 3,
      long: 2,
      lineTooLong: 1,
    });
    expect(r.malformedRows).toBe(13);
  });

  it('treats a first line that is data as data', () => {
    const r = parse('4509,123456\n4510,000001\n');
    expect(r.keys).toEqual([4_509_123_456, 4_510_000_001]);
  });

  it('gives the same result however the stream is chunked', () => {
    const text =
      'PASSP_SERIES,PASSP_NUMBER\n4509,123456\r\n0000,000000\n\n45 09,111111\n12,3\nabcd,efghij\n9999,999999\n' +
      'y'.repeat(600) +
      '\n1111,222222';
    const whole = parse(text);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: text.length + 700 }), { maxLength: 30 }),
        (splits) => {
          expect(parse(text, splits)).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
    expect(whole.keys).toEqual([4_509_123_456, 0, 4_509_111_111, 9_999_999_999, 1_111_222_222]);
    expect(whole.malformed).toMatchObject({ blank: 1, short: 1, nonDigit: 1, lineTooLong: 1 });
  });

  it('an empty input has no rows', () => {
    expect(parse('').sourceRows).toBe(0);
    expect(parse('PASSP_SERIES,PASSP_NUMBER\n').sourceRows).toBe(0);
  });
});
