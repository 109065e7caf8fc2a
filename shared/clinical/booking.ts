import { appointmentStatus } from './appointments';
import {
  countSaysApproved,
  sessionsUsedCount,
  type TreatmentSessionsUsed,
  treatmentSessionsUsed,
} from './caseload-row';
import type { ServiceConfig } from './config';
import type { Appointment, Episode, Step, Ticket } from './facts';
import { formatForPeople } from './people-time';
import { sessionLengthRule } from './session-lengths';
import { instantToMillis } from './time';

/**
 * Booking a session (docs/domain.md): the lengths the service books per step and kind; at
 * step 2, more than `step2TreatmentSessionLimit` treatment sessions need an approved session
 * extension request *before* the next one is booked; and a therapist is never booked twice at
 * once. The device checks this offline before it queues a booking and the server checks it
 * again before it stores one, with the same words.
 *
 * The service's guidance names no booking hours and no closed days, so none are imposed here.
 */
export type AppointmentKind = 'assessment' | 'treatment';

export interface BookingRequest {
  readonly kind: AppointmentKind;
  readonly durationMinutes: number;
  readonly startsAt: string;
}

export interface BookingFacts {
  /** The open episode the session is booked in. */
  readonly episode: Episode;
  /** Appointments of this episode (booked, held, missed or cancelled). */
  readonly episodeAppointments: readonly Appointment[];
  /** The patient's tickets (session extension requests and their decisions). */
  readonly tickets: readonly Ticket[];
  /** The therapist's appointments with every patient: a cancelled one holds no time. */
  readonly therapistAppointments: readonly Appointment[];
}

export type BookingRefusal =
  'episode_ended' | 'in_the_past' | 'length' | 'session_limit' | 'double_booked';

export type BookingDecision =
  | { readonly ok: true }
  | { readonly ok: false; readonly refusal: BookingRefusal; readonly reason: string };

const refuse = (refusal: BookingRefusal, reason: string): BookingDecision => ({
  ok: false,
  refusal,
  reason,
});

const EXTENSION_REASON: Record<string, string> = {
  needed:
    'No session extension request has been raised: raise one in Tickets for the supervisor to approve.',
  requested: 'The session extension request is waiting for the supervisor’s decision.',
  declined: 'The session extension request was declined.',
};

/**
 * Why another treatment session may not be booked in this episode now (the step 2 limit
 * reached without an approved extension), or null when it may.
 */
export function treatmentLimitRefusal(
  episode: Episode,
  appointments: readonly Appointment[],
  tickets: readonly Ticket[],
  config: ServiceConfig,
): string | null {
  const used = treatmentSessionsUsed(episode, appointments, tickets, config);
  if (used.limit === null || used.extension === 'approved') return null;
  if (used.used + used.booked < used.limit) return null;
  return `Step 2 allows ${used.limit} treatment sessions before a session extension is approved; this patient has ${used.used} used and ${used.booked} booked. ${EXTENSION_REASON[used.extension] ?? ''}`.trim();
}

const EXTENSION_STATE: Record<TreatmentSessionsUsed['extension'], string> = {
  no_limit: '',
  not_needed: '',
  needed: 'an extension is needed before another is booked',
  requested: 'extension requested, awaiting the supervisor',
  declined: 'extension declined',
  approved: 'extension approved',
};

/**
 * Where the treatment sessions stand, for the booking form: "3 of 4 treatment sessions used;
 * 1 booked" at step 2 (with the extension state when it matters); at step 3 no hard limit.
 */
export function sessionLimitWords(used: TreatmentSessionsUsed): string {
  const parts = [sessionsUsedCount(used, ' treatment sessions'), `${used.booked} booked`];
  if (used.limit === null) parts.push('no hard limit at step 3');
  const state = EXTENSION_STATE[used.extension];
  if (state !== '' && !countSaysApproved(used)) parts.push(state);
  return parts.join('; ');
}

/** Whether two sessions overlap in time (one ending as the other starts does not). */
function overlaps(
  a: { startsMs: number; endsMs: number },
  b: { startsMs: number; endsMs: number },
) {
  return a.startsMs < b.endsMs && b.startsMs < a.endsMs;
}

const span = (a: { startsAt: string; durationMinutes: number }) => {
  const startsMs = instantToMillis(a.startsAt);
  return { startsMs, endsMs: startsMs + a.durationMinutes * 60_000 };
};

/**
 * Whether this session may be booked now, and if not, why, in words. Checked in order: the
 * episode is open, the start is in the future, the length is one the service books for the
 * step and kind, the step 2 limit (treatment sessions attended or booked; an approved
 * extension lifts it), and no other session of the therapist's at that time.
 */
export function bookingRule(
  request: BookingRequest,
  facts: BookingFacts,
  now: string,
  config: ServiceConfig,
): BookingDecision {
  const { episode } = facts;
  if (episode.endedAt !== undefined) {
    return refuse(
      'episode_ended',
      'This episode of care has ended: a session cannot be booked in it.',
    );
  }
  if (instantToMillis(request.startsAt) <= instantToMillis(now)) {
    return refuse(
      'in_the_past',
      'That time has passed: book a session that starts later than now.',
    );
  }
  const length = sessionLengthRule(episode.step, request.kind, request.durationMinutes, config);
  if (!length.ok) return refuse('length', length.reason);
  if (request.kind === 'treatment') {
    const limit = treatmentLimitRefusal(episode, facts.episodeAppointments, facts.tickets, config);
    if (limit !== null) return refuse('session_limit', limit);
  }
  const wanted = span(request);
  const clash = facts.therapistAppointments
    .filter(
      (a) =>
        appointmentStatus(a, config) === 'booked' || appointmentStatus(a, config) === 'attended',
    )
    .filter((a) => overlaps(wanted, span(a)))
    .sort((a, b) => instantToMillis(a.startsAt) - instantToMillis(b.startsAt))[0];
  if (clash) {
    const when = formatForPeople(clash.startsAt, { serviceZone: config.serviceZone });
    return refuse(
      'double_booked',
      `You already have a ${clash.durationMinutes}-minute session at ${when}${clash.patientId === episode.patientId ? ' with this patient' : ' with another patient'}: choose another time.`,
    );
  }
  return { ok: true };
}

export interface ProposedLength {
  /** The length the form starts with. */
  readonly minutes: number;
  /** Every length the service books for this step and kind. */
  readonly allowed: readonly number[];
  /** Why, in words: "Step 2 treatment sessions are 45 minutes." */
  readonly why: string;
}

function minutesInWords(allowed: readonly number[]): string {
  const words = allowed.map(String);
  const last = words.pop();
  return words.length === 0 ? `${last}` : `${words.join(', ')} or ${last}`;
}

/**
 * The length the booking form proposes for a kind of session at a step, from configuration:
 * the first configured length (step 2: assessment 60, treatment 45; step 3: assessment 60,
 * treatment 60 with 45 and 30 allowed as the patient improves), and why.
 */
export function proposedLength(
  step: Step,
  kind: AppointmentKind,
  config: ServiceConfig,
): ProposedLength {
  const allowed = config.sessions.lengths[step === 2 ? 'step2' : 'step3'][kind];
  const minutes = allowed[0] ?? 60;
  const what = kind === 'assessment' ? 'assessments' : 'treatment sessions';
  const why =
    allowed.length === 1
      ? `Step ${step} ${what} are ${minutes} minutes.`
      : `Step ${step} ${what} are ${minutesInWords(allowed)} minutes; shorter sessions as the patient improves.`;
  return { minutes, allowed, why };
}
