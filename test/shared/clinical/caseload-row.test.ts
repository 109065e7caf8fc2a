import { describe, expect, it } from 'vitest';
import type { Appointment } from '../../../shared/clinical';
import { describeScoreTrend, scoreTrend, treatmentSessionsUsed } from '../../../shared/clinical';
import { appointment, config, episode, ticket } from './fixtures';

const weekly = (n: number, over: Partial<Appointment> = {}): Appointment[] =>
  Array.from({ length: n }, (_, i) =>
    appointment({
      id: `t${i + 1}`,
      startsAt: new Date(Date.parse('2026-03-02T10:00:00Z') + i * 7 * 86_400_000).toISOString(),
      outcome: 'attended',
      ...over,
    }),
  );

describe('treatmentSessionsUsed: x of 4 at step 2, with the extension state', () => {
  it('counts attended sessions as used and booked ones apart, below the limit', () => {
    const sessions = [
      ...weekly(2),
      appointment({ id: 'b1', startsAt: '2026-04-20T10:00:00.000Z' }),
    ];
    expect(treatmentSessionsUsed(episode(), sessions, [], config)).toEqual({
      used: 2,
      booked: 1,
      limit: 4,
      extension: 'not_needed',
      words: '2 of 4 used, 1 booked',
    });
  });

  it('needs an extension once attended and booked sessions reach the limit', () => {
    const sessions = [
      ...weekly(3),
      appointment({ id: 'b1', startsAt: '2026-04-20T10:00:00.000Z' }),
    ];
    expect(treatmentSessionsUsed(episode(), sessions, [], config).words).toBe(
      '3 of 4 used, 1 booked, extension needed',
    );
  });

  it('assessments, DNAs and other episodes do not count', () => {
    const sessions = [
      ...weekly(1),
      appointment({
        id: 'a',
        kind: 'assessment',
        startsAt: '2026-02-20T10:00:00.000Z',
        outcome: 'attended',
      }),
      appointment({ id: 'd', startsAt: '2026-03-20T10:00:00.000Z', outcome: 'dna' }),
      appointment({
        id: 'o',
        episodeId: 'e0',
        startsAt: '2026-01-20T10:00:00.000Z',
        outcome: 'attended',
      }),
    ];
    expect(treatmentSessionsUsed(episode(), sessions, [], config)).toMatchObject({
      used: 1,
      booked: 0,
    });
  });

  it.each([
    [[], 'needed'],
    [
      [
        ticket({
          id: 'x',
          kind: 'session_extension_request',
          raisedAt: '2026-03-30T10:00:00.000Z',
        }),
      ],
      'requested',
    ],
    [
      [
        ticket({
          id: 'x',
          kind: 'session_extension_request',
          raisedAt: '2026-03-30T10:00:00.000Z',
          decision: 'declined',
          decidedAt: '2026-03-31T10:00:00.000Z',
        }),
      ],
      'declined',
    ],
    [
      [
        ticket({
          id: 'x',
          kind: 'session_extension_request',
          raisedAt: '2026-03-30T10:00:00.000Z',
          decision: 'approved',
          decidedAt: '2026-03-31T10:00:00.000Z',
        }),
      ],
      'approved',
    ],
  ] as const)('four sessions used, tickets %j: extension %s', (tickets, state) => {
    const used = treatmentSessionsUsed(episode(), weekly(4), tickets, config);
    expect(used.extension).toBe(state);
    expect(used.words).toBe(`4 of 4 used, extension ${state}`);
  });

  it('step 3 has no limit: the count alone', () => {
    expect(treatmentSessionsUsed(episode({ step: 3 }), weekly(6), [], config)).toMatchObject({
      limit: null,
      extension: 'no_limit',
      words: '6 used',
    });
  });
});

describe('scoreTrend and its words', () => {
  it('keeps the latest scores, oldest first, whatever order they come in', () => {
    const records = [12, 3, 7, 9, 20, 1, 5, 8, 14, 2].map((total, i) => ({
      recordedAt: `2026-03-${String(10 + i).padStart(2, '0')}T10:00:00.000Z`,
      total,
    }));
    expect(scoreTrend([...records].reverse())).toEqual([7, 9, 20, 1, 5, 8, 14, 2]);
    expect(scoreTrend(records, 3)).toEqual([8, 14, 2]);
  });

  it.each([
    [[], 'PHQ-9: no scores yet.'],
    [[14], 'PHQ-9: one score, 14.'],
    [
      [18, 15, 12, 9],
      'PHQ-9, 4 scores, oldest first: 18, 15, 12, 9. Latest 9, 9 lower than the first.',
    ],
    [[6, 11], 'PHQ-9, 2 scores, oldest first: 6, 11. Latest 11, 5 higher than the first.'],
    [[10, 4, 10], 'PHQ-9, 3 scores, oldest first: 10, 4, 10. Latest 10, the same as the first.'],
  ])('%j reads "%s"', (values, words) => {
    expect(describeScoreTrend('PHQ-9', values)).toBe(words);
  });
});
