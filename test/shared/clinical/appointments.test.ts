import { describe, expect, it } from 'vitest';
import type { Appointment } from '../../../shared/clinical';
import { byStart, compareIds } from '../../../shared/clinical/appointments';
import {
  appointmentStatus,
  AppointmentSchema,
  sessionLimitStatus,
  summariseEpisodeAppointments,
} from '../../../shared/clinical';
import { appointment, config, configWith, episode, ticket } from './fixtures';

const START = '2026-03-12T10:00:00.000Z';

function cancelled(
  cancelledAt: string,
  cancelledBy: Appointment['cancelledBy'] = 'patient',
): Appointment {
  return appointment({ id: 'c', startsAt: START, outcome: 'cancelled', cancelledAt, cancelledBy });
}

describe('appointmentStatus: late cancellation', () => {
  it.each([
    [
      'exactly 48 h before the start: late ("within 48 hours" is inclusive)',
      '2026-03-10T10:00:00.000Z',
      'late_cancellation',
    ],
    ['48 h minus 1 ms: late', '2026-03-10T10:00:00.001Z', 'late_cancellation'],
    ['48 h plus 1 ms: in time', '2026-03-10T09:59:59.999Z', 'cancelled'],
    ['an hour before: late', '2026-03-12T09:00:00.000Z', 'late_cancellation'],
    ['after the start: late', '2026-03-12T10:05:00.000Z', 'late_cancellation'],
  ])('%s', (_label, cancelledAt, status) => {
    expect(appointmentStatus(cancelled(cancelledAt), config)).toBe(status);
  });

  it('is 48 real hours across the October clock change', () => {
    // start Monday 26 Oct 10:00 GMT; 48 real hours earlier is Saturday 24 Oct 11:00 BST
    const start = '2026-10-26T10:00:00.000Z';
    const at = (cancelledAt: string): Appointment =>
      appointment({
        id: 'c',
        startsAt: start,
        outcome: 'cancelled',
        cancelledAt,
        cancelledBy: 'patient',
      });
    expect(appointmentStatus(at('2026-10-24T09:59:59.999Z'), config)).toBe('cancelled');
    expect(appointmentStatus(at('2026-10-24T10:00:00.000Z'), config)).toBe('late_cancellation');
  });

  it('only a patient cancellation can be late', () => {
    expect(appointmentStatus(cancelled('2026-03-12T09:00:00.000Z', 'therapist'), config)).toBe(
      'cancelled',
    );
    expect(appointmentStatus(cancelled('2026-03-12T09:00:00.000Z', 'service'), config)).toBe(
      'cancelled',
    );
  });

  it('treats a cancellation without an instant (unparsed input) as not late', () => {
    const bad = { ...cancelled('2026-03-12T09:00:00.000Z'), cancelledAt: undefined };
    expect(appointmentStatus(bad, config)).toBe('cancelled');
    expect(AppointmentSchema.safeParse(bad).success).toBe(false);
  });

  it('follows a configured notice period', () => {
    const c72 = configWith({ sessions: { lateCancellationHours: 72 } });
    expect(appointmentStatus(cancelled('2026-03-09T10:00:00.000Z'), c72)).toBe('late_cancellation');
    expect(appointmentStatus(cancelled('2026-03-09T09:59:00.000Z'), c72)).toBe('cancelled');
  });

  it('passes other outcomes through', () => {
    expect(appointmentStatus(appointment({ id: 'b', startsAt: START }), config)).toBe('booked');
    expect(
      appointmentStatus(appointment({ id: 'b', startsAt: START, outcome: 'dna' }), config),
    ).toBe('dna');
    expect(
      appointmentStatus(appointment({ id: 'b', startsAt: START, outcome: 'attended' }), config),
    ).toBe('attended');
  });
});

describe('AppointmentSchema', () => {
  it('accepts a cancelled appointment with who and when, and a plain one without', () => {
    expect(AppointmentSchema.safeParse(cancelled('2026-03-10T10:00:00.000Z')).success).toBe(true);
    expect(AppointmentSchema.safeParse(appointment({ id: 'a', startsAt: START })).success).toBe(
      true,
    );
  });
  it('refuses cancellation details on an appointment that was not cancelled', () => {
    const odd = appointment({
      id: 'a',
      startsAt: START,
      outcome: 'attended',
      cancelledBy: 'patient',
    });
    expect(AppointmentSchema.safeParse(odd).success).toBe(false);
  });
});

