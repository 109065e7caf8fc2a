import { describe, expect, it } from 'vitest';
import type { Appointment, ClinicalFacts, Deadline } from '../../../shared/clinical';
import { computeDeadlines } from '../../../shared/clinical';
import { ALEX, appointment, config, configWith, episode, facts, review, ticket } from './fixtures';

function of(
  kind: Deadline['kind'],
  f: Partial<ClinicalFacts>,
  now: string,
  c = config,
): Deadline[] {
  return computeDeadlines(facts(f), c, now).filter((d) => d.kind === kind);
}

const ASSESSED = '2026-03-03T10:00:00.000Z'; // Tuesday

describe('new-patient ticket: after the initial assessment', () => {
  const assessment = appointment({
    id: 'as',
    kind: 'assessment',
    durationMinutes: 60,
    startsAt: ASSESSED,
    outcome: 'attended',
  });

  it('is due 48 h after the first attended assessment', () => {
    const later = appointment({
      id: 'as2',
      kind: 'assessment',
      startsAt: '2026-03-10T10:00:00.000Z',
      outcome: 'attended',
    });
    const dna = appointment({
      id: 'as0',
      kind: 'assessment',
      startsAt: '2026-03-01T10:00:00.000Z',
      outcome: 'dna',
    });
    const [d, ...rest] = of(
      'new_patient_ticket',
      { episodes: [episode()], appointments: [later, assessment, dna] },
      '2026-03-04T12:00:00.000Z',
    );
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      id: 'new_patient_ticket:e1',
      triggeredAt: ASSESSED,
      dueAt: '2026-03-05T10:00:00.000Z',
      state: 'due_soon',
    });
    expect(d?.sentence).toBe(
      'Raise a new-patient ticket for Sam Carter (assessed Tuesday 3 March 2026, 10:00) — due Thursday 5 March 2026, 10:00',
    );
  });

  it('is done by a new_patient ticket of that episode', () => {
    const tickets = [
      ticket({ id: 'x', kind: 'four_weekly_review', raisedAt: '2026-03-03T12:00:00.000Z' }),
      ticket({
        id: 'y',
        kind: 'new_patient',
        episodeId: 'e9',
        raisedAt: '2026-03-03T12:00:00.000Z',
      }),
    ];
    const f = { episodes: [episode()], appointments: [assessment], tickets };
    expect(of('new_patient_ticket', f, '2026-03-06T12:00:00.000Z')[0]?.state).toBe('overdue');
    const raised = [
      ...tickets,
      ticket({ id: 't', kind: 'new_patient', raisedAt: '2026-03-04T09:00:00.000Z' }),
    ];
    expect(
      of('new_patient_ticket', { ...f, tickets: raised }, '2026-03-06T12:00:00.000Z')[0],
    ).toMatchObject({
      state: 'done',
      completedAt: '2026-03-04T09:00:00.000Z',
    });
  });

  it('needs an attended assessment', () => {
    expect(of('new_patient_ticket', { episodes: [episode()] }, '2026-03-06T12:00:00.000Z')).toEqual(
      [],
    );
  });

  it('follows the configuration', () => {
    const c = configWith({ deadlines: { newPatientTicketHours: 24 * 7 } });
    const [d] = of(
      'new_patient_ticket',
      { episodes: [episode()], appointments: [assessment] },
      ASSESSED,
      c,
    );
    expect(d?.dueAt).toBe('2026-03-10T10:00:00.000Z');
  });
});

describe('session extension: before a 5th step 2 treatment session', () => {
  const weekly = (n: number): Appointment[] =>
    Array.from({ length: n }, (_, i) =>
      appointment({
        id: `t${i + 1}`,
        startsAt: new Date(Date.parse('2026-03-02T10:00:00Z') + i * 14 * 86_400_000).toISOString(),
      }),
    );
  // t4 starts on Monday 13 April 2026, 10:00 BST

  it('appears once the 4th treatment session exists, due at its start', () => {
    expect(
      of(
        'session_extension',
        { episodes: [episode()], appointments: weekly(3) },
        '2026-03-03T00:00:00.000Z',
      ),
    ).toEqual([]);
    const [d] = of(
      'session_extension',
      { episodes: [episode()], appointments: weekly(4) },
      '2026-03-03T00:00:00.000Z',
    );
    expect(d).toMatchObject({
      id: 'session_extension:e1',
      dueAt: '2026-04-13T10:00:00.000Z',
      state: 'upcoming',
    });
    expect(d?.sentence).toBe(
      'Raise a session extension request for Sam Carter before booking treatment session 5 — due Monday 13 April 2026, 11:00',
    );
    expect(
      of(
        'session_extension',
        { episodes: [episode()], appointments: weekly(4) },
        '2026-04-13T10:00:00.001Z',
      )[0]?.state,
    ).toBe('overdue');
  });

  it('is done once the request is raised', () => {
    const tickets = [
      ticket({ id: 'r', kind: 'session_extension_request', raisedAt: '2026-04-01T10:00:00.000Z' }),
    ];
    const [d] = of(
      'session_extension',
      { episodes: [episode()], appointments: weekly(5), tickets },
      '2026-04-02T00:00:00.000Z',
    );
    expect(d).toMatchObject({ state: 'done', completedLate: false });
  });

  it('not for step 3 or a closed episode', () => {
    const step3 = episode({ step: 3 });
    const closed = episode({
      endedAt: '2026-03-20T10:00:00.000Z',
      endReason: 'recovered_discharge',
    });
    expect(
      of(
        'session_extension',
        { episodes: [step3], appointments: weekly(6) },
        '2026-03-03T00:00:00.000Z',
      ),
    ).toEqual([]);
    expect(
      of(
        'session_extension',
        { episodes: [closed], appointments: weekly(6) },
        '2026-04-01T00:00:00.000Z',
      ),
    ).toEqual([]);
  });

  it('follows a configured limit', () => {
    const six = configWith({ sessions: { step2TreatmentSessionLimit: 6 } });
    expect(
      of(
        'session_extension',
        { episodes: [episode()], appointments: weekly(5) },
        '2026-03-03T00:00:00.000Z',
        six,
      ),
    ).toEqual([]);
    expect(
      of(
        'session_extension',
        { episodes: [episode()], appointments: weekly(6) },
        '2026-03-03T00:00:00.000Z',
        six,
      ),
    ).toHaveLength(1);
  });
});

