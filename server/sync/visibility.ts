import type { Queryable } from '../db/database';

/** What a user may see: their own caseload plus the caseloads of current supervisees. */
export interface Visibility {
  userId: string;
  orgId: string;
  /** Self and current supervisees: whose own records (profile, declarations...) are visible. */
  therapistIds: string[];
  patientIds: string[];
  /** Patients the user may act on as the allocated therapist. */
  ownPatientIds: Set<string>;
  /** Therapists this user currently supervises. */
  superviseeIds: Set<string>;
}

const CURRENT_ASSIGNMENT = `valid_from <= now() AND (valid_to IS NULL OR valid_to > now())`;

export const currentSupervisees = async (db: Queryable, supervisorId: string): Promise<string[]> =>
  (
    await db.query<{ therapist_id: string }>(
      `SELECT DISTINCT therapist_id FROM supervision_assignments WHERE supervisor_id = $1 AND ${CURRENT_ASSIGNMENT}`,
      [supervisorId],
    )
  ).map((r) => r.therapist_id);

export const currentSupervisors = async (db: Queryable, therapistId: string): Promise<string[]> =>
  (
    await db.query<{ supervisor_id: string }>(
      `SELECT DISTINCT supervisor_id FROM supervision_assignments WHERE therapist_id = $1 AND ${CURRENT_ASSIGNMENT}`,
      [therapistId],
    )
  ).map((r) => r.supervisor_id);

/**
 * What a user may see now. `alsoSupervising`: as if these therapists were supervisees too
 * (the visibility just before an assignment ended, to derive what its end takes away).
 */
export const visibilityOf = async (
  db: Queryable,
  user: { id: string; orgId: string },
  options: { alsoSupervising?: string[] } = {},
): Promise<Visibility> => {
  const supervisees = [
    ...new Set([...(await currentSupervisees(db, user.id)), ...(options.alsoSupervising ?? [])]),
  ].filter((id) => id !== user.id);
  const therapistIds = [user.id, ...supervisees];
  const patients = await db.query<{ id: string; therapist_id: string }>(
    `SELECT id, therapist_id FROM patients WHERE therapist_id = ANY($1::uuid[]) AND retention_expired_at IS NULL ORDER BY id`,
    [therapistIds],
  );
  return {
    userId: user.id,
    orgId: user.orgId,
    therapistIds,
    patientIds: patients.map((p) => p.id),
    ownPatientIds: new Set(patients.filter((p) => p.therapist_id === user.id).map((p) => p.id)),
    superviseeIds: new Set(supervisees),
  };
};

/** Everyone who can currently see a patient: the allocated therapist and their supervisors. */
export const viewersOfPatient = async (db: Queryable, patientId: string): Promise<Set<string>> => {
  const [patient] = await db.query<{ therapist_id: string; retention_expired_at: string | null }>(
    'SELECT therapist_id, retention_expired_at FROM patients WHERE id = $1',
    [patientId],
  );
  if (!patient || patient.retention_expired_at) return new Set();
  return new Set([patient.therapist_id, ...(await currentSupervisors(db, patient.therapist_id))]);
};

/**
 * What a change of visibility takes away: the patients, and the therapists whose own records
 * (profile, assignments, declarations), the user could see before and cannot see after. A
 * patient still visible another way (through another supervisee) is never in it.
 */
export const lostAccess = (
  before: Pick<Visibility, 'patientIds' | 'therapistIds'>,
  after: Pick<Visibility, 'patientIds' | 'therapistIds'>,
): { patientIds: string[]; therapistIds: string[] } => {
  const stillPatients = new Set(after.patientIds);
  const stillTherapists = new Set(after.therapistIds);
  return {
    patientIds: [...new Set(before.patientIds)].filter((id) => !stillPatients.has(id)),
    therapistIds: [...new Set(before.therapistIds)].filter((id) => !stillTherapists.has(id)),
  };
};
