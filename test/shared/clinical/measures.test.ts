import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  gad7Severity,
  MeasureInputError,
  phq9Severity,
  reliableChange,
  scoreAdsm,
  scoreGad7,
  scorePhq9,
  scoreWsas,
  wsasBand,
} from '../../../shared/clinical';
import { config, configWith, itemsFor } from './fixtures';

const spin = configWith({
  measures: {
    adsm: [
      {
        id: 'spin',
        name: 'SPIN',
        maxScore: 68,
        caseness: 19,
        reliableChange: 10,
        problemDescriptors: ['social_anxiety'],
      },
    ],
  },
});

describe('PHQ-9', () => {
  it.each([
    [0, 'minimal', false],
    [4, 'minimal', false],
    [5, 'mild', false],
    [9, 'mild', false],
    [10, 'moderate', true],
    [14, 'moderate', true],
    [15, 'moderately_severe', true],
    [19, 'moderately_severe', true],
    [20, 'severe', true],
    [27, 'severe', true],
  ])('total %i is %s, caseness %s', (total, severity, caseness) => {
    const score = scorePhq9(itemsFor(total, 9, 3), config);
    expect(score).toMatchObject({ total, severity, caseness });
    expect(phq9Severity(total)).toBe(severity);
  });

  it('flags item 9 above 0 as a risk, whatever the total', () => {
    expect(scorePhq9([0, 0, 0, 0, 0, 0, 0, 0, 1], config)).toMatchObject({
      total: 1,
      riskFlag: true,
      item9: 1,
    });
    expect(scorePhq9([3, 3, 3, 3, 3, 3, 3, 3, 0], config)).toMatchObject({
      total: 24,
      riskFlag: false,
      item9: 0,
    });
  });

  it('uses the configured caseness', () => {
    const c12 = configWith({ measures: { phq9: { caseness: 12, reliableChange: 6 } } });
    expect(scorePhq9(itemsFor(11, 9, 3), c12).caseness).toBe(false);
    expect(scorePhq9(itemsFor(12, 9, 3), c12).caseness).toBe(true);
  });
});

describe('GAD-7', () => {
  it.each([
    [0, 'minimal', false],
    [4, 'minimal', false],
    [5, 'mild', false],
    [7, 'mild', false],
    [8, 'mild', true],
    [9, 'mild', true],
    [10, 'moderate', true],
    [14, 'moderate', true],
    [15, 'severe', true],
    [21, 'severe', true],
  ])('total %i is %s, caseness %s', (total, severity, caseness) => {
    expect(scoreGad7(itemsFor(total, 7, 3), config)).toEqual({ total, severity, caseness });
    expect(gad7Severity(total)).toBe(severity);
  });
});

describe('WSAS', () => {
  it.each([
    [0, 'subclinical'],
    [9, 'subclinical'],
    [10, 'significant'],
    [20, 'significant'],
    [21, 'moderately_severe_or_worse'],
    [40, 'moderately_severe_or_worse'],
  ])('total %i is %s', (total, band) => {
    expect(scoreWsas(itemsFor(total, 5, 8))).toEqual({ total, band });
    expect(wsasBand(total)).toBe(band);
  });
});

