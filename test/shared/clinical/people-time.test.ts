import { describe, expect, it } from 'vitest';
import {
  formatForPeople,
  peopleTime,
  ukTimeInput,
  ukTimeInputValue,
} from '../../../shared/clinical';

describe('peopleTime: UK time, and the device reading beside it when it differs', () => {
  it.each([
    // [label, instant, device zone, style, text]
    [
      'a BST afternoon in London',
      '2026-09-19T15:00:00Z',
      'Europe/London',
      'datetime',
      'Saturday 19 September 2026, 16:00',
    ],
    [
      'a GMT afternoon in London',
      '2026-11-22T15:00:00Z',
      'Europe/London',
      'datetime',
      'Sunday 22 November 2026, 15:00',
    ],
    [
      'a BST time on a UTC laptop (the bug: "15:00" beside "16:00")',
      '2026-09-19T15:00:00Z',
      'UTC',
      'datetime',
      'Saturday 19 September 2026, 16:00 UK time (15:00 UTC)',
    ],
    [
      'a GMT time on a UTC laptop reads the same: no second reading',
      '2026-11-22T15:00:00Z',
      'UTC',
      'datetime',
      'Sunday 22 November 2026, 15:00',
    ],
    [
      'working from Madrid',
      '2026-09-19T15:00:00Z',
      'Europe/Madrid',
      'datetime',
      'Saturday 19 September 2026, 16:00 UK time (17:00 Europe/Madrid)',
    ],
    [
      'a different day on the device',
      '2026-09-19T22:30:00Z',
      'Australia/Sydney',
      'datetime',
      'Saturday 19 September 2026, 23:30 UK time (Sunday 20 September, 08:30 Australia/Sydney)',
    ],
    [
      'a clock reading',
      '2026-09-19T15:00:00Z',
      'Europe/Madrid',
      'clock',
      '16:00 UK time (17:00 Europe/Madrid)',
    ],
    ['a month', '2026-08-01T00:00:00Z', 'UTC', 'month', 'August 2026'],
    [
      'a date has no second reading',
      '2026-09-19T23:30:00Z',
      'Australia/Sydney',
      'date',
      '20 September 2026',
    ],
    [
      'no device zone given',
      '2026-03-29T01:00:00Z',
      undefined,
      'datetime',
      'Sunday 29 March 2026, 02:00',
    ],
  ] as const)('%s', (_label, instant, deviceZone, style, text) => {
    expect(formatForPeople(instant, { deviceZone, style })).toBe(text);
  });

  it('keeps the parts apart for the page (UK text, muted device reading)', () => {
    expect(peopleTime('2026-09-19T15:00:00Z', { deviceZone: 'Europe/Madrid' })).toEqual({
      uk: 'Saturday 19 September 2026, 16:00',
      device: '17:00 Europe/Madrid',
      text: 'Saturday 19 September 2026, 16:00 UK time (17:00 Europe/Madrid)',
    });
  });

  it('shows London wall time on both sides of each change', () => {
    expect(formatForPeople('2026-03-29T00:59:59Z')).toBe('Sunday 29 March 2026, 00:59');
    expect(formatForPeople('2026-03-29T01:00:00Z')).toBe('Sunday 29 March 2026, 02:00');
    expect(formatForPeople('2026-10-25T00:30:00Z')).toBe('Sunday 25 October 2026, 01:30');
    expect(formatForPeople('2026-10-25T01:30:00Z')).toBe('Sunday 25 October 2026, 01:30');
    expect(formatForPeople('2028-02-29T12:00:00Z')).toBe('Tuesday 29 February 2028, 12:00');
  });

  it('refuses an unknown zone', () => {
    expect(() => formatForPeople('2026-03-03T14:02:00Z', { deviceZone: 'Mars/Olympus' })).toThrow(
      'Unknown time zone: "Mars/Olympus"',
    );
    expect(() => formatForPeople('2026-03-03T14:02:00Z', { serviceZone: 'Mars/Olympus' })).toThrow(
      'Unknown time zone',
    );
  });
});

describe('ukTimeInput: what a person typed as UK time', () => {
  it.each([
    ['a BST time', '2026-09-19T16:00', '2026-09-19T15:00:00.000Z', false],
    ['a GMT time', '2026-11-22T15:00', '2026-11-22T15:00:00.000Z', false],
    ['with spaces around', ' 2026-11-22T15:00 ', '2026-11-22T15:00:00.000Z', false],
    [
      'the hour that happens twice: the first (BST) one',
      '2026-10-25T01:30',
      '2026-10-25T00:30:00.000Z',
      true,
    ],
    ['just after the clocks went forward', '2026-03-29T02:00', '2026-03-29T01:00:00.000Z', false],
  ])('%s', (_label, text, instant, ambiguous) => {
    expect(ukTimeInput(text)).toEqual({ ok: true, instant, ambiguous });
  });

  it.each([
    ['empty', '', 'Give a date and a time (day, month, year, hh:mm).'],
    ['not a time', 'next Tuesday', 'Give a date and a time (day, month, year, hh:mm).'],
    ['30 February', '2026-02-30T10:00', '2026-02-30T10:00 is not a date and time.'],
    [
      'the hour skipped in March',
      '2026-03-29T01:30',
      '2026-03-29 01:30 does not exist in UK time (the clocks went forward).',
    ],
  ])('refuses %s in words', (_label, text, reason) => {
    expect(ukTimeInput(text)).toEqual({ ok: false, reason });
  });

  it('round-trips with the input value of an instant', () => {
    expect(ukTimeInputValue('2026-09-19T15:00:00.000Z')).toBe('2026-09-19T16:00');
    expect(ukTimeInput(ukTimeInputValue('2026-12-01T09:05:00.000Z'))).toMatchObject({
      instant: '2026-12-01T09:05:00.000Z',
    });
  });
});