describe('summariseEpisodeAppointments', () => {
  it('counts each outcome of the episode once', () => {
    const day = (d: number): string => `2026-03-${String(d).padStart(2, '0')}T10:00:00.000Z`;
    const list: Appointment[] = [
      appointment({
        id: '1',
        startsAt: day(2),
        kind: 'assessment',
        durationMinutes: 60,
        outcome: 'attended',
      }),
      appointment({ id: '2', startsAt: day(9), outcome: 'attended' }),
      appointment({ id: '3', startsAt: day(10), outcome: 'attended' }),
      appointment({ id: '4', startsAt: day(11), outcome: 'dna' }),
      appointment({ id: '5', startsAt: day(12), kind: 'assessment', outcome: 'dna' }),
      appointment({
        id: '6',
        startsAt: day(16),
        outcome: 'cancelled',
        cancelledBy: 'patient',
        cancelledAt: day(15),
      }),
      appointment({
        id: '7',
        startsAt: day(20),
        outcome: 'cancelled',
        cancelledBy: 'patient',
        cancelledAt: day(10),
      }),
      appointment({ id: '8', startsAt: day(23) }),
      appointment({ id: 'other', episodeId: 'e9', startsAt: day(23), outcome: 'attended' }),
    ];
    expect(summariseEpisodeAppointments('e1', list, config)).toEqual({
      episodeId: 'e1',
      assessmentsAttended: 1,
      treatmentSessionsAttended: 2,
      dnas: 2,
      lateCancellations: 1,
      cancellations: 1,
      booked: 1,
    });
  });
});

describe('sessionLimitStatus', () => {
  const weekly = (n: number, over: Partial<Appointment> = {}): Appointment[] =>
    Array.from({ length: n }, (_, i) =>
      appointment({
        id: `t${i + 1}`,
        startsAt: new Date(Date.parse('2026-03-02T10:00:00Z') + i * 7 * 86_400_000).toISOString(),
        outcome: 'attended',
        ...over,
      }),
    );

  it('step 2: four treatment sessions may be booked, the fifth needs an approved extension', () => {
    const three = sessionLimitStatus(episode(), weekly(3), [], config);
    expect(three).toMatchObject({
      limit: 4,
      treatmentSessions: 3,
      mayBookAnother: true,
      beyondLimitWithoutApproval: [],
    });
    const four = sessionLimitStatus(episode(), weekly(4), [], config);
    expect(four).toMatchObject({
      treatmentSessions: 4,
      mayBookAnother: false,
      extensionRequested: false,
    });
  });

  it('DNAs and cancellations are not treatment sessions; booked ones are', () => {
    const list = [
      ...weekly(3),
      appointment({ id: 'dna', startsAt: '2026-04-01T10:00:00Z', outcome: 'dna' }),
    ];
    expect(sessionLimitStatus(episode(), list, [], config).treatmentSessions).toBe(3);
    const booked = [...weekly(3), appointment({ id: 'next', startsAt: '2026-04-01T10:00:00Z' })];
    expect(sessionLimitStatus(episode(), booked, [], config).mayBookAnother).toBe(false);
  });

  it('names a fifth session booked without approval', () => {
    const requested = [
      ticket({ id: 'x', kind: 'session_extension_request', raisedAt: '2026-03-20T10:00:00Z' }),
    ];
    const status = sessionLimitStatus(episode(), weekly(5), requested, config);
    expect(status).toMatchObject({
      extensionRequested: true,
      extensionApproved: false,
      mayBookAnother: false,
      beyondLimitWithoutApproval: ['t5'],
    });
  });

  it('an approved extension lifts the limit', () => {
    const approved = [
      ticket({
        id: 'x',
        kind: 'session_extension_request',
        raisedAt: '2026-03-20T10:00:00Z',
        decision: 'approved',
      }),
      ticket({
        id: 'other',
        kind: 'session_extension_request',
        episodeId: 'e9',
        raisedAt: '2026-03-20T10:00:00Z',
      }),
    ];
    const status = sessionLimitStatus(episode(), weekly(5), approved, config);
    expect(status).toMatchObject({
      extensionApproved: true,
      mayBookAnother: true,
      beyondLimitWithoutApproval: [],
    });
  });

  it('step 3 has no hard limit', () => {
    const status = sessionLimitStatus(episode({ step: 3 }), weekly(9), [], config);
    expect(status).toMatchObject({
      limit: null,
      treatmentSessions: 9,
      mayBookAnother: true,
      beyondLimitWithoutApproval: [],
    });
  });
});

describe('ordering', () => {
  it('orders by start, then id; equal appointments compare equal', () => {
    const a = appointment({ id: 'a', startsAt: START });
    const b = appointment({ id: 'b', startsAt: START });
    expect([b, a].sort(byStart).map((x) => x.id)).toEqual(['a', 'b']);
    expect(byStart(a, a)).toBe(0);
    expect(compareIds('x', 'x')).toBe(0);
  });
});
