/**
 * Sync integrity: records that cannot be served are quarantined (not a failed page); every
 * change of a patient's allocated therapist is kept as history (access checked as of an
 * event's time); audit events keep what the server observed beside what the client claims.
 */
export const syncIntegritySchema = `
-- A stored record that fails its own response contract: skipped by pulls and left out of
-- checksums until it is repaired (a repair writes a new version, which is served again).
CREATE TABLE quarantined_records (
  entity text NOT NULL,
  id uuid NOT NULL,
  version integer NOT NULL,
  issues jsonb NOT NULL,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (entity, id, version)
);

-- Who held each patient, and when. Maintained by a trigger on patients.therapist_id, so
-- every path that allocates or reallocates (admin, seed, imports) records it. The first
-- allocation starts at '-infinity': compare it in SQL, never select it raw (no ISO form).
CREATE TABLE patient_allocations (
  patient_id uuid NOT NULL REFERENCES patients(id),
  therapist_id uuid NOT NULL REFERENCES users(id),
  valid_from timestamptz NOT NULL,
  valid_to timestamptz,
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX patient_allocations_by_patient ON patient_allocations (patient_id, valid_from);
CREATE UNIQUE INDEX patient_allocations_one_current ON patient_allocations (patient_id) WHERE valid_to IS NULL;

CREATE FUNCTION record_patient_allocation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.therapist_id IS NOT DISTINCT FROM OLD.therapist_id THEN
      RETURN NEW;
    END IF;
    UPDATE patient_allocations SET valid_to = now() WHERE patient_id = NEW.id AND valid_to IS NULL;
    INSERT INTO patient_allocations (patient_id, therapist_id, valid_from) VALUES (NEW.id, NEW.therapist_id, now());
  ELSE
    -- The first allocation holds from the record's beginning.
    INSERT INTO patient_allocations (patient_id, therapist_id, valid_from) VALUES (NEW.id, NEW.therapist_id, '-infinity');
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER patients_allocation_history AFTER INSERT OR UPDATE OF therapist_id ON patients
  FOR EACH ROW EXECUTE FUNCTION record_patient_allocation();

-- Existing patients: the closed allocations of their episodes, then the current allocation
-- from the end of the last of those; the earliest row holds from the beginning.
INSERT INTO patient_allocations (patient_id, therapist_id, valid_from, valid_to)
SELECT e.patient_id, a.therapist_id, a.valid_from, a.valid_to
  FROM episode_allocations a JOIN episodes e ON e.id = a.episode_id
 WHERE a.valid_to IS NOT NULL;
INSERT INTO patient_allocations (patient_id, therapist_id, valid_from)
SELECT p.id, p.therapist_id,
       COALESCE((SELECT max(a.valid_to) FROM patient_allocations a WHERE a.patient_id = p.id), '-infinity')
  FROM patients p;
UPDATE patient_allocations x SET valid_from = '-infinity'
 WHERE x.valid_from = (SELECT min(y.valid_from) FROM patient_allocations y WHERE y.patient_id = x.patient_id);

-- What the server itself saw when an audit event arrived (beside the client's claims in
-- occurred_at and country): the country it resolved from the request's address.
ALTER TABLE audit_events ADD COLUMN observed_country char(2);
`;