describe('case review: every patient at least every 4 weeks', () => {
  const started = episode({ startedAt: '2026-03-02T09:00:00.000Z' });

  it('runs from the episode start', () => {
    const [d] = of('case_review', { episodes: [started] }, '2026-03-05T00:00:00.000Z');
    expect(d).toMatchObject({
      id: 'case_review:p-sam',
      dueAt: '2026-03-30T09:00:00.000Z',
      state: 'upcoming',
    });
    // 28 × 24 real hours: across the March change the wall clock moves to 10:00 BST
    expect(d?.sentence).toBe(
      'Review Sam Carter in case management (episode started Monday 2 March 2026, 09:00) — due Monday 30 March 2026, 10:00',
    );
  });

  it('runs from the latest review or four-weekly-review ticket up to now', () => {
    const f = {
      episodes: [started],
      reviews: [
        review({ id: 'r1', reviewedAt: '2026-03-10T14:00:00.000Z' }),
        review({ id: 'future', reviewedAt: '2026-04-10T14:00:00.000Z' }),
        review({ id: 'alex', patientId: ALEX.id, reviewedAt: '2026-03-20T14:00:00.000Z' }),
      ],
      tickets: [
        ticket({ id: 't', kind: 'four_weekly_review', raisedAt: '2026-03-12T14:00:00.000Z' }),
        ticket({ id: 'np', kind: 'new_patient', raisedAt: '2026-03-19T14:00:00.000Z' }),
      ],
    };
    const [d] = of('case_review', f, '2026-03-15T00:00:00.000Z');
    expect(d).toMatchObject({
      triggeredAt: '2026-03-12T14:00:00.000Z',
      dueAt: '2026-04-09T14:00:00.000Z',
    });
    expect(d?.sentence).toContain('(last reviewed Thursday 12 March 2026, 14:00)');
  });

  it('counts a review at exactly now', () => {
    const now = '2026-03-15T00:00:00.000Z';
    const f = { episodes: [started], reviews: [review({ id: 'r', reviewedAt: now })] };
    expect(of('case_review', f, now)[0]?.triggeredAt).toBe(now);
  });

  it('ignores reviews from before the episode; only open episodes', () => {
    const f = {
      episodes: [started],
      reviews: [review({ id: 'old', reviewedAt: '2026-01-10T14:00:00.000Z' })],
    };
    expect(of('case_review', f, '2026-03-05T00:00:00.000Z')[0]?.triggeredAt).toBe(
      '2026-03-02T09:00:00.000Z',
    );
    const closed = episode({
      endedAt: '2026-03-04T09:00:00.000Z',
      endReason: 'refer_back_to_service',
    });
    expect(of('case_review', { episodes: [closed] }, '2026-03-05T00:00:00.000Z')).toEqual([]);
  });

  it('one per patient, from the latest open episode start', () => {
    const older = episode({ id: 'e0', startedAt: '2026-02-02T09:00:00.000Z' });
    const list = of('case_review', { episodes: [started, older] }, '2026-03-05T00:00:00.000Z');
    expect(list.map((d) => d.triggeredAt)).toEqual(['2026-03-02T09:00:00.000Z']);
    const reversed = of('case_review', { episodes: [older, started] }, '2026-03-05T00:00:00.000Z');
    expect(reversed).toEqual(list);
  });

  it('follows the configuration', () => {
    const c = configWith({ deadlines: { caseReviewHours: 14 * 24 } });
    expect(
      of('case_review', { episodes: [started] }, '2026-03-05T00:00:00.000Z', c)[0]?.dueAt,
    ).toBe('2026-03-16T09:00:00.000Z');
  });
});
