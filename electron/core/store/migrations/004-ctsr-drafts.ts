/**
 * Migration 4: a supervisor's unfinished CTS-R ratings, one per transcript, kept on this
 * device until submitted. Scores are JSON arrays of 12 (null = unscored, never 0). A
 * patient's drafts go with the patient at eviction (patient_id; entity-tables.ts).
 */
export const ctsrDraftsSchema = `
CREATE TABLE ctsr_drafts (
  transcript_id  TEXT PRIMARY KEY,
  patient_id     TEXT NOT NULL,
  items          TEXT NOT NULL CHECK (json_valid(items)),
  item_notes     TEXT NOT NULL CHECK (json_valid(item_notes)),
  comment        TEXT NOT NULL,
  saved_at       TEXT NOT NULL
) STRICT;
CREATE INDEX ctsr_drafts_by_patient_id ON ctsr_drafts (patient_id);
`;
