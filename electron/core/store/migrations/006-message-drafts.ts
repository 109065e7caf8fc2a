/**
 * Migration 6: the reply box's draft, one per patient, kept on this device until the reply is
 * queued. `resend_seq`: the refused reply (outbox seq) these words are to replace when sent,
 * NULL for a new reply. A patient's draft goes with the patient at eviction (patient_id;
 * entity-tables.ts).
 */
export const messageDraftsSchema = `
CREATE TABLE message_drafts (
  patient_id  TEXT PRIMARY KEY,
  body        TEXT NOT NULL,
  resend_seq  INTEGER,
  saved_at    TEXT NOT NULL
) STRICT;
`;
