import type { EntityName } from '../../shared/api';
import type { Queryable } from '../db/database';

/**
 * Projection of each table onto its wire record (shared/api entities). Every query takes
 * `$1 = uuid[]` and returns `{ id, data }` where data is already the wire shape;
 * timestamps inside json are rendered by PostgreSQL in UTC.
 */
export const projections: Record<EntityName, string> = {
  user: `SELECT id, json_build_object('id', id, 'orgId', org_id, 'email', email, 'displayName', display_name, 'role', role,
      'step', step, 'serviceStartDate', service_start_date, 'validationEndsOn', validation_ends_on,
      'desiredCaseload', desired_caseload, 'contractType', contract_type,
      'approvedCountries', COALESCE((SELECT json_agg(a.country ORDER BY a.country) FROM approved_countries a WHERE a.user_id = users.id), '[]'::json))
      AS data FROM users WHERE id = ANY($1::uuid[])`,
  supervisionAssignment: `SELECT a.id, json_build_object('id', a.id, 'supervisorId', a.supervisor_id, 'supervisorName', s.display_name,
      'therapistId', a.therapist_id, 'from', a.valid_from, 'to', a.valid_to) AS data
      FROM supervision_assignments a JOIN users s ON s.id = a.supervisor_id WHERE a.id = ANY($1::uuid[])`,
  patient: `SELECT id, json_build_object('id', id, 'orgId', org_id, 'caseReference', case_reference, 'givenName', given_name,
      'familyName', family_name, 'dateOfBirth', date_of_birth, 'phone', phone, 'therapistId', therapist_id, 'status', status,
      'dischargedAt', discharged_at) AS data FROM patients WHERE id = ANY($1::uuid[])`,
  episode: `SELECT e.id, json_build_object('id', e.id, 'patientId', e.patient_id, 'step', e.step, 'problemDescriptor', e.problem_descriptor,
      'status', e.status, 'allocatedTherapistId', e.allocated_therapist_id, 'openedAt', e.opened_at, 'closedAt', e.closed_at,
      'allocationHistory', COALESCE((SELECT json_agg(json_build_object('therapistId', a.therapist_id, 'from', a.valid_from,
        'to', a.valid_to, 'reason', a.reason) ORDER BY a.valid_from) FROM episode_allocations a WHERE a.episode_id = e.id), '[]'::json)) AS data
      FROM episodes e WHERE e.id = ANY($1::uuid[])`,
  appointment: `SELECT id, json_build_object('id', id, 'patientId', patient_id, 'episodeId', episode_id, 'therapistId', therapist_id,
      'kind', kind, 'durationMinutes', duration_minutes, 'startsAt', starts_at, 'sessionNumber', session_number,
      'outcome', outcome, 'cancelledAt', cancelled_at, 'cancelledBy', cancelled_by) AS data FROM appointments WHERE id = ANY($1::uuid[])`,
  message: `SELECT id, json_build_object('id', id, 'patientId', patient_id, 'therapistId', therapist_id, 'direction', direction,
      'body', body, 'sentAt', sent_at, 'readAt', read_at, 'writtenAt', written_at) AS data FROM messages WHERE id = ANY($1::uuid[])`,
  note: `SELECT id, json_build_object('id', id, 'patientId', patient_id, 'appointmentId', appointment_id, 'authorId', author_id,
      'kind', kind, 'body', body, 'status', status, 'updatedAt', updated_at, 'submittedAt', submitted_at) AS data
      FROM notes WHERE id = ANY($1::uuid[])`,
  measure: `SELECT id, json_build_object('id', id, 'patientId', patient_id, 'appointmentId', appointment_id, 'kind', kind,
      'items', items, 'total', total, 'recordedAt', recorded_at) AS data FROM measures WHERE id = ANY($1::uuid[])`,
  ticket: `SELECT id, json_build_object('id', id, 'patientId', patient_id, 'therapistId', therapist_id, 'type', type, 'body', body,
      'state', state, 'raisedAt', raised_at, 'decision', CASE WHEN decision IS NULL THEN NULL ELSE json_build_object('by', decided_by,
      'decision', decision, 'comment', decision_comment, 'at', decided_at) END) AS data FROM tickets WHERE id = ANY($1::uuid[])`,
  utteranceComment: `SELECT id, json_build_object('id', id, 'transcriptId', transcript_id, 'utteranceId', utterance_id,
      'patientId', patient_id, 'authorId', author_id, 'body', body, 'createdAt', created_at) AS data
      FROM utterance_comments WHERE id = ANY($1::uuid[])`,
  ctsrRating: `SELECT id, json_build_object('id', id, 'transcriptId', transcript_id, 'patientId', patient_id, 'raterId', rater_id,
      'items', items, 'itemNotes', item_notes, 'total', total, 'comment', comment, 'createdAt', created_at) AS data FROM ctsr_ratings WHERE id = ANY($1::uuid[])`,
  emergencyContact: `SELECT id, json_build_object('id', id, 'patientId', patient_id, 'name', name, 'phone', phone,
      'relationship', relationship, 'localEmergencyNumber', local_emergency_number, 'updatedAt', updated_at) AS data
      FROM emergency_contacts WHERE id = ANY($1::uuid[])`,
  workAbroadDeclaration: `SELECT d.id, json_build_object('id', d.id, 'therapistId', d.therapist_id, 'purpose', d.purpose, 'country', d.country, 'from', d.date_from,
      'to', d.date_to, 'patientsInformed', d.patients_informed, 'emergencyContactsConfirmed', d.emergency_contacts_confirmed,
      'declaredAt', d.declared_at, 'cancelledAt', d.cancelled_at,
      'toldPatientIds', COALESCE((SELECT json_agg(t.patient_id ORDER BY t.patient_id) FROM work_abroad_told t
        JOIN messages m ON m.id = t.message_id AND m.patient_id = t.patient_id AND m.direction = 'outbound'
        WHERE t.declaration_id = d.id), '[]'::json)) AS data
      FROM work_abroad_declarations d WHERE d.id = ANY($1::uuid[])`,
  serviceConfig: `SELECT c.id, (c.config || jsonb_build_object('id', c.id, 'orgId', c.org_id,
      'payRates', COALESCE((SELECT jsonb_agg(jsonb_build_object('effectiveFrom', r.effective_from, 'step', r.step,
        'appointmentKind', r.appointment_kind, 'durationMinutes', r.duration_minutes, 'ratePence', r.rate_pence,
        'holidayPayBasisPoints', r.holiday_pay_basis_points) ORDER BY r.effective_from, r.step, r.appointment_kind, r.duration_minutes)
        FROM pay_rates r WHERE r.org_id = c.org_id), '[]'::jsonb),
      'approvedCountries', COALESCE((SELECT jsonb_agg(DISTINCT a.country) FROM approved_countries a
        WHERE a.org_id = c.org_id AND a.user_id IS NULL), '[]'::jsonb))) AS data
      FROM service_config c WHERE c.id = ANY($1::uuid[])`,
  transcript: `SELECT t.id, json_build_object('id', t.id, 'appointmentId', t.appointment_id, 'patientId', t.patient_id,
      'therapistId', t.therapist_id, 'startedAt', t.started_at,
      'utterances', COALESCE((SELECT json_agg(json_build_object('id', u.id, 'seq', u.seq, 'speaker', u.speaker, 'text', u.text,
        'sentAt', u.sent_at) ORDER BY u.seq) FROM utterances u WHERE u.transcript_id = t.id), '[]'::json)) AS data
      FROM transcripts t WHERE t.id = ANY($1::uuid[])`,
};

/** Loads the current wire records for the given ids of one entity. */
export const loadRecords = async (
  db: Queryable,
  entity: EntityName,
  ids: string[],
): Promise<Map<string, unknown>> => {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: string; data: unknown }>(projections[entity], [ids]);
  return new Map(rows.map((r) => [r.id, r.data]));
};
