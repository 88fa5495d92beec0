import { describe, expect, it } from 'vitest';
import { OFFICE_TIME_ZONE, officeDate } from '../../../shared/domain/office-time';

// The one office date the core and the renderer both use: the day at the counter, whatever
// zone the machine itself is set to.
describe('the office date', () => {
  it('is the day in Moscow, not in UTC or on the machine', () => {
    expect(OFFICE_TIME_ZONE).toBe('Europe/Moscow');
    // 22:30 UTC on 1 March is 01:30 on 2 March at the counter.
    expect(officeDate(new Date('2026-03-01T22:30:00Z'))).toBe('2026-03-02');
    expect(officeDate(new Date('2026-03-01T20:59:59Z'))).toBe('2026-03-01');
    expect(officeDate(new Date('2026-03-01T22:30:00Z'), 'UTC')).toBe('2026-03-01');
    // New Year's Eve: the year turns three hours before UTC's does.
    expect(officeDate(new Date('2026-12-31T21:00:00Z'))).toBe('2027-01-01');
  });
});
