import type { Connection } from '../connection';
import type { MessageDraft, MessageDrafts } from '../interface';

export interface MessageDraftRow {
  patient_id: string;
  body: string;
  resend_seq: number | null;
  saved_at: string;
}

export const messageDraftFromRow = (row: MessageDraftRow): MessageDraft => ({
  patientId: row.patient_id,
  body: row.body,
  resendOf: row.resend_seq,
  savedAt: row.saved_at,
});

export const MESSAGE_DRAFT_INSERT = `INSERT INTO message_drafts (patient_id, body, resend_seq,
    saved_at) VALUES (@patientId, @body, @resendOf, @savedAt)`;

/** The reply box's unsent words, one draft per patient, on this device only. */
export function messageDrafts(db: Connection): MessageDrafts {
  const save = db.prepare(
    `${MESSAGE_DRAFT_INSERT}
     ON CONFLICT (patient_id) DO UPDATE SET body = excluded.body,
       resend_seq = excluded.resend_seq, saved_at = excluded.saved_at`,
  );
  const get = db.prepare('SELECT * FROM message_drafts WHERE patient_id = ?');
  const patients = db.prepare('SELECT patient_id FROM message_drafts').pluck();
  const discard = db.prepare('DELETE FROM message_drafts WHERE patient_id = ?');
  return {
    save: (draft) => void save.run(draft),
    get: (patientId) => {
      const row = get.get(patientId) as MessageDraftRow | undefined;
      return row ? messageDraftFromRow(row) : undefined;
    },
    patientsWithDrafts: () => new Set(patients.all() as string[]),
    discard: (patientId) => discard.run(patientId).changes > 0,
  };
}
