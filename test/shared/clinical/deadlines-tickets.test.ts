import { describe, expect, it } from 'vitest';
import type { ClinicalFacts, Deadline } from '../../../shared/clinical';
import { computeDeadlines } from '../../../shared/clinical';
import { appointment, config, configWith, episode, facts, phq9, ticket } from './fixtures';

/**
 * Issue 10 item 13: the tickets the FAQ requires, as deadlines — non-urgent risk (a PHQ-9
 * item 9 above 0 prompts one), step up and reallocate, refer back to the service and a
 * non-recovered discharge (an episode ended that way without its ticket is flagged), and at
 * step 3 a case-management review after about four sessions before further sessions.
 */
const of = (kind: Deadline['kind'], f: Partial<ClinicalFacts>, now: string, c = config) =>
  computeDeadlines(facts(f), c, now).filter((d) => d.kind === kind);

const TAKEN = '2026-03-10T10:00:00.000Z';
const withRisk = (item9: number) => {
  const record = phq9('a1', TAKEN, 12);
  const items = [...record.items.slice(0, 8), item9];
  return { ...record, items };
};

describe('non-urgent risk ticket after a PHQ-9 item 9 above 0', () => {
  it('is due 24 hours after the score, done by a non-urgent-risk ticket of the episode', () => {
    const open = of('risk_ticket', { episodes: [episode()], measures: [withRisk(1)] }, TAKEN);
    expect(open).toEqual([
      expect.objectContaining({
        id: 'risk_ticket:phq9-a1',
        subjectId: 'phq9-a1',
        triggeredAt: TAKEN,
        dueAt: '2026-03-11T10:00:00.000Z',
        state: 'due_soon',
        sentence:
          'Raise a non-urgent risk ticket for Sam Carter (PHQ-9 item 9 scored 1 on Tuesday 10 March 2026, 10:00) — due Wednesday 11 March 2026, 10:00',
      }),
    ]);
    const raised = of(
      'risk_ticket',
      {
        episodes: [episode()],
        measures: [withRisk(2)],
        tickets: [ticket({ id: 't', kind: 'non_urgent_risk', raisedAt: '2026-03-10T15:00:00Z' })],
      },
      '2026-03-12T00:00:00.000Z',
    );
    expect(raised[0]).toMatchObject({ state: 'done', completedAt: '2026-03-10T15:00:00.000Z' });
  });

  it('none for item 9 at 0, for an unreadable record, or for a ticket raised before the score', () => {
    expect(of('risk_ticket', { measures: [withRisk(0)] }, TAKEN)).toEqual([]);
    expect(of('risk_ticket', { measures: [{ ...withRisk(1), items: [1, 2] }] }, TAKEN)).toEqual([]);
    const before = of(
      'risk_ticket',
      {
        measures: [withRisk(1)],
        tickets: [ticket({ id: 't', kind: 'non_urgent_risk', raisedAt: '2026-03-01T10:00:00Z' })],
      },
      '2026-03-12T00:00:00.000Z',
    );
    expect(before[0]?.state).toBe('overdue');
  });

  it('follows the configuration', () => {
    const c48 = configWith({ deadlines: { riskTicketHours: 48 } });
    expect(of('risk_ticket', { measures: [withRisk(3)] }, TAKEN, c48)[0]?.dueAt).toBe(
      '2026-03-12T10:00:00.000Z',
    );
  });
});

