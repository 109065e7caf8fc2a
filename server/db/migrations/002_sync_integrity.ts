/** Sync integrity: records that cannot be served are quarantined (not a failed page). */
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
`;
