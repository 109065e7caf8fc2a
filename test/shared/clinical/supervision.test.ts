import { describe, expect, it } from 'vitest';
import {
  byTicketUrgency,
  caseReviewsFallingDue,
  extensionBlocksBookedSession,
  outcomesSummary,
  ticketUrgency,
} from '../../../shared/clinical';
import { ALEX, SAM, appointment, config, episode, review, ticket } from './fixtures';

describe('the urgency of open tickets', () => {
  const t = (id: string, urgency: ReturnType<typeof ticketUrgency>, raisedAt: string) => ({
    id,
    urgency,
    raisedAt,
  });

  it('risk first, then an extension blocking a booked session, then new patients, then the rest', () => {
    const ordered = byTicketUrgency([
      t('review', ticketUrgency('four_weekly_review', false), '2026-03-01T09:00:00.000Z'),
      t('newer-new', ticketUrgency('new_patient', false), '2026-03-05T09:00:00.000Z'),
      t(
        'extension-free',
        ticketUrgency('session_extension_request', false),
        '2026-03-01T08:00:00.000Z',
      ),
      t('risk', ticketUrgency('non_urgent_risk', false), '2026-03-06T09:00:00.000Z'),
      t('extension', ticketUrgency('session_extension_request', true), '2026-03-04T09:00:00.000Z'),
      t('older-new', ticketUrgency('new_patient', false), '2026-03-02T09:00:00.000Z'),
      t('discharge', ticketUrgency('non_recovered_discharge', false), '2026-02-20T09:00:00.000Z'),
    ]);
    expect(ordered.map((x) => x.id)).toEqual([
      'risk',
      'extension',
      'older-new',
      'newer-new',
      'discharge',
      'extension-free',
      'review',
    ]);
  });

  it('an extension blocks a booked session only when a booked session lies beyond the limit unapproved', () => {
    const now = '2026-04-01T09:00:00.000Z';
    const e = episode({ step: 2 });
    const sessions = [1, 2, 3, 4].map((n) =>
      appointment({ id: `t${n}`, startsAt: `2026-03-0${n}T10:00:00.000Z`, outcome: 'attended' }),
    );
    const fifthBooked = appointment({ id: 't5', startsAt: '2026-04-03T10:00:00.000Z' });
    const request = ticket({ id: 'x', kind: 'session_extension_request', raisedAt: now });
    expect(extensionBlocksBookedSession(e, sessions, [request], config, now)).toBe(false);
    expect(
      extensionBlocksBookedSession(e, [...sessions, fifthBooked], [request], config, now),
    ).toBe(true);
    const approved = { ...request, decision: 'approved' as const, decidedAt: now };
    expect(
      extensionBlocksBookedSession(e, [...sessions, fifthBooked], [approved], config, now),
    ).toBe(false);
    // A step 3 episode has no hard limit.
    expect(
      extensionBlocksBookedSession(
        { ...e, step: 3 },
        [...sessions, fifthBooked],
        [request],
        config,
        now,
      ),
    ).toBe(false);
  });
});

describe('case reviews falling due under the four-weekly rule', () => {
  const now = '2026-03-30T09:00:00.000Z';
  const samEpisode = episode({
    id: 'e1',
    patientId: SAM.id,
    startedAt: '2026-02-02T09:00:00.000Z',
  });
  const alexEpisode = episode({
    id: 'e2',
    patientId: ALEX.id,
    startedAt: '2026-03-20T09:00:00.000Z',
  });
  const base = { patients: [SAM, ALEX], episodes: [samEpisode, alexEpisode], tickets: [] };

  it('counts 28 days from the last review, else from the episode start, and keeps the week ahead', () => {
    const reviews = [
      review({ id: 'r1', patientId: SAM.id, reviewedAt: '2026-03-05T09:00:00.000Z' }),
    ];
    const due = caseReviewsFallingDue({ ...base, reviews }, config, now, 7 * 24);
    expect(due).toEqual([
      {
        patientId: SAM.id,
        dueAt: '2026-04-02T09:00:00.000Z',
        state: 'upcoming',
        sinceAt: '2026-03-05T09:00:00.000Z',
        since: 'last_review',
      },
    ]);
    // Alex started 10 days ago: due in 18 days, outside a one-week look ahead, inside three.
    expect(
      caseReviewsFallingDue({ ...base, reviews }, config, now, 21 * 24).map((d) => d.patientId),
    ).toEqual([SAM.id, ALEX.id]);
  });

  it('an unreviewed patient is overdue 28 days after the episode start; a four-weekly ticket counts as a review', () => {
    const overdue = caseReviewsFallingDue({ ...base, reviews: [] }, config, now, 0);
    expect(overdue).toMatchObject([
      {
        patientId: SAM.id,
        state: 'overdue',
        since: 'episode_start',
        dueAt: '2026-03-02T09:00:00.000Z',
      },
    ]);
    const reviewedByTicket = caseReviewsFallingDue(
      {
        ...base,
        reviews: [],
        tickets: [
          ticket({ id: 'k', kind: 'four_weekly_review', raisedAt: '2026-03-25T09:00:00.000Z' }),
        ],
      },
      config,
      now,
      7 * 24,
    );
    expect(reviewedByTicket).toEqual([]);
  });

  it('an ended episode needs no review', () => {
    const ended = {
      ...samEpisode,
      endedAt: '2026-03-10T09:00:00.000Z',
      endReason: 'recovered_discharge' as const,
    };
    expect(
      caseReviewsFallingDue({ ...base, episodes: [ended], reviews: [] }, config, now, 30 * 24),
    ).toEqual([]);
  });
});

describe('a supervisee’s outcomes over a period', () => {
  const o = (
    over: Partial<Parameters<typeof outcomesSummary>[0][number]> = {},
  ): Parameters<typeof outcomesSummary>[0][number] => ({
    finishedTreatment: true,
    status: 'assessed',
    atCasenessAtStart: true,
    recovered: false,
    reliablyImproved: false,
    reliablyDeteriorated: false,
    ...over,
  });

  it('recovery counts those at caseness at the start; reliable improvement those with paired scores', () => {
    const summary = outcomesSummary([
      o({ recovered: true, reliablyImproved: true }),
      o({ recovered: true }),
      o({ atCasenessAtStart: false, recovered: null, reliablyImproved: true }),
      o({ reliablyDeteriorated: true }),
      o({ finishedTreatment: false, status: 'not_finished_treatment', atCasenessAtStart: null }),
    ]);
    expect(summary).toEqual({
      ended: 5,
      finishedTreatment: 4,
      atCasenessAtStart: 3,
      recovered: 2,
      recoveryRate: 2 / 3,
      assessed: 4,
      reliablyImproved: 2,
      reliableImprovementRate: 0.5,
      reliablyDeteriorated: 1,
    });
  });

  it('has no rate without a denominator', () => {
    expect(outcomesSummary([])).toMatchObject({
      recoveryRate: null,
      reliableImprovementRate: null,
    });
  });
});
