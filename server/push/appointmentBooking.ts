import {
  type Appointment,
  bookingRule,
  type Episode,
  type EpisodeEndReason,
  type Ticket,
} from '../../shared/clinical';
import type { Queryable } from '../db/database';
import { touchFeed } from '../sync/feed';
import { requireFreshId, requireOwnPatient } from './access';
import { type MutationHandler, type Outcome, Rejection, applied } from './outcome';
import { serviceConfigOf } from './serviceConfig';

const END_REASONS: Record<string, EpisodeEndReason> = {
  discharged_recovered: 'recovered_discharge',
  discharged_non_recovered: 'non_recovered_discharge',
  referred_back: 'refer_back_to_service',
  stepped_up: 'step_up',
  stepped_down: 'step_down',
};

interface AppointmentRow {
  id: string;
  patient_id: string;
  episode_id: string;
  kind: 'assessment' | 'treatment';
  duration_minutes: number;
  starts_at: Date | string;
  session_number: number;
  outcome: 'attended' | 'dna' | 'late_cancellation' | 'cancelled' | null;
  cancelled_at: Date | string | null;
  cancelled_by: 'patient' | 'therapist' | 'service' | null;
}

const iso = (v: Date | string): string => new Date(v).toISOString();

/** A stored appointment as the clinical rules read it (a late cancellation was the patient's). */
const toClinical = (a: AppointmentRow): Appointment => ({
  id: a.id,
  patientId: a.patient_id,
  episodeId: a.episode_id,
  kind: a.kind,
  durationMinutes: a.duration_minutes,
  startsAt: iso(a.starts_at),
  ...(a.outcome === 'attended' || a.outcome === 'dna' ? { outcome: a.outcome } : {}),
  ...(a.outcome === 'cancelled' || a.outcome === 'late_cancellation'
    ? {
        outcome: 'cancelled' as const,
        cancelledAt: iso(a.cancelled_at ?? a.starts_at),
        cancelledBy:
          a.cancelled_by ?? (a.outcome === 'late_cancellation' ? 'patient' : ('service' as const)),
      }
    : {}),
});

const DECISIONS = { approve: 'approved', decline: 'declined', advice: 'advice' } as const;

/** The patient's session extension requests raised in this episode, as the rules read them. */
const extensionRequests = async (tx: Queryable, episode: Episode): Promise<Ticket[]> => {
  const rows = await tx.query<{
    id: string;
    raised_at: Date | string;
    decision: keyof typeof DECISIONS | null;
    decided_at: Date | string | null;
  }>(
    `SELECT id, raised_at, decision, decided_at FROM tickets
      WHERE patient_id = $1 AND type = 'session_extension_request' AND raised_at >= $2`,
    [episode.patientId, episode.startedAt],
  );
  return rows.map((t) => ({
    id: t.id,
    patientId: episode.patientId,
    episodeId: episode.id,
    kind: 'session_extension_request',
    raisedAt: iso(t.raised_at),
    ...(t.decision ? { decision: DECISIONS[t.decision] } : {}),
    ...(t.decided_at ? { decidedAt: iso(t.decided_at) } : {}),
  }));
};

/**
 * Books a session in the patient's open episode. The same shared/clinical rule the device used
 * offline decides (lengths, the step 2 limit, a future start, an open episode, no double
 * booking), so a device that was offline while another booked the last slot is refused here
 * with the reason. The therapist's row is locked first: two devices booking at once are
 * checked one after the other, never both against the same free hour.
 */
export const bookAppointment: MutationHandler<'appointment.book'> = async (
  ctx,
  p,
): Promise<Outcome> => {
  const patient = await requireOwnPatient(ctx.tx, ctx.caller.userId, p.patientId);
  await requireFreshId(ctx.tx, 'appointments', p.appointmentId);
  await ctx.tx.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [ctx.caller.userId]);
  const [row] = await ctx.tx.query<{
    id: string;
    step: 2 | 3;
    status: string;
    opened_at: Date | string;
    closed_at: Date | string | null;
  }>(
    'SELECT id, step, status, opened_at, closed_at FROM episodes WHERE id = $1 AND patient_id = $2',
    [p.episodeId, p.patientId],
  );
  if (!row) throw new Rejection('That episode of care is not this patient’s.');
  const episode: Episode = {
    id: row.id,
    patientId: p.patientId,
    step: row.step,
    startedAt: iso(row.opened_at),
    ...(row.closed_at !== null
      ? {
          endedAt: iso(row.closed_at),
          endReason: END_REASONS[row.status] ?? 'refer_back_to_service',
        }
      : {}),
  };
  const appointments = await ctx.tx.query<AppointmentRow>(
    `SELECT id, patient_id, episode_id, kind, duration_minutes, starts_at, session_number, outcome,
            cancelled_at, cancelled_by
       FROM appointments WHERE therapist_id = $1 OR episode_id = $2`,
    [ctx.caller.userId, p.episodeId],
  );
  const ofEpisode = appointments.filter((a) => a.episode_id === p.episodeId);
  const decision = bookingRule(
    { kind: p.kind, durationMinutes: p.durationMinutes, startsAt: iso(p.startsAt) },
    {
      episode,
      episodeAppointments: ofEpisode.map(toClinical),
      tickets: await extensionRequests(ctx.tx, episode),
      therapistAppointments: appointments.map(toClinical),
    },
    ctx.now.toISOString(),
    await serviceConfigOf(ctx.tx, patient.org_id),
  );
  if (!decision.ok) throw new Rejection(decision.reason);
  const sessionNumber =
    p.kind === 'assessment' ? 0 : Math.max(0, ...ofEpisode.map((a) => a.session_number)) + 1;
  await ctx.tx.query(
    `INSERT INTO appointments (id, patient_id, episode_id, therapist_id, kind, duration_minutes, starts_at, session_number)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      p.appointmentId,
      p.patientId,
      p.episodeId,
      ctx.caller.userId,
      p.kind,
      p.durationMinutes,
      iso(p.startsAt),
      sessionNumber,
    ],
  );
  return applied(
    await touchFeed(ctx.tx, {
      entity: 'appointment',
      id: p.appointmentId,
      orgId: patient.org_id,
      patientId: p.patientId,
      therapistId: null,
    }),
  );
};
