import type { Queryable } from '../db/database';
import { Rejection } from './outcome';

export interface PatientRow {
  id: string;
  org_id: string;
  therapist_id: string;
  status: 'active' | 'discharged';
}

// Reasons never reveal whether a patient outside the caller's scope exists.
const NOT_IN_CASELOAD = 'This patient is not on your caseload.';
const NOT_SUPERVISED =
  'This patient is not on the caseload of a therapist you currently supervise.';

const visiblePatient = async (tx: Queryable, patientId: string) => {
  const [row] = await tx.query<PatientRow>(
    'SELECT id, org_id, therapist_id, status FROM patients WHERE id = $1 AND retention_expired_at IS NULL',
    [patientId],
  );
  return row;
};

const supervises = async (tx: Queryable, supervisorId: string, therapistId: string) =>
  (
    await tx.query(
      `SELECT 1 FROM supervision_assignments WHERE supervisor_id = $1 AND therapist_id = $2
         AND valid_from <= now() AND (valid_to IS NULL OR valid_to > now()) LIMIT 1`,
      [supervisorId, therapistId],
    )
  ).length > 0;

/** Whose patients a check admits: the allocated therapist, a current supervisor, or either. */
export type Reach = 'own' | 'supervised' | 'visible';

const inReach = async (
  tx: Queryable,
  userId: string,
  patient: PatientRow | undefined,
  reach: Reach,
): Promise<boolean> => {
  if (!patient) return false;
  if (reach !== 'supervised' && patient.therapist_id === userId) return true;
  return reach !== 'own' && (await supervises(tx, userId, patient.therapist_id));
};

const REACH_REFUSAL: Record<Reach, string> = {
  own: NOT_IN_CASELOAD,
  supervised: NOT_SUPERVISED,
  visible: NOT_IN_CASELOAD,
};

const requirePatientInReach = async (
  tx: Queryable,
  userId: string,
  patientId: string,
  reach: Reach,
): Promise<PatientRow> => {
  const patient = await visiblePatient(tx, patientId);
  if (!patient || !(await inReach(tx, userId, patient, reach)))
    throw new Rejection(REACH_REFUSAL[reach]);
  return patient;
};

/** The caller must be the patient's allocated therapist. */
export const requireOwnPatient = (tx: Queryable, userId: string, patientId: string) =>
  requirePatientInReach(tx, userId, patientId, 'own');

/** The caller must currently supervise the patient's allocated therapist. */
export const requireSupervisedPatient = (tx: Queryable, userId: string, patientId: string) =>
  requirePatientInReach(tx, userId, patientId, 'supervised');

/** Allocated therapist or current supervisor. */
export const requireVisiblePatient = (tx: Queryable, userId: string, patientId: string) =>
  requirePatientInReach(tx, userId, patientId, 'visible');

/** Records a mutation names by id (beside the patient it belongs to). */
const RECORD_TABLES = {
  note: 'notes',
  appointment: 'appointments',
  ticket: 'tickets',
  transcript: 'transcripts',
} as const;
export type RecordKind = keyof typeof RECORD_TABLES;

// One refusal per record kind and reach, for a record that does not exist and for one out of
// reach alike: the answer never says whether an id someone else holds exists.
const RECORD_REFUSAL: Record<RecordKind, Partial<Record<Reach, string>>> = {
  note: { own: 'This note is not on your caseload (or has not been saved yet).' },
  appointment: { own: 'This appointment is not on your caseload.' },
  ticket: {
    supervised: 'This ticket is not on the caseload of a therapist you currently supervise.',
  },
  transcript: {
    supervised: 'This transcript is not on the caseload of a therapist you currently supervise.',
    visible: 'This transcript is not on your caseload or that of a therapist you supervise.',
  },
};

/**
 * A record named by its id, of a patient within the caller's reach, with `columns` of its
 * row (locked with `lock`). Missing and out of reach get the same refusal.
 */
export const requireRecordInReach = async <R extends { patient_id: string }>(
  tx: Queryable,
  userId: string,
  record: { kind: RecordKind; id: string },
  reach: Reach,
  options: { columns?: string; lock?: boolean } = {},
): Promise<{ row: R; patient: PatientRow }> => {
  const refusal = () => new Rejection(RECORD_REFUSAL[record.kind][reach] ?? REACH_REFUSAL[reach]);
  const [row] = await tx.query<R>(
    `SELECT patient_id${options.columns ? `, ${options.columns}` : ''} FROM ${RECORD_TABLES[record.kind]}
      WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`,
    [record.id],
  );
  const patient = row ? await visiblePatient(tx, row.patient_id) : undefined;
  if (!row || !patient || !(await inReach(tx, userId, patient, reach))) throw refusal();
  return { row, patient };
};

/**
 * A client-chosen id that is already taken: one answer whoever holds the record. (That it is
 * taken cannot be hidden, since a free id is simply used; ids are random UUIDs.)
 */
export const idTaken = () =>
  new Rejection('This record already exists; it was probably sent before.');

/** A client-chosen id must not already name someone else's record. */
export const requireFreshId = async (tx: Queryable, table: string, id: string) => {
  const [row] = await tx.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id]);
  if (row) throw idTaken();
};

/**
 * Whether a user could see a patient at an instant: the patient's allocated therapist then
 * (patient_allocations) or a supervisor of that therapist then (supervision_assignments),
 * and the record not yet past its retention window.
 */
export const couldSeePatientAt = async (
  tx: Queryable,
  userId: string,
  patientId: string,
  at: Date,
): Promise<boolean> =>
  (
    await tx.query(
      `SELECT 1 FROM patients p
         JOIN patient_allocations a ON a.patient_id = p.id
          AND a.valid_from <= $3 AND (a.valid_to IS NULL OR a.valid_to > $3)
        WHERE p.id = $1 AND (p.retention_expired_at IS NULL OR p.retention_expired_at > $3)
          AND (a.therapist_id = $2 OR EXISTS (
                SELECT 1 FROM supervision_assignments s
                 WHERE s.supervisor_id = $2 AND s.therapist_id = a.therapist_id
                   AND s.valid_from <= $3 AND (s.valid_to IS NULL OR s.valid_to > $3)))
        LIMIT 1`,
      [patientId, userId, at.toISOString()],
    )
  ).length > 0;

/**
 * An audit event is stored when the access it records was allowed when it happened: the
 * user could see the patient at the claimed time (never later than the server received it:
 * an event cannot happen in the future), or can see them now (a device clock a little off
 * must not lose a record of a permitted access). Otherwise it is refused, never stored.
 */
export const auditedAccessAllowed = async (
  tx: Queryable,
  userId: string,
  patientId: string,
  event: { occurredAt: Date; receivedAt: Date },
): Promise<boolean> => {
  const happened = new Date(Math.min(event.occurredAt.getTime(), event.receivedAt.getTime()));
  return (
    (await couldSeePatientAt(tx, userId, patientId, happened)) ||
    (await couldSeePatientAt(tx, userId, patientId, event.receivedAt))
  );
};
