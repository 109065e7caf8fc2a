import { z } from 'zod';
import type { ServiceConfig } from './config';
import type { Step } from './facts';
import { sessionLengthRule } from './session-lengths';
import type { Instant } from './time';
import { hoursToMillis, instantToMillis } from './time';

/**
 * Recording what happened to an appointment. "Late cancellation" is never chosen by hand:
 * it follows from when and by whom the appointment was cancelled (docs/domain.md), computed here
 * on the client and again on the server, which refuses a contradiction.
 */
export const CancelledBySchema = z.enum(['patient', 'therapist', 'service']);
export type CancelledBy = z.infer<typeof CancelledBySchema>;

export type RecordedOutcome = 'attended' | 'dna' | 'late_cancellation' | 'cancelled';

/**
 * How far ahead of the clock that judges it a recorded time may read and still be "now". A
 * device stamps a time with its server-corrected clock, which is right only to within the
 * round trip it learnt the offset from (and drifts while offline): a therapist's cancellation
 * "now", sent a moment later, reached the service tens of milliseconds "in the future" and was
 * refused. Five minutes, the customary skew allowance (Kerberos'), far below any notice that
 * changes what a cancellation is (a late cancellation is judged in hours).
 */
export const RECORDED_TIME_LEEWAY_MS = 5 * 60_000;

/** What the therapist says happened. */
export type OutcomeRecording =
  | { readonly kind: 'attended' | 'dna' }
  | {
      readonly kind: 'cancelled';
      readonly cancelledAt: Instant;
      readonly cancelledBy: CancelledBy;
    };

/** The booking the outcome is for (the step is its episode's). */
export interface BookedAppointment {
  readonly startsAt: Instant;
  readonly durationMinutes: number;
  readonly kind: 'assessment' | 'treatment';
  readonly step: Step;
}

export type OutcomeDecision =
  | { readonly ok: true; readonly status: RecordedOutcome; readonly explanation: string }
  | { readonly ok: false; readonly reason: string };

/**
 * A patient's cancellation with at most `lateCancellationHours` of notice is late:
 * "within 48 hours" is inclusive, so exactly 48 hours before the start is late.
 */
export function isLateCancellation(
  startsAtMs: number,
  cancelledAtMs: number,
  cancelledBy: CancelledBy,
  config: ServiceConfig,
): boolean {
  const noticeMs = startsAtMs - cancelledAtMs;
  return (
    cancelledBy === 'patient' && noticeMs <= hoursToMillis(config.sessions.lateCancellationHours)
  );
}

/** "6 days 23 hours before the start", "47 hours 59 minutes before…", "20 minutes after…". */
export function noticeInWords(noticeMs: number): string {
  const minutes = Math.floor(Math.abs(noticeMs) / 60_000);
  const unit = (n: number, word: string): string[] =>
    n === 0 ? [] : [`${n} ${word}${n === 1 ? '' : 's'}`];
  const parts =
    minutes >= 3 * 1440
      ? [...unit(Math.floor(minutes / 1440), 'day'), ...unit(Math.floor(minutes / 60) % 24, 'hour')]
      : [...unit(Math.floor(minutes / 60), 'hour'), ...unit(minutes % 60, 'minute')];
  const text = parts.length === 0 ? 'less than a minute' : parts.join(' ');
  return `${text} ${noticeMs < 0 ? 'after' : 'before'} the start`;
}

const BY: Record<CancelledBy, string> = {
  patient: 'the patient',
  therapist: 'the therapist',
  service: 'the service',
};

/**
 * Whether this outcome may be recorded now, and as what. Attended and DNA need the
 * appointment to have started; a cancellation needs its time (not in the future, not after
 * the appointment ended — that is a DNA) and who cancelled. Paid outcomes need a session
 * length the service allows for the step (a plain cancellation is never paid, so it is
 * always recordable).
 */
export function decideOutcome(
  appointment: BookedAppointment,
  recording: OutcomeRecording,
  now: Instant,
  config: ServiceConfig,
): OutcomeDecision {
  const nowMs = instantToMillis(now);
  const startsMs = instantToMillis(appointment.startsAt);
  const endsMs = startsMs + appointment.durationMinutes * 60_000;
  const length = sessionLengthRule(
    appointment.step,
    appointment.kind,
    appointment.durationMinutes,
    config,
  );
  const unpaidLength = (status: RecordedOutcome): OutcomeDecision | null =>
    length.ok || status === 'cancelled'
      ? null
      : { ok: false, reason: `${length.reason} Ask the service to correct the booking first.` };
  if (recording.kind !== 'cancelled') {
    if (nowMs < startsMs) {
      return {
        ok: false,
        reason: `This appointment has not started yet: it cannot be recorded as ${recording.kind === 'attended' ? 'attended' : 'a DNA'}, only cancelled.`,
      };
    }
    const explanation =
      recording.kind === 'attended'
        ? 'Attended.'
        : 'Did not attend (DNA): the patient did not come and did not cancel.';
    return unpaidLength(recording.kind) ?? { ok: true, status: recording.kind, explanation };
  }
  const cancelledMs = instantToMillis(recording.cancelledAt);
  if (cancelledMs > nowMs + RECORDED_TIME_LEEWAY_MS) {
    return {
      ok: false,
      reason: 'The time of cancellation is in the future: give when it happened.',
    };
  }
  if (cancelledMs >= endsMs) {
    return {
      ok: false,
      reason:
        'That time is after the appointment ended: an appointment the patient missed without cancelling is a DNA.',
    };
  }
  const notice = noticeInWords(startsMs - cancelledMs);
  const hours = config.sessions.lateCancellationHours;
  if (isLateCancellation(startsMs, cancelledMs, recording.cancelledBy, config)) {
    return (
      unpaidLength('late_cancellation') ?? {
        ok: true,
        status: 'late_cancellation',
        explanation: `Late cancellation: the patient cancelled ${notice} (within ${hours} hours).`,
      }
    );
  }
  return {
    ok: true,
    status: 'cancelled',
    explanation:
      recording.cancelledBy === 'patient'
        ? `Cancelled in time: the patient cancelled ${notice} (more than ${hours} hours).`
        : `Cancelled by ${BY[recording.cancelledBy]} (${notice}): never a late cancellation.`,
  };
}

const NAMES: Record<RecordedOutcome, string> = {
  attended: 'attended',
  dna: 'a DNA',
  late_cancellation: 'a late cancellation',
  cancelled: 'a cancellation',
};

/**
 * The server's check of a client's claim: the status it sent must be the one the facts give.
 * Null when they agree; otherwise the reason, in words, for the refusal.
 */
export function outcomeContradiction(
  claimed: RecordedOutcome,
  decision: Extract<OutcomeDecision, { ok: true }>,
): string | null {
  if (claimed === decision.status) return null;
  return `This was sent as ${NAMES[claimed]}, but the facts make it ${NAMES[decision.status]}. ${decision.explanation}`;
}