describe('invalid input is a clear error, never a score', () => {
  it.each([
    ['too few items', [0, 0, 0, 0, 0, 0, 0, 0], 'PHQ-9 needs 9 items, got 8'],
    ['too many items', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 'PHQ-9 needs 9 items, got 10'],
    [
      'an item above 3',
      [0, 0, 0, 4, 0, 0, 0, 0, 0],
      'PHQ-9 item 4 is 4; items score whole numbers 0–3',
    ],
    ['a negative item', [-1, 0, 0, 0, 0, 0, 0, 0, 0], 'PHQ-9 item 1 is -1'],
    ['a fraction', [0, 0, 0, 0, 0, 0, 0, 0, 1.5], 'PHQ-9 item 9 is 1.5'],
    ['NaN', [0, 0, 0, 0, 0, 0, 0, NaN, 0], 'PHQ-9 item 8 is NaN'],
    ['a string', [0, 0, '2', 0, 0, 0, 0, 0, 0], 'PHQ-9 item 3 is 2'],
    ['null', [0, null, 0, 0, 0, 0, 0, 0, 0], 'PHQ-9 item 2 is missing'],
    // eslint-disable-next-line no-sparse-arrays
    ['a hole', [0, 0, 0, 0, , 0, 0, 0, 0], 'PHQ-9 item 5 is missing'],
  ])('PHQ-9 with %s', (_label, items, message) => {
    expect(() => scorePhq9(items as number[], config)).toThrow(MeasureInputError);
    expect(() => scorePhq9(items as number[], config)).toThrow(message);
  });

  it('GAD-7 and WSAS check their own item counts and ranges', () => {
    expect(() => scoreGad7(itemsFor(9, 9, 3), config)).toThrow('GAD-7 needs 7 items, got 9');
    expect(() => scoreWsas([8, 8, 8, 8, 9])).toThrow(
      'WSAS item 5 is 9; items score whole numbers 0–8',
    );
    expect(scoreWsas([8, 8, 8, 8, 8]).total).toBe(40);
  });

  it('refuses something that is not a list', () => {
    expect(() => scorePhq9('000000000' as unknown as number[], config)).toThrow(
      'PHQ-9: items must be a list',
    );
  });

  it('ADSM totals are checked against the configured range', () => {
    expect(scoreAdsm('spin', 19, spin)).toEqual({ total: 19, caseness: true });
    expect(scoreAdsm('spin', 18, spin)).toEqual({ total: 18, caseness: false });
    expect(scoreAdsm('spin', 68, spin).total).toBe(68);
    expect(() => scoreAdsm('spin', 69, spin)).toThrow(
      'SPIN total is 69; it scores whole numbers 0–68',
    );
    expect(() => scoreAdsm('spin', -1, spin)).toThrow(MeasureInputError);
    expect(() => scoreAdsm('spin', 2.5, spin)).toThrow(MeasureInputError);
    expect(() => scoreAdsm('pdss', 3, spin)).toThrow(
      'ADSM "pdss" has no thresholds in the service configuration',
    );
  });
});

describe('reliableChange', () => {
  it.each([
    [16, 10, 6, 'improved'],
    [16, 11, 6, 'no_reliable_change'],
    [10, 16, 6, 'deteriorated'],
    [11, 16, 6, 'no_reliable_change'],
    [12, 8, 4, 'improved'],
    [12, 9, 4, 'no_reliable_change'],
    [5, 5, 4, 'no_reliable_change'],
  ] as const)('%i → %i with threshold %i is %s', (first, last, threshold, change) => {
    expect(reliableChange(first, last, threshold)).toBe(change);
  });
});

describe('score properties', () => {
  it('every valid PHQ-9, GAD-7 and WSAS stays in range and equals its item sum', () => {
    const items = (n: number, max: number) =>
      fc.array(fc.integer({ min: 0, max }), { minLength: n, maxLength: n });
    fc.assert(
      fc.property(items(9, 3), items(7, 3), items(5, 8), (p, g, w) => {
        const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
        const phq = scorePhq9(p, config);
        expect(phq.total).toBe(sum(p));
        expect(phq.total).toBeGreaterThanOrEqual(0);
        expect(phq.total).toBeLessThanOrEqual(27);
        expect(phq.riskFlag).toBe((p[8] as number) > 0);
        expect(scoreGad7(g, config).total).toBeLessThanOrEqual(21);
        expect(scoreWsas(w).total).toBeLessThanOrEqual(40);
      }),
    );
  });

  it('any item out of range throws, whatever the others', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 9, maxLength: 9 }),
        fc.integer({ min: 0, max: 8 }),
        fc.oneof(
          fc.integer({ min: 4, max: 1000 }),
          fc.integer({ min: -1000, max: -1 }),
          fc.double({ noInteger: true }),
        ),
        (items, index, bad) => {
          const copy = [...items];
          copy[index] = bad;
          expect(() => scorePhq9(copy, config)).toThrow(MeasureInputError);
        },
      ),
    );
  });
});
