import type { Connection } from '../connection';
import type { CaseloadQueries } from '../interface';
import { decode, recordColumns } from './records';

export function caseloadQueries(db: Connection): CaseloadQueries {
  const active = db.prepare(
    `SELECT ${recordColumns} FROM patients WHERE therapist_id = ? AND status = 'active'
     ORDER BY family_name, given_name`,
  );
  const between = db.prepare(
    `SELECT ${recordColumns} FROM appointments WHERE starts_at >= ? AND starts_at < ?
     ORDER BY starts_at`,
  );
  // Driven by the caseload: per patient, two index seeks (the last reply, then the
  // inbound messages after it), so the cost follows patients, not the message history.
  const awaiting = db.prepare(
    `SELECT m.id, m.version, m.scope_kind AS scopeKind, m.scope_id AS scopeId, m.data
     FROM patients AS p CROSS JOIN messages AS m -- CROSS JOIN: SQLite keeps this order
       ON m.patient_id = p.id AND m.direction = 'inbound'
      AND m.sent_at > coalesce((SELECT max(r.sent_at) FROM messages AS r
                                 WHERE r.patient_id = p.id AND r.direction = 'outbound'), '')
     ORDER BY m.sent_at`,
  );
  const page = db.prepare(
    `SELECT ${recordColumns} FROM messages WHERE patient_id = @patientId
       AND (@before IS NULL OR sent_at < @before)
     ORDER BY sent_at DESC LIMIT @limit`,
  );
  return {
    activePatients: (therapistId) => active.all(therapistId).map((raw) => decode(raw)),
    appointmentsBetween: (from, to) => between.all(from, to).map((raw) => decode(raw)),
    messagesAwaitingReply: () => awaiting.all().map((raw) => decode(raw)),
    messagePage: (patientId, beforeSentAt, limit) =>
      page.all({ patientId, before: beforeSentAt, limit }).map((raw) => decode(raw)),
  };
}
