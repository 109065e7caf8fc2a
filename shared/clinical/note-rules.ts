import type { Note } from './facts';
import type { Instant } from './time';
import { instantToMillis } from './time';

export type NoteKind = Note['kind'];

/** The appointment a note is for, as far as the rule needs it. */
export interface NoteAppointment {
  readonly kind: 'assessment' | 'treatment';
  readonly startsAt: Instant;
  readonly durationMinutes: number;
  readonly outcome: 'attended' | 'dna' | 'late_cancellation' | 'cancelled' | null;
}

export type NoteStart = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Whether a note or letter may be started for an appointment now. A note follows the event
 * it records, so a session's note or letter is written once it has ended, never before; a
 * cancelled session has no note; an assessment letter follows an assessment the patient
 * attended (or whose outcome is still to be recorded). A note linked to no session, and a
 * discharge letter (it follows the episode's end, not a session), may always be started.
 */
export function noteMayBeStarted(
  kind: NoteKind,
  appointment: NoteAppointment | null,
  now: Instant,
): NoteStart {
  if (appointment === null || kind === 'discharge_letter') return { ok: true };
  const endsMs = instantToMillis(appointment.startsAt) + appointment.durationMinutes * 60_000;
  if (endsMs > instantToMillis(now)) {
    return {
      ok: false,
      reason: 'This session has not taken place yet: its note can be written once it has ended.',
    };
  }
  if (appointment.outcome === 'cancelled' || appointment.outcome === 'late_cancellation') {
    return { ok: false, reason: 'This session was cancelled: there is no session to write up.' };
  }
  if (kind === 'assessment_letter' && appointment.kind !== 'assessment') {
    return {
      ok: false,
      reason: 'An assessment letter follows an assessment, not a treatment session.',
    };
  }
  if (kind === 'assessment_letter' && appointment.outcome === 'dna') {
    return {
      ok: false,
      reason: 'The patient did not attend this assessment: there is no assessment letter to write.',
    };
  }
  return { ok: true };
}
