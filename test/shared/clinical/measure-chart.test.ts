import { describe, expect, it } from 'vitest';
import { measureChartSeries } from '../../../shared/clinical';
import { config, configWith } from './fixtures';

/** Issue 13 item 6: what the measures chart draws, from the service's thresholds. */
const score = (kind: string, day: number, total: number) => ({
  id: `${kind}-${day}`,
  kind,
  recordedAt: `2026-03-${String(day).padStart(2, '0')}T10:00:00.000Z`,
  total,
  appointmentId: null,
});

describe('measureChartSeries', () => {
  it('orders PHQ-9, GAD-7, WSAS and sorts each oldest first', () => {
    const series = measureChartSeries(
      [score('WSAS', 2, 22), score('GAD7', 9, 9), score('PHQ9', 9, 12), score('PHQ9', 2, 18)],
      config,
    );
    expect(series.map((s) => s.kind)).toEqual(['PHQ9', 'GAD7', 'WSAS']);
    expect(series[0]?.scores.map((s) => s.total)).toEqual([18, 12]);
  });

  it.each([
    ['PHQ9', 18, 27, [10], { low: 13, high: 23, threshold: 6 }],
    ['GAD7', 15, 21, [8], { low: 12, high: 18, threshold: 4 }],
    ['PHQ9', 2, 27, [10], { low: 0, high: 7, threshold: 6 }],
    ['WSAS', 25, 40, [10, 21], null],
  ])(
    '%s from a first score of %s: scale %s, lines %j, band %j (a change of exactly the threshold is outside it)',
    (kind, first, max, lines, band) => {
      const [series] = measureChartSeries([score(kind, 1, first)], config);
      expect(series).toMatchObject({ max, band });
      expect(series?.lines.map((l) => l.value)).toEqual(lines);
    },
  );

  it('a configured ADSM uses its own thresholds; an unconfigured one draws none', () => {
    const withSpin = configWith({
      measures: {
        adsm: [
          {
            id: 'spin',
            name: 'SPIN',
            maxScore: 68,
            caseness: 19,
            reliableChange: 10,
            problemDescriptors: ['social anxiety'],
          },
        ],
      },
    });
    const [spin] = measureChartSeries([score('SPIN', 1, 40)], withSpin);
    expect(spin).toMatchObject({ name: 'SPIN', max: 68, band: { low: 31, high: 49 } });
    expect(spin?.lines).toEqual([{ value: 19, label: 'Caseness (19 and above)' }]);
    const [pdss] = measureChartSeries([score('PDSS', 1, 12)], config);
    expect(pdss).toMatchObject({ lines: [], band: null, max: 12 });
  });
});
