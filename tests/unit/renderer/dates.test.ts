// Dates as the clerk types and pastes them (issue 13, items 4 and 5): every separator a
// paste or a scanner brings reads the same; a day that does not exist keeps its shape, so
// the rules can say there is no such day instead of asking for the format the clerk used.
import { describe, expect, it } from 'vitest';
import { displayToIso, tidyDisplayDate, typeDate } from '../../../renderer/src/lib/dates';

describe('dates the clerk types', () => {
  it.each([
    ['15.03.2010', '2010-03-15'],
    ['1.3.2010', '2010-03-01'],
    ['15-03-2010', '2010-03-15'],
    ['15/03/2010', '2010-03-15'],
    ['15 03 2010', '2010-03-15'],
    ['15032010', '2010-03-15'],
    [' 2010-03-15 ', '2010-03-15'],
  ])('reads %j as %s', (typed, iso) => {
    expect(displayToIso(typed)).toBe(iso);
  });

  it('keeps the shape of a day that does not exist, and leaves what is no date alone', () => {
    expect(displayToIso('31.02.2020')).toBe('2020-02-31');
    expect(displayToIso('10.13.1991')).toBe('1991-13-10');
    expect(displayToIso('вчера ')).toBe('вчера');
  });

  it('lays out a paste with the dots as it goes in, and tidies the field when it is left', () => {
    expect(typeDate('10-08-1991', '')).toBe('10.08.1991');
    expect(typeDate('10/08/1991', '')).toBe('10.08.1991');
    expect(typeDate('1991-08-10', '')).toBe('10.08.1991');
    expect(typeDate('15', '1')).toBe('15.');
    expect(typeDate('15.08', '15.0')).toBe('15.08.');
    expect(tidyDisplayDate('1.2.2020')).toBe('01.02.2020');
    expect(tidyDisplayDate('31.02.2020')).toBe('31.02.2020');
  });
});
