import { entitySchemas } from '../../shared/api';
import {
  decideOutcome,
  type OutcomeRecording,
  outcomeContradiction,
  type RecordedOutcome,
} from '../../shared/clinical';
import { currentVersion, touchFeed } from '../sync/feed';
import { loadRecords } from '../sync/loaders';
import { requireRecordInReach } from './access';
import { type MutationHandler, type Outcome, Rejection, applied } from './outcome';
import { serviceConfigOf } from './serviceConfig';

const NAMES: Record<RecordedOutcome, string> = {
  attended: 'attended',
  dna: 'a DNA',
  late_cancellation: 'a late cancellation',
  cancelled: 'cancelled',
};

/**
 * Whether the appointment changed since `baseVersion` other than by this device: each
 * version after the base must be one of this device's own recorded outcomes. Anything else
 * (another device, or the service changing the booking) is a conflict.
 */
const changedElsewhereSince = async (
  tx: Parameters<MutationHandler<'appointment.recordOutcome'>>[0]['tx'],
  appointmentId: string,
  baseVersion: number,
  current: number,
  deviceId: string,
): Promise<boolean> => {
  if (current === baseVersion) return false;
  const [own] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM appointment_outcome_revisions
      WHERE appointment_id = $1 AND version > $2 AND version <= $3 AND device_id = $4`,
    [appointmentId, baseVersion, current, deviceId],
  );
  return (own?.n ?? 0) < current - baseVersion;
};

/**
 * Records what happened to an appointment. The status is computed here from the facts by the
 * same shared/clinical rule the client used, and a contradiction (a "late cancellation" made a
 * week ahead) is refused with the reason. Pay depends on outcomes, so nothing is last-writer-
 * wins: a change made elsewhere since the client's base version answers a conflict with the
 * current record, and every recorded outcome is kept with who recorded it.
 */
export const recordAppointmentOutcome: MutationHandler<'appointment.recordOutcome'> = async (
  ctx,
  p,
): Promise<Outcome> => {
  // Missing and someone else's get one refusal (requireRecordInReach): nothing is said
  // about whether an appointment id out of the caller's reach exists.
  const { row: booked, patient } = await requireRecordInReach<{
    patient_id: string;
    starts_at: Date | string;
    duration_minutes: number;
    kind: 'assessment' | 'treatment';
    episode_id: string;
  }>(ctx.tx, ctx.caller.userId, { kind: 'appointment', id: p.appointmentId }, 'own', {
    columns: 'starts_at, duration_minutes, kind, episode_id',
    lock: true,
  });
  const [episode] = await ctx.tx.query<{ step: 2 | 3 }>('SELECT step FROM episodes WHERE id = $1', [
    booked.episode_id,
  ]);
  if (!episode) throw new Rejection('This appointment is not on your caseload.');
  const row = { ...booked, step: episode.step };
  const current = (await currentVersion(ctx.tx, 'appointment', p.appointmentId)) ?? 1;
  if (p.baseVersion > current) {
    throw new Rejection(
      'This appointment has no such version on the server; open it again and record the outcome.',
    );
  }
  if (await changedElsewhereSince(ctx.tx, p.appointmentId, p.baseVersion, current, ctx.deviceId)) {
    const data = entitySchemas.appointment.parse(
      (await loadRecords(ctx.tx, 'appointment', [p.appointmentId])).get(p.appointmentId),
    );
    const now = data.outcome ? `it is now recorded as ${NAMES[data.outcome]}` : 'it was changed';
    return {
      status: 'conflict',
      serverVersion: { entity: 'appointment', id: p.appointmentId, version: current, data },
      reason: `This appointment was changed on another device after you opened it: ${now}. Yours (${NAMES[p.outcome]}) was not recorded; record it again if it is right.`,
    };
  }
  const cancelling = p.outcome === 'late_cancellation' || p.outcome === 'cancelled';
  if (cancelling && (p.cancelledAt === null || p.cancelledBy === null)) {
    throw new Rejection(
      'Say when the appointment was cancelled and by whom (the patient, the therapist or the service).',
    );
  }
  if (!cancelling && (p.cancelledAt !== null || p.cancelledBy !== null)) {
    throw new Rejection('Only a cancellation has a time of cancellation and who cancelled.');
  }
  const recording: OutcomeRecording =
    p.outcome === 'attended' || p.outcome === 'dna'
      ? { kind: p.outcome }
      : {
          kind: 'cancelled',
          cancelledAt: new Date(p.cancelledAt as string).toISOString(),
          cancelledBy: p.cancelledBy ?? 'patient',
        };
  const decision = decideOutcome(
    {
      startsAt: new Date(row.starts_at).toISOString(),
      durationMinutes: row.duration_minutes,
      kind: row.kind,
      step: row.step,
    },
    recording,
    ctx.now.toISOString(),
    await serviceConfigOf(ctx.tx, patient.org_id),
  );
  if (!decision.ok) throw new Rejection(decision.reason);
  const contradiction = outcomeContradiction(p.outcome, decision);
  if (contradiction) throw new Rejection(contradiction);
  await ctx.tx.query(
    'UPDATE appointments SET outcome = $2, cancelled_at = $3, cancelled_by = $4 WHERE id = $1',
    [p.appointmentId, decision.status, p.cancelledAt, p.cancelledBy],
  );
  const version = await touchFeed(ctx.tx, {
    entity: 'appointment',
    id: p.appointmentId,
    orgId: patient.org_id,
    patientId: row.patient_id,
    therapistId: null,
  });
  await ctx.tx.query(
    `INSERT INTO appointment_outcome_revisions
       (appointment_id, version, device_id, user_id, outcome, cancelled_at, cancelled_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      p.appointmentId,
      version,
      ctx.deviceId,
      ctx.caller.userId,
      decision.status,
      p.cancelledAt,
      p.cancelledBy,
      ctx.now.toISOString(),
    ],
  );
  return applied(version);
};
