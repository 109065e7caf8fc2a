import { describe, expect, it } from 'vitest';
import type { Appointment, Ticket } from '../../../shared/clinical';
import { sessionLimitWords, treatmentSessionsUsed } from '../../../shared/clinical';
import { appointment, config, episode, ticket } from './fixtures';

/**
 * The treatment sessions used, in the caseload's words and the booking form's, from one
 * table: past the step 2 limit the words never read as "7 of 4" — with an approved extension
 * the sessions beyond 4 are the extension's (the domain sets no number for it), without one
 * they are over the limit.
 */
const held = (n: number, from = 0): Appointment[] =>
  Array.from({ length: n }, (_, i) =>
    appointment({
      id: `t${from + i + 1}`,
      startsAt: new Date(
        Date.parse('2026-03-02T10:00:00Z') + (from + i) * 7 * 86_400_000,
      ).toISOString(),
      outcome: 'attended',
    }),
  );
const booked = (n: number): Appointment[] =>
  Array.from({ length: n }, (_, i) =>
    appointment({ id: `b${i + 1}`, startsAt: `2026-09-0${i + 1}T10:00:00.000Z` }),
  );
const extension = (decision?: 'approved' | 'declined'): Ticket[] => [
  ticket({
    id: 'x',
    kind: 'session_extension_request',
    raisedAt: '2026-03-30T10:00:00.000Z',
    ...(decision ? { decision, decidedAt: '2026-03-31T10:00:00.000Z' } : {}),
  }),
];

describe('treatment sessions used, in the caseload and where you book', () => {
  it.each<[string, 2 | 3, Appointment[], Ticket[], string, string]>([
    [
      'below the limit',
      2,
      [...held(2), ...booked(1)],
      [],
      '2 of 4 used, 1 booked',
      '2 of 4 treatment sessions used; 1 booked',
    ],
    [
      'at the limit, no request',
      2,
      held(4),
      [],
      '4 of 4 used, extension needed',
      '4 of 4 treatment sessions used; 0 booked; an extension is needed before another is booked',
    ],
    [
      'at the limit, approved, the fifth booked',
      2,
      [...held(4), ...booked(1)],
      extension('approved'),
      '4 of 4 used, 1 booked, extension approved',
      '4 of 4 treatment sessions used; 1 booked; extension approved',
    ],
    [
      'seven used on an approved extension',
      2,
      held(7),
      extension('approved'),
      '7 used (4 + 3 on the approved extension)',
      '7 treatment sessions used (4 + 3 on the approved extension); 0 booked',
    ],
    [
      'five used and one booked on an approved extension',
      2,
      [...held(5), ...booked(1)],
      extension('approved'),
      '5 used (4 + 1 on the approved extension), 1 booked',
      '5 treatment sessions used (4 + 1 on the approved extension); 1 booked',
    ],
    [
      'five used with the extension declined (held before the decision)',
      2,
      held(5),
      extension('declined'),
      '5 used, 1 over the limit of 4, extension declined',
      '5 treatment sessions used, 1 over the limit of 4; 0 booked; extension declined',
    ],
    [
      'step 3, one used: no limit',
      3,
      [...held(1), ...booked(2)],
      [],
      '1 used, 2 booked',
      '1 treatment session used; 2 booked; no hard limit at step 3',
    ],
    [
      'step 3, seven used',
      3,
      held(7),
      [],
      '7 used',
      '7 treatment sessions used; 0 booked; no hard limit at step 3',
    ],
  ])('%s', (_label, step, sessions, tickets, caseloadWords, bookingWords) => {
    const used = treatmentSessionsUsed(episode({ step }), sessions, tickets, config);
    expect(used.words).toBe(caseloadWords);
    expect(sessionLimitWords(used)).toBe(bookingWords);
    // Never "7 of 4": a count above its limit is not written as "x of limit".
    for (const words of [used.words, sessionLimitWords(used)]) {
      const [, x, of] = /(\d+) of (\d+)/.exec(words) ?? [];
      if (x !== undefined) expect(Number(x)).toBeLessThanOrEqual(Number(of));
    }
  });
});
