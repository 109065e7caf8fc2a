import type { ServiceConfig } from './config';
import type { Appointment, Episode, Ticket } from './facts';
import { isLateCancellation } from './outcome-rules';
import { instantToMillis } from './time';

export type AppointmentStatus = 'booked' | 'attended' | 'dna' | 'late_cancellation' | 'cancelled';

/**
 * A late cancellation is one cancelled by the patient at most `lateCancellationHours` before
 * the start: "within 48 hours" is inclusive, so exactly 48 hours' notice is late.
 */
export function appointmentStatus(
  appointment: Appointment,
  config: ServiceConfig,
): AppointmentStatus {
  if (appointment.outcome === undefined) return 'booked';
  if (appointment.outcome !== 'cancelled') return appointment.outcome;
  if (appointment.cancelledBy !== 'patient' || appointment.cancelledAt === undefined) {
    return 'cancelled';
  }
  const late = isLateCancellation(
    instantToMillis(appointment.startsAt),
    instantToMillis(appointment.cancelledAt),
    appointment.cancelledBy,
    config,
  );
  return late ? 'late_cancellation' : 'cancelled';
}

export interface EpisodeAppointmentSummary {
  episodeId: string;
  assessmentsAttended: number;
  treatmentSessionsAttended: number;
  /** DNAs of any kind of appointment. */
  dnas: number;
  lateCancellations: number;
  /** Cancelled in time, or by the therapist or the service. */
  cancellations: number;
  booked: number;
}

export function summariseEpisodeAppointments(
  episodeId: string,
  appointments: readonly Appointment[],
  config: ServiceConfig,
): EpisodeAppointmentSummary {
  const summary: EpisodeAppointmentSummary = {
    episodeId,
    assessmentsAttended: 0,
    treatmentSessionsAttended: 0,
    dnas: 0,
    lateCancellations: 0,
    cancellations: 0,
    booked: 0,
  };
  for (const appointment of appointments) {
    if (appointment.episodeId !== episodeId) continue;
    switch (appointmentStatus(appointment, config)) {
      case 'attended':
        if (appointment.kind === 'assessment') summary.assessmentsAttended += 1;
        else summary.treatmentSessionsAttended += 1;
        break;
      case 'dna':
        summary.dnas += 1;
        break;
      case 'late_cancellation':
        summary.lateCancellations += 1;
        break;
      case 'cancelled':
        summary.cancellations += 1;
        break;
      case 'booked':
        summary.booked += 1;
        break;
    }
  }
  return summary;
}

/** Attended and still-booked treatment sessions of an episode, in start order. */
export function countedTreatmentSessions(
  episodeId: string,
  appointments: readonly Appointment[],
  config: ServiceConfig,
): Appointment[] {
  return appointments
    .filter((a) => a.episodeId === episodeId && a.kind === 'treatment')
    .filter((a) => {
      const status = appointmentStatus(a, config);
      return status === 'attended' || status === 'booked';
    })
    .sort(byStart);
}

export function byStart(a: Appointment, b: Appointment): number {
  return instantToMillis(a.startsAt) - instantToMillis(b.startsAt) || compareIds(a.id, b.id);
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface SessionLimitStatus {
  episodeId: string;
  /** null: no hard limit at this step (step 3). */
  limit: number | null;
  /** Attended plus booked treatment sessions. */
  treatmentSessions: number;
  extensionRequested: boolean;
  extensionApproved: boolean;
  /** Whether one more treatment session may be booked now. */
  mayBookAnother: boolean;
  /** Sessions beyond the limit that were booked without an approved extension. */
  beyondLimitWithoutApproval: string[];
}

/**
 * Step 2: more than `step2TreatmentSessionLimit` treatment sessions need an approved
 * session extension request before the next one is booked. Step 3 has no hard limit.
 */
export function sessionLimitStatus(
  episode: Episode,
  appointments: readonly Appointment[],
  tickets: readonly Ticket[],
  config: ServiceConfig,
): SessionLimitStatus {
  const sessions = countedTreatmentSessions(episode.id, appointments, config);
  const requests = tickets.filter(
    (t) => t.episodeId === episode.id && t.kind === 'session_extension_request',
  );
  const extensionApproved = requests.some((t) => t.decision === 'approved');
  const limit = episode.step === 2 ? config.sessions.step2TreatmentSessionLimit : null;
  const overLimit = limit === null || extensionApproved ? [] : sessions.slice(limit);
  return {
    episodeId: episode.id,
    limit,
    treatmentSessions: sessions.length,
    extensionRequested: requests.length > 0,
    extensionApproved,
    mayBookAnother: limit === null || extensionApproved || sessions.length < limit,
    beyondLimitWithoutApproval: overLimit.map((a) => a.id),
  };
}
