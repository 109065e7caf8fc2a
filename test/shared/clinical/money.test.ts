import { describe, expect, it } from 'vitest';
import { divideRoundingHalfUp, formatPounds, sessionPay } from '../../../shared/clinical';

describe('pay per session: docs/domain.md tables to the penny', () => {
  // step 3: £40/h + 12.07 % holiday pay
  it.each([
    ['60 min assessment', 60, 'full', 4000, 483, 4483],
    ['60 min treatment', 60, 'full', 4000, 483, 4483],
    ['45 min treatment', 45, 'full', 3000, 362, 3362],
    ['30 min treatment', 30, 'full', 2000, 241, 2241],
    ['60 min DNA (DOMAIN: £22.41)', 60, 'half', 2000, 241, 2241],
    ['45 min DNA', 45, 'half', 1500, 181, 1681],
    ['30 min DNA', 30, 'half', 1000, 121, 1121],
  ] as const)('step 3 %s', (_label, minutes, fraction, base, holiday, total) => {
    expect(sessionPay(4000, minutes, fraction, 1207)).toEqual({
      basePence: base,
      holidayPence: holiday,
      totalPence: total,
    });
  });

  // step 2: £25/h, no holiday pay line in docs/domain.md
  it.each([
    ['60 min session', 60, 'full', 2500],
    ['45 min session (£18.75)', 45, 'full', 1875],
    ['60 min DNA (£12.50)', 60, 'half', 1250],
    ['45 min DNA (£9.38: 937.5p rounds half up)', 45, 'half', 938],
  ] as const)('step 2 %s', (_label, minutes, fraction, total) => {
    expect(sessionPay(2500, minutes, fraction, 0)).toEqual({
      basePence: total,
      holidayPence: 0,
      totalPence: total,
    });
  });

  it('holiday pay is on the rounded half, not half of the total (2241.5p would be ambiguous)', () => {
    const full = sessionPay(4000, 60, 'full', 1207);
    const half = sessionPay(4000, 60, 'half', 1207);
    expect(full.totalPence / 2).toBe(2241.5);
    expect(half.totalPence).toBe(2241);
  });
});

describe('divideRoundingHalfUp', () => {
  it.each([
    [9375, 10, 938],
    [9374, 10, 937],
    [9376, 10, 938],
    [4828, 10, 483],
    [4825, 10, 483],
    [4824, 10, 482],
    [0, 7, 0],
    [1, 2, 1],
    [1, 3, 0],
  ])('%i / %i → %i', (n, d, expected) => {
    expect(divideRoundingHalfUp(n, d)).toBe(expected);
  });

  it.each([
    [-1, 2],
    [1, 0],
    [1.5, 2],
    [1, 2.5],
    [Number.MAX_SAFE_INTEGER + 1, 2],
  ])('refuses %s / %s', (n, d) => {
    expect(() => divideRoundingHalfUp(n, d)).toThrow(RangeError);
  });
});

describe('formatPounds', () => {
  it.each([
    [4483, '44.83'],
    [938, '9.38'],
    [5, '0.05'],
    [0, '0.00'],
    [123456, '1234.56'],
  ])('%i → %s', (pence, text) => {
    expect(formatPounds(pence)).toBe(text);
  });
});
