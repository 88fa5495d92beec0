import { describe, expect, it } from 'vitest';
import { cellGeometry, passwordNote } from '../../../electron/core/documents/password';
import { sheetTexts } from '../../../electron/core/documents/texts';

const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
const rowsOf = (g: ReturnType<typeof cellGeometry>) =>
  g.rows.map((r) => r.map((t) => t.ch).join(''));

describe('password cells', () => {
  it('keeps the design size when the password fits', () => {
    const g = cellGeometry('k7m4q-x9t2w', ALPHABET, 400, 26, 13);
    expect(g.glyph).toBe(26);
    expect(rowsOf(g)).toEqual(['k7m4q-x9t2w']);
  });

  it('shrinks before it wraps, and wraps at a group boundary, keeping the dash (it is typed)', () => {
    const shrunk = cellGeometry('k7m4q-x9t2w', ALPHABET, 200, 26, 13);
    expect(shrunk.glyph).toBeLessThan(26);
    expect(shrunk.glyph).toBeGreaterThanOrEqual(13);
    expect(rowsOf(shrunk)).toEqual(['k7m4q-x9t2w']);
    const wrapped = cellGeometry('k7m4q-x9t2w-abcde-fghjk', ALPHABET, 150, 26, 13);
    expect(wrapped.glyph).toBe(13);
    expect(rowsOf(wrapped).join('|')).toBe('k7m4q-x9t2w-|abcde-fghjk');
  });

  it('never loses a character, whatever the width', () => {
    for (const width of [40, 60, 90, 130, 200, 400]) {
      const g = cellGeometry('k7m4q-x9t2w-abcde', ALPHABET, width, 26, 13);
      expect(rowsOf(g).join('')).toBe('k7m4q-x9t2w-abcde');
    }
  });
});

describe('password note', () => {
  it('lists the alphabet, says the look-alikes are absent and the dashes are typed', () => {
    const note = passwordNote(sheetTexts('ru'), 'k7m4q-x9t2w', ALPHABET);
    expect(note).toContain(
      'строчные латинские буквы и цифры: 2 3 4 5 6 7 8 9 a b c d e f g h j k m n p q r s t u v w x y z.',
    );
    expect(note).toContain('(0 O o 1 l I i)');
    expect(note).toContain('Дефисы — часть пароля: вводите их тоже');
  });

  it('does not claim what the alphabet does not bear out', () => {
    const note = passwordNote(
      sheetTexts('en'),
      'k7m4qx9t2w',
      'abcdefghijklmnopqrstuvwxyz0123456789',
    );
    expect(note).not.toContain('easy to confuse');
    expect(note).not.toContain('dashes');
    expect(note).toContain('lower-case Latin letters and digits: 0 1 2');
  });
});
