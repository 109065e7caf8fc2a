import { describe, expect, it } from 'vitest';
import {
  addHours,
  deviceZone,
  formatForPeople,
  formatLocalDateTime,
  instantToMillis,
  InstantSchema,
  localDate,
  millisToInstant,
  monthRange,
  serverCorrectedNow,
} from '../../../shared/clinical';

describe('instants', () => {
  it('are UTC ISO strings; offsets and garbage are refused by the schema', () => {
    expect(InstantSchema.safeParse('2026-10-25T00:30:00Z').success).toBe(true);
    expect(InstantSchema.safeParse('2026-10-25T00:30:00.123Z').success).toBe(true);
    expect(InstantSchema.safeParse('2026-10-25T01:30:00+01:00').success).toBe(false);
    expect(InstantSchema.safeParse('25/10/2026').success).toBe(false);
  });

  it('round-trip through milliseconds', () => {
    expect(millisToInstant(instantToMillis('2026-10-25T00:30:00Z'))).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(() => instantToMillis('not a time')).toThrow('Not an ISO-8601 instant: "not a time"');
  });

  it('add real hours across the clock changes', () => {
    // October: Saturday 14:02 BST + 48 h = Monday 13:02 GMT
    expect(addHours('2026-10-24T13:02:00Z', 48)).toBe('2026-10-26T13:02:00.000Z');
    expect(formatForPeople(addHours('2026-10-24T13:02:00Z', 48))).toBe(
      'Monday 26 October 2026, 13:02',
    );
    // March: Friday 14:02 GMT + 48 h = Sunday 15:02 BST
    expect(formatForPeople(addHours('2026-03-27T14:02:00Z', 48))).toBe(
      'Sunday 29 March 2026, 15:02',
    );
    // 29 February 2028 exists
    expect(addHours('2028-02-28T10:00:00Z', 48)).toBe('2028-03-01T10:00:00.000Z');
  });

  it('correct the device clock by the server offset', () => {
    const device = Date.parse('2026-03-03T12:00:00Z');
    expect(serverCorrectedNow(device, -90_000)).toBe('2026-03-03T11:58:30.000Z');
    expect(serverCorrectedNow(device, 0)).toBe('2026-03-03T12:00:00.000Z');
  });
});

describe('table and calendar readings', () => {
  it('gives table times and local dates, and refuses an unknown zone', () => {
    expect(formatLocalDateTime('2026-07-01T08:00:00Z')).toBe('2026-07-01 09:00');
    expect(typeof deviceZone()).toBe('string');
    expect(() => formatLocalDateTime('2026-03-03T14:02:00Z', 'Mars/Olympus')).toThrow(
      'Unknown time zone: "Mars/Olympus"',
    );
    expect(() => monthRange(2026, 3, 'Mars/Olympus')).toThrow('Unknown time zone');
    expect(localDate('2026-06-30T23:30:00Z')).toBe('2026-07-01');
    expect(localDate('2026-06-30T23:30:00Z', 'UTC')).toBe('2026-06-30');
  });
});

describe('monthRange', () => {
  it.each([
    [2026, 3, '2026-03', '2026-03-01T00:00:00.000Z', '2026-03-31T23:00:00.000Z', '2026-04'],
    [2026, 10, '2026-10', '2026-09-30T23:00:00.000Z', '2026-11-01T00:00:00.000Z', '2026-11'],
    [2028, 2, '2028-02', '2028-02-01T00:00:00.000Z', '2028-03-01T00:00:00.000Z', '2028-03'],
    [2026, 12, '2026-12', '2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z', '2027-01'],
  ])('%i-%i in London', (year, month, label, startsAt, endsAt, nextMonth) => {
    expect(monthRange(year, month)).toEqual({ month: label, startsAt, endsAt, nextMonth });
  });

  it.each([
    [2026, 0],
    [2026, 13],
    [2026.5, 1],
    [2026, 1.5],
  ])('refuses %s-%s', (year, month) => {
    expect(() => monthRange(year, month)).toThrow(RangeError);
  });
});