describe('an episode ended without the ticket its ending needs is flagged', () => {
  const ENDED = '2026-04-01T12:00:00.000Z';
  it.each([
    [
      'step_up',
      'step_up_and_reallocate',
      'Raise a step-up-and-reallocate ticket for Sam Carter (stepped up Wednesday 1 April 2026, 13:00)',
    ],
    [
      'refer_back_to_service',
      'refer_back_to_service',
      'Raise a refer-back-to-service ticket for Sam Carter (referred back Wednesday 1 April 2026, 13:00)',
    ],
    [
      'non_recovered_discharge',
      'non_recovered_discharge',
      'Raise a non-recovered-discharge ticket for Sam Carter (discharged Wednesday 1 April 2026, 13:00)',
    ],
  ] as const)('%s needs a %s ticket', (endReason, kind, action) => {
    const ended = episode({ endedAt: ENDED, endReason });
    const [flag] = of('episode_end_ticket', { episodes: [ended] }, '2026-04-02T00:00:00.000Z');
    expect(flag).toMatchObject({
      id: 'episode_end_ticket:e1',
      dueAt: ENDED,
      state: 'overdue',
      sentence: `${action} — due Wednesday 1 April 2026, 13:00`,
    });
    const withTicket = of(
      'episode_end_ticket',
      { episodes: [ended], tickets: [ticket({ id: 't', kind, raisedAt: '2026-03-30T09:00:00Z' })] },
      '2026-04-02T00:00:00.000Z',
    );
    expect(withTicket[0]).toMatchObject({ state: 'done', completedLate: false });
  });

  it('not for a recovered discharge, a step down or an open episode; a ticket of another kind does not count', () => {
    const none = of(
      'episode_end_ticket',
      {
        episodes: [
          episode({ id: 'r', endedAt: ENDED, endReason: 'recovered_discharge' }),
          episode({ id: 'd', endedAt: ENDED, endReason: 'step_down' }),
          episode({ id: 'o' }),
          episode({ id: 'later', endedAt: '2026-05-01T00:00:00Z', endReason: 'step_up' }),
        ],
      },
      '2026-04-02T00:00:00.000Z',
    );
    expect(none).toEqual([]);
    const wrong = of(
      'episode_end_ticket',
      {
        episodes: [episode({ endedAt: ENDED, endReason: 'step_up' })],
        tickets: [
          ticket({ id: 't', kind: 'four_weekly_review', raisedAt: '2026-03-30T09:00:00Z' }),
        ],
      },
      '2026-04-02T00:00:00.000Z',
    );
    expect(wrong[0]?.state).toBe('overdue');
  });
});

describe('step 3: a case-management review after about four sessions, before further sessions', () => {
  const fortnightly = (n: number, booked = 0) =>
    Array.from({ length: n + booked }, (_, i) =>
      appointment({
        id: `s${i + 1}`,
        startsAt: new Date(Date.parse('2026-01-05T10:00:00Z') + i * 14 * 86_400_000).toISOString(),
        durationMinutes: 60,
        ...(i < n ? { outcome: 'attended' as const } : {}),
      }),
    );
  const step3 = episode({ step: 3, startedAt: '2026-01-01T09:00:00.000Z' });

  it('is due before the next session after the fourth', () => {
    const [review] = of(
      'step3_review',
      { episodes: [step3], appointments: fortnightly(4, 1) },
      '2026-02-20T00:00:00.000Z',
    );
    expect(review).toMatchObject({
      id: 'step3_review:e1',
      triggeredAt: '2026-02-16T11:00:00.000Z',
      dueAt: '2026-03-02T10:00:00.000Z',
      sentence:
        'Review Sam Carter in case management before further sessions (4 treatment sessions, the last on Monday 16 February 2026, 10:00) — due Monday 2 March 2026, 10:00',
    });
  });

  it('with no further session booked, within two weeks of the fourth', () => {
    const [review] = of(
      'step3_review',
      { episodes: [step3], appointments: fortnightly(4) },
      '2026-02-20T00:00:00.000Z',
    );
    expect(review?.dueAt).toBe('2026-03-02T11:00:00.000Z');
  });

  it('is done by a four-weekly review or extension ticket raised from the fourth session on', () => {
    const tickets = [
      ticket({ id: 'old', kind: 'four_weekly_review', raisedAt: '2026-01-20T10:00:00Z' }),
      ticket({ id: 'new', kind: 'session_extension_request', raisedAt: '2026-02-17T10:00:00Z' }),
    ];
    const [review] = of(
      'step3_review',
      { episodes: [step3], appointments: fortnightly(4, 1), tickets },
      '2026-02-20T00:00:00.000Z',
    );
    expect(review).toMatchObject({ state: 'done', completedAt: '2026-02-17T10:00:00.000Z' });
  });

  it('not before the fourth session, not at step 2, not for a closed episode; configurable', () => {
    const now = '2026-02-20T00:00:00.000Z';
    expect(of('step3_review', { episodes: [step3], appointments: fortnightly(3, 2) }, now)).toEqual(
      [],
    );
    expect(
      of('step3_review', { episodes: [episode()], appointments: fortnightly(5) }, now),
    ).toEqual([]);
    const closed = episode({ step: 3, endedAt: '2026-02-18T00:00:00Z', endReason: 'step_down' });
    expect(of('step3_review', { episodes: [closed], appointments: fortnightly(5) }, now)).toEqual(
      [],
    );
    const after3 = configWith({ sessions: { step3ReviewAfterSessions: 3 } });
    expect(
      of('step3_review', { episodes: [step3], appointments: fortnightly(3) }, now, after3),
    ).toHaveLength(1);
  });
});
