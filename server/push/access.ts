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

/** The caller must be the patient's allocated therapist. */
export const requireOwnPatient = async (
  tx: Queryable,
  userId: string,
  patientId: string,
): Promise<PatientRow> => {
  const patient = await visiblePatient(tx, patientId);
  if (!patient || patient.therapist_id !== userId) throw new Rejection(NOT_IN_CASELOAD);
  return patient;
};

/** The caller must currently supervise the patient's allocated therapist. */
export const requireSupervisedPatient = async (
  tx: Queryable,
  userId: string,
  patientId: string,
): Promise<PatientRow> => {
  const patient = await visiblePatient(tx, patientId);
  if (!patient || !(await supervises(tx, userId, patient.therapist_id)))
    throw new Rejection(NOT_SUPERVISED);
  return patient;
};

/** Allocated therapist or current supervisor. */
export const requireVisiblePatient = async (
  tx: Queryable,
  userId: string,
  patientId: string,
): Promise<PatientRow> => {
  const patient = await visiblePatient(tx, patientId);
  if (
    !patient ||
    (patient.therapist_id !== userId && !(await supervises(tx, userId, patient.therapist_id)))
  ) {
    throw new Rejection(NOT_IN_CASELOAD);
  }
  return patient;
};

/** A client-chosen id must not already name someone else's record. */
export const requireFreshId = async (tx: Queryable, table: string, id: string) => {
  const [row] = await tx.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id]);
  if (row) throw new Rejection('This record already exists; it was probably sent before.');
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
