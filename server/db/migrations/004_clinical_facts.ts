/**
 * Migration 4 (issue 10, issue 8 item 9): the facts the clinical rules need.
 * - appointments.cancelled_by: who cancelled (a late cancellation is computed from when and
 *   by whom). Existing late cancellations were the patient's by definition; an older plain
 *   cancellation has no recorded canceller (read as not the patient's: never late, never paid).
 * - appointment_outcome_revisions: every recorded outcome with the device and user that
 *   recorded it, so a change made on another device since a client's base version is a
 *   conflict (and pay-relevant history is kept).
 * - messages.written_at: when the therapist wrote a reply (a reply queued offline and
 *   delivered later meets its deadline at the time it was written).
 * - users.contract_type: employed or agency (minimum caseloads differ by contract).
 */
export const clinicalFactsSchema = `
ALTER TABLE appointments ADD COLUMN cancelled_by text
  CHECK (cancelled_by IN ('patient', 'therapist', 'service'));
UPDATE appointments SET cancelled_by = 'patient' WHERE outcome = 'late_cancellation';
ALTER TABLE appointments ADD CONSTRAINT appointments_cancellation_facts
  CHECK ((outcome IN ('late_cancellation', 'cancelled')) = (cancelled_at IS NOT NULL)
     AND (cancelled_by IS NULL OR outcome IN ('late_cancellation', 'cancelled')));

CREATE TABLE appointment_outcome_revisions (
  appointment_id uuid NOT NULL REFERENCES appointments(id),
  version integer NOT NULL,
  device_id uuid,
  user_id uuid NOT NULL REFERENCES users(id),
  outcome text NOT NULL CHECK (outcome IN ('attended', 'dna', 'late_cancellation', 'cancelled')),
  cancelled_at timestamptz,
  cancelled_by text CHECK (cancelled_by IN ('patient', 'therapist', 'service')),
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (appointment_id, version)
);

ALTER TABLE messages ADD COLUMN written_at timestamptz;

ALTER TABLE users ADD COLUMN contract_type text NOT NULL DEFAULT 'employed'
  CHECK (contract_type IN ('employed', 'agency'));
`;
