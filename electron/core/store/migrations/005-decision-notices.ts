/**
 * Migration 5: supervisors' decisions on tickets this device's therapist raised, noticed by a
 * pull. `seen_at` NULL = not seen yet (the Today section lists them until marked seen). A
 * decision already on the server at the device's first sync is recorded as seen, so a new
 * device does not announce old news. A patient's notices go with the patient at eviction
 * (patient_id; entity-tables.ts).
 */
export const decisionNoticesSchema = `
CREATE TABLE decision_notices (
  ticket_id    TEXT PRIMARY KEY,
  patient_id   TEXT NOT NULL,
  decided_at   TEXT NOT NULL,
  noticed_at   TEXT NOT NULL,
  seen_at      TEXT
) STRICT;
CREATE INDEX decision_notices_by_patient_id ON decision_notices (patient_id);
CREATE INDEX decision_notices_unseen ON decision_notices (decided_at) WHERE seen_at IS NULL;
`;
