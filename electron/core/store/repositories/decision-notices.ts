import type { Connection } from '../connection';
import type { DecisionNotice, DecisionNotices } from '../interface';

interface Row {
  ticket_id: string;
  patient_id: string;
  decided_at: string;
  noticed_at: string;
  seen_at: string | null;
}

const fromRow = (row: Row): DecisionNotice => ({
  ticketId: row.ticket_id,
  patientId: row.patient_id,
  decidedAt: row.decided_at,
  noticedAt: row.noticed_at,
  seenAt: row.seen_at,
});

/** Supervisors' decisions on this therapist's tickets, seen or not yet (this device only). */
export function decisionNotices(db: Connection): DecisionNotices {
  const record = db.prepare(
    `INSERT INTO decision_notices (ticket_id, patient_id, decided_at, noticed_at, seen_at)
     VALUES (@ticketId, @patientId, @decidedAt, @noticedAt, @seenAt)
     ON CONFLICT (ticket_id) DO NOTHING`,
  );
  const unseen = db.prepare(
    `SELECT * FROM decision_notices WHERE seen_at IS NULL
     ORDER BY decided_at DESC, ticket_id LIMIT ?`,
  );
  const markSeen = db.prepare(
    'UPDATE decision_notices SET seen_at = ? WHERE ticket_id = ? AND seen_at IS NULL',
  );
  return {
    record: (notice) => record.run(notice).changes > 0,
    listUnseen: (limit) => (unseen.all(limit) as Row[]).map(fromRow),
    markSeen: (ticketIds, seenAt) =>
      db
        .transaction(() => ticketIds.reduce((n, id) => n + markSeen.run(seenAt, id).changes, 0))
        .immediate(),
  };
}
