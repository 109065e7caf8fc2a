import { describe, expect, it } from 'vitest';
import {
  type Appointment,
  type BookingFacts,
  type BookingRequest,
  bookingRule,
  type Episode,
  proposedLength,
  sessionLimitWords,
  type Ticket,
  treatmentLimitRefusal,
} from '../../../shared/clinical';
import { ALEX, appointment, config, episode, ticket } from './fixtures';

/**
 * Issue 13 item 6: booking a session. The step 2 limit (4 treatment sessions, attended or
 * booked, before an approved session extension), the service's session lengths, a start in
 * the future, an open episode, and no double-booking of the therapist: one rule, used by the
 * device offline and by the server.
 */
const NOW = '2026-03-20T09:00:00.000Z';
const NEXT_WEEK = '2026-03-27T10:00:00.000Z';

const held = (n: number, outcome?: 'attended'): Appointment[] =>
  Array.from({ length: n }, (_, i) =>
    appointment({
      id: `t${i + 1}`,
      startsAt: `2026-03-${String(i + 3).padStart(2, '0')}T10:00:00.000Z`,
      ...(outcome ? { outcome } : {}),
    }),
  );

const facts = (over: Partial<BookingFacts> = {}): BookingFacts => ({
  episode: episode(),
  episodeAppointments: [],
  tickets: [],
  therapistAppointments: [],
  ...over,
});
const treatment = (over: Partial<BookingRequest> = {}): BookingRequest => ({
  kind: 'treatment',
  durationMinutes: 45,
  startsAt: NEXT_WEEK,
  ...over,
});
const extension = (decision?: Ticket['decision']): Ticket =>
  ticket({
    id: 'x1',
    kind: 'session_extension_request',
    raisedAt: '2026-03-15T09:00:00.000Z',
    ...(decision ? { decision, decidedAt: '2026-03-16T09:00:00.000Z' } : {}),
  });

describe('bookingRule: the step 2 limit', () => {
  const three = [...held(3, 'attended')];
  const threeAndOneBooked = [
    ...held(3, 'attended').slice(0, 3),
    appointment({ id: 't4', startsAt: '2026-03-25T10:00:00.000Z' }),
  ];
  it.each<[string, Appointment[], Ticket[], Episode, string | null]>([
    ['3 attended: the 4th may be booked', three, [], episode(), null],
    [
      '3 attended + 1 booked, no request: refused',
      threeAndOneBooked,
      [],
      episode(),
      'session_limit',
    ],
    [
      '4 attended, extension requested: refused',
      held(4, 'attended'),
      [extension()],
      episode(),
      'session_limit',
    ],
    [
      '4 attended, extension declined: refused',
      held(4, 'attended'),
      [extension('declined')],
      episode(),
      'session_limit',
    ],
    [
      '4 attended, extension approved: the 5th may be booked',
      held(4, 'attended'),
      [extension('approved')],
      episode(),
      null,
    ],
    ['step 3 with 8 sessions: no hard limit', held(8, 'attended'), [], episode({ step: 3 }), null],
  ])('%s', (_label, episodeAppointments, tickets, ep, refusal) => {
    const request = treatment(ep.step === 3 ? { durationMinutes: 60 } : {});
    const decision = bookingRule(
      request,
      facts({ episode: ep, episodeAppointments, tickets }),
      NOW,
      config,
    );
    expect(decision.ok ? null : decision.refusal).toBe(refusal);
  });

  it('says why in words, with the count and what the extension waits for', () => {
    const decision = bookingRule(
      treatment(),
      facts({ episodeAppointments: threeAndOneBooked }),
      NOW,
      config,
    );
    expect(decision).toEqual({
      ok: false,
      refusal: 'session_limit',
      reason:
        'Step 2 allows 4 treatment sessions before a session extension is approved; this patient has 3 used and 1 booked. No session extension request has been raised: raise one in Tickets for the supervisor to approve.',
    });
    const waiting = bookingRule(
      treatment(),
      facts({ episodeAppointments: held(4, 'attended'), tickets: [extension()] }),
      NOW,
      config,
    );
    expect(!waiting.ok && waiting.reason).toMatch(/waiting for the supervisor’s decision\.$/);
  });

  it('an assessment is not a treatment session: booked at the limit', () => {
    const decision = bookingRule(
      { kind: 'assessment', durationMinutes: 60, startsAt: NEXT_WEEK },
      facts({ episodeAppointments: held(4, 'attended') }),
      NOW,
      config,
    );
    expect(decision).toEqual({ ok: true });
  });

  it('cancelled and missed sessions do not count toward the limit', () => {
    const cancelled = appointment({
      id: 'c',
      startsAt: '2026-03-10T10:00:00.000Z',
      outcome: 'cancelled',
      cancelledAt: '2026-03-01T10:00:00.000Z',
      cancelledBy: 'patient',
    });
    const dna = appointment({ id: 'd', startsAt: '2026-03-11T10:00:00.000Z', outcome: 'dna' });
    const decision = bookingRule(
      treatment(),
      facts({ episodeAppointments: [...three, cancelled, dna] }),
      NOW,
      config,
    );
    expect(decision).toEqual({ ok: true });
  });
});

