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
