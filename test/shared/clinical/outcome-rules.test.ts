import { describe, expect, it } from 'vitest';
import {
  type BookedAppointment,
  decideOutcome,
  noticeInWords,
  outcomeContradiction,
  type OutcomeRecording,
  type RecordedOutcome,
  sessionLengthRule,
} from '../../../shared/clinical';
import { config, configWith } from './fixtures';

// Thursday 12 March 2026, 10:00 GMT, a 45-minute step 2 treatment session.
const START = '2026-03-12T10:00:00.000Z';
const step2: BookedAppointment = {
  startsAt: START,
  durationMinutes: 45,
  kind: 'treatment',
  step: 2,
};
const step3: BookedAppointment = { ...step2, durationMinutes: 60, step: 3 };
const AFTER = '2026-03-12T11:00:00.000Z';
const WEEK_BEFORE = '2026-03-05T10:00:00.000Z';

const cancelled = (
  cancelledAt: string,
  cancelledBy: 'patient' | 'therapist' | 'service' = 'patient',
): OutcomeRecording => ({ kind: 'cancelled', cancelledAt, cancelledBy });

describe('decideOutcome: what may be recorded, and as what', () => {
  it.each<[string, BookedAppointment, OutcomeRecording, string, RecordedOutcome | null, string]>([
    ['attended after the start', step2, { kind: 'attended' }, AFTER, 'attended', 'Attended.'],
    ['attended at the very start', step2, { kind: 'attended' }, START, 'attended', 'Attended.'],
    [
      'a DNA after the start',
      step3,
      { kind: 'dna' },
      AFTER,
      'dna',
      'Did not attend (DNA): the patient did not come and did not cancel.',
    ],
    [
      'attended before the start is refused',
      step2,
      { kind: 'attended' },
      WEEK_BEFORE,
      null,
      'This appointment has not started yet: it cannot be recorded as attended, only cancelled.',
    ],
    [
      'a DNA before the start is refused',
      step2,
      { kind: 'dna' },
      '2026-03-12T09:59:59.999Z',
      null,
      'This appointment has not started yet: it cannot be recorded as a DNA, only cancelled.',
    ],
    [
      'the reported case: a patient cancelling seven days ahead is not late',
      step3,
      cancelled(WEEK_BEFORE),
      WEEK_BEFORE,
      'cancelled',
      'Cancelled in time: the patient cancelled 7 days before the start (more than 48 hours).',
    ],
    [
      'a patient cancelling exactly 48 hours before is late (inclusive)',
      step3,
      cancelled('2026-03-10T10:00:00.000Z'),
      AFTER,
      'late_cancellation',
      'Late cancellation: the patient cancelled 48 hours before the start (within 48 hours).',
    ],
    [
      'a minute more than 48 hours is in time',
      step3,
      cancelled('2026-03-10T09:59:00.000Z'),
      AFTER,
      'cancelled',
      'Cancelled in time: the patient cancelled 48 hours 1 minute before the start (more than 48 hours).',
    ],
    [
      'a patient cancelling during the session is late',
      step3,
      cancelled('2026-03-12T10:20:00.000Z'),
      AFTER,
      'late_cancellation',
      'Late cancellation: the patient cancelled 20 minutes after the start (within 48 hours).',
    ],
    [
      'the therapist cancelling an hour before: never late',
      step3,
      cancelled('2026-03-12T09:00:00.000Z', 'therapist'),
      AFTER,
      'cancelled',
      'Cancelled by the therapist (1 hour before the start): never a late cancellation.',
    ],
    [
      'the service cancelling at the start: never late',
      step2,
      cancelled(START, 'service'),
      AFTER,
      'cancelled',
      'Cancelled by the service (less than a minute before the start): never a late cancellation.',
    ],
    [
      'a cancellation in the future is refused',
      step3,
      cancelled('2026-03-06T10:00:00.000Z'),
      WEEK_BEFORE,
      null,
      'The time of cancellation is in the future: give when it happened.',
    ],
    [
      'a cancellation stamped "now" by a device whose clock reads a little ahead is now',
      step3,
      cancelled('2026-03-05T10:00:00.040Z', 'therapist'),
      WEEK_BEFORE,
      'cancelled',
      'Cancelled by the therapist (6 days 23 hours before the start): never a late cancellation.',
    ],
    [
      'a "cancellation" after the appointment ended is a DNA',
      step3,
      cancelled(AFTER),
      '2026-03-12T12:00:00.000Z',
      null,
      'That time is after the appointment ended: an appointment the patient missed without cancelling is a DNA.',
    ],
  ])('%s', (_label, appointment, recording, now, status, words) => {
    const decision = decideOutcome(appointment, recording, now, config);
    expect(decision).toEqual(
      status === null ? { ok: false, reason: words } : { ok: true, status, explanation: words },
    );
  });

  it('follows a configured notice period', () => {
    const c72 = configWith({ sessions: { lateCancellationHours: 72 } });
    expect(decideOutcome(step3, cancelled('2026-03-09T10:00:00.000Z'), AFTER, c72)).toMatchObject({
      status: 'late_cancellation',
    });
  });

  it('refuses a paid outcome for a length the service does not book, but never a cancellation', () => {
    const wrong: BookedAppointment = { ...step2, durationMinutes: 60 };
    const reason =
      'Step 2 treatment sessions are 45 minutes; this one is booked for 60. Ask the service to correct the booking first.';
    expect(decideOutcome(wrong, { kind: 'attended' }, AFTER, config)).toEqual({
      ok: false,
      reason,
    });
    expect(decideOutcome(wrong, { kind: 'dna' }, AFTER, config)).toEqual({ ok: false, reason });
    const late = decideOutcome(
      { ...step3, kind: 'assessment', durationMinutes: 45 },
      cancelled('2026-03-12T09:00:00.000Z'),
      AFTER,
      config,
    );
    expect(late).toEqual({
      ok: false,
      reason:
        'Step 3 assessments are 60 minutes; this one is booked for 45. Ask the service to correct the booking first.',
    });
    expect(decideOutcome(wrong, cancelled(WEEK_BEFORE), AFTER, config)).toMatchObject({
      ok: true,
      status: 'cancelled',
    });
  });
});