describe('bookingRule: lengths, time and the episode', () => {
  it.each<[string, BookingRequest, Episode, string | null]>([
    ['step 2 treatment 45', treatment(), episode(), null],
    ['step 2 treatment 60: refused', treatment({ durationMinutes: 60 }), episode(), 'length'],
    [
      'step 2 assessment 60',
      { kind: 'assessment', durationMinutes: 60, startsAt: NEXT_WEEK },
      episode(),
      null,
    ],
    [
      'step 2 assessment 45: refused',
      { kind: 'assessment', durationMinutes: 45, startsAt: NEXT_WEEK },
      episode(),
      'length',
    ],
    ['step 3 treatment 30', treatment({ durationMinutes: 30 }), episode({ step: 3 }), null],
    [
      'step 3 assessment 30: refused',
      { kind: 'assessment', durationMinutes: 30, startsAt: NEXT_WEEK },
      episode({ step: 3 }),
      'length',
    ],
    ['a start now: refused', treatment({ startsAt: NOW }), episode(), 'in_the_past'],
    [
      'a start a minute ago: refused',
      treatment({ startsAt: '2026-03-20T08:59:00.000Z' }),
      episode(),
      'in_the_past',
    ],
    [
      'an ended episode: refused',
      treatment(),
      episode({ endedAt: '2026-03-18T09:00:00.000Z', endReason: 'recovered_discharge' }),
      'episode_ended',
    ],
  ])('%s', (_label, request, ep, refusal) => {
    const decision = bookingRule(request, facts({ episode: ep }), NOW, config);
    expect(decision.ok ? null : decision.refusal).toBe(refusal);
  });

  it('names the lengths allowed', () => {
    const decision = bookingRule(treatment({ durationMinutes: 30 }), facts(), NOW, config);
    expect(!decision.ok && decision.reason).toBe(
      'Step 2 treatment sessions are 45 minutes; this one is booked for 30.',
    );
  });
});

