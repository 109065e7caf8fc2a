/**
 * Migration 10 (issue 14): which message told which patient of a working trip — the trip's
 * checklist, synced so the supervisor's "ready" counts patients told, not contacts alone. A
 * patient counts as told while the message named exists on the service (a refused send left
 * no message); sending again replaces the link.
 */
export const tripToldSchema = `
CREATE TABLE work_abroad_told (
  declaration_id uuid NOT NULL REFERENCES work_abroad_declarations(id),
  patient_id uuid NOT NULL REFERENCES patients(id),
  message_id uuid NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (declaration_id, patient_id)
);
`;