describe('outcomeContradiction: the server refuses a claim the facts contradict', () => {
  it('agrees in silence, and explains a contradiction', () => {
    const inTime = decideOutcome(step3, cancelled(WEEK_BEFORE), WEEK_BEFORE, config);
    if (!inTime.ok) throw new Error('expected a decision');
    expect(outcomeContradiction('cancelled', inTime)).toBeNull();
    expect(outcomeContradiction('late_cancellation', inTime)).toBe(
      'This was sent as a late cancellation, but the facts make it a cancellation. Cancelled in time: the patient cancelled 7 days before the start (more than 48 hours).',
    );
    const dna = decideOutcome(step3, { kind: 'dna' }, AFTER, config);
    if (!dna.ok) throw new Error('expected a decision');
    expect(outcomeContradiction('attended', dna)).toContain(
      'sent as attended, but the facts make it a DNA',
    );
  });
});

describe('noticeInWords', () => {
  it.each([
    [0, 'less than a minute before the start'],
    [59_999, 'less than a minute before the start'],
    [60_000, '1 minute before the start'],
    [3_600_000, '1 hour before the start'],
    [47 * 3_600_000 + 59 * 60_000, '47 hours 59 minutes before the start'],
    [72 * 3_600_000, '3 days before the start'],
    [73 * 3_600_000, '3 days 1 hour before the start'],
    [-20 * 60_000, '20 minutes after the start'],
  ])('%i ms → %s', (ms, words) => {
    expect(noticeInWords(ms)).toBe(words);
  });
});

describe('sessionLengthRule (docs/domain.md lengths, configurable)', () => {
  it.each<[2 | 3, 'assessment' | 'treatment', number, boolean]>([
    [2, 'assessment', 60, true],
    [2, 'assessment', 45, false],
    [2, 'treatment', 45, true],
    [2, 'treatment', 60, false],
    [2, 'treatment', 30, false],
    [3, 'assessment', 60, true],
    [3, 'assessment', 30, false],
    [3, 'treatment', 60, true],
    [3, 'treatment', 45, true],
    [3, 'treatment', 30, true],
    [3, 'treatment', 50, false],
  ])('step %i %s of %i minutes: allowed %s', (step, kind, minutes, ok) => {
    expect(sessionLengthRule(step, kind, minutes, config).ok).toBe(ok);
  });

  it('names the allowed lengths', () => {
    expect(sessionLengthRule(3, 'treatment', 50, config)).toEqual({
      ok: false,
      allowed: [60, 45, 30],
      reason: 'Step 3 treatment sessions are 60, 45 or 30 minutes; this one is booked for 50.',
    });
  });

  it('follows the configuration', () => {
    const longer = configWith({
      sessions: {
        lengths: {
          step2: { assessment: [60], treatment: [45, 60] },
          step3: { assessment: [60], treatment: [60] },
        },
      },
    });
    expect(sessionLengthRule(2, 'treatment', 60, longer).ok).toBe(true);
    expect(sessionLengthRule(3, 'treatment', 45, longer)).toMatchObject({
      ok: false,
      reason: 'Step 3 treatment sessions are 60 minutes; this one is booked for 45.',
    });
  });
});