describe('bookingRule: no double-booking of the therapist', () => {
  const other = (over: Partial<Appointment>): Appointment =>
    appointment({
      id: 'o',
      patientId: ALEX.id,
      episodeId: 'e2',
      startsAt: NEXT_WEEK,
      durationMinutes: 60,
      ...over,
    });
  it.each<[string, Appointment, string | null]>([
    ['the same start with another patient', other({}), 'double_booked'],
    [
      'starting during the other session',
      other({ startsAt: '2026-03-27T09:30:00.000Z' }),
      'double_booked',
    ],
    ['the other ends as this one starts', other({ startsAt: '2026-03-27T09:00:00.000Z' }), null],
    [
      'the other starts as this one ends (45 min)',
      other({ startsAt: '2026-03-27T10:45:00.000Z' }),
      null,
    ],
    [
      'the other was cancelled: its time is free',
      other({
        outcome: 'cancelled',
        cancelledAt: '2026-03-19T10:00:00.000Z',
        cancelledBy: 'therapist',
      }),
      null,
    ],
  ])('%s', (_label, existing, refusal) => {
    const decision = bookingRule(
      treatment(),
      facts({ therapistAppointments: [existing] }),
      NOW,
      config,
    );
    expect(decision.ok ? null : decision.refusal).toBe(refusal);
  });

  it('says when, in UK time', () => {
    const decision = bookingRule(
      treatment(),
      facts({ therapistAppointments: [other({ startsAt: '2026-03-27T09:30:00.000Z' })] }),
      NOW,
      config,
    );
    expect(!decision.ok && decision.reason).toBe(
      'You already have a 60-minute session at Friday 27 March 2026, 09:30 with another patient: choose another time.',
    );
  });

  it('checks the limit before the clash (the limit is the reason that matters)', () => {
    const decision = bookingRule(
      treatment(),
      facts({ episodeAppointments: held(4, 'attended'), therapistAppointments: [other({})] }),
      NOW,
      config,
    );
    expect(!decision.ok && decision.refusal).toBe('session_limit');
  });
});

describe('proposedLength', () => {
  it.each<[2 | 3, 'assessment' | 'treatment', number, string]>([
    [2, 'assessment', 60, 'Step 2 assessments are 60 minutes.'],
    [2, 'treatment', 45, 'Step 2 treatment sessions are 45 minutes.'],
    [3, 'assessment', 60, 'Step 3 assessments are 60 minutes.'],
    [
      3,
      'treatment',
      60,
      'Step 3 treatment sessions are 60, 45 or 30 minutes; shorter sessions as the patient improves.',
    ],
  ])('step %s %s: %s minutes', (step, kind, minutes, why) => {
    expect(proposedLength(step, kind, config)).toMatchObject({ minutes, why });
  });
});

describe('sessionLimitWords: where the treatment sessions stand, where you book', () => {
  it.each<[string, Parameters<typeof sessionLimitWords>[0], string]>([
    [
      'step 2 below the limit',
      { used: 3, booked: 1, limit: 4, extension: 'needed', words: '' },
      '3 of 4 treatment sessions used; 1 booked; an extension is needed before another is booked',
    ],
    [
      'step 2, two used',
      { used: 2, booked: 0, limit: 4, extension: 'not_needed', words: '' },
      '2 of 4 treatment sessions used; 0 booked',
    ],
    [
      'step 2, requested',
      { used: 4, booked: 0, limit: 4, extension: 'requested', words: '' },
      '4 of 4 treatment sessions used; 0 booked; extension requested, awaiting the supervisor',
    ],
    [
      'step 2, approved',
      { used: 4, booked: 1, limit: 4, extension: 'approved', words: '' },
      '4 of 4 treatment sessions used; 1 booked; extension approved',
    ],
    [
      'step 3',
      { used: 1, booked: 2, limit: null, extension: 'no_limit', words: '' },
      '1 treatment session used; 2 booked; no hard limit at step 3',
    ],
  ])('%s', (_label, used, words) => {
    expect(sessionLimitWords(used)).toBe(words);
  });

  it('treatmentLimitRefusal is the limit alone (null below it and at step 3)', () => {
    expect(treatmentLimitRefusal(episode(), held(3, 'attended'), [], config)).toBeNull();
    expect(treatmentLimitRefusal(episode({ step: 3 }), held(9, 'attended'), [], config)).toBeNull();
    expect(treatmentLimitRefusal(episode(), held(4), [], config)).toMatch(
      /this patient has 0 used and 4 booked\./,
    );
  });
});
