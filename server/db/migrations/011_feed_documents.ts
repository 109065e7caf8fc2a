/**
 * Migration 11 (issue 12): the feed's records rendered once, as the JSON text the pull sends
 * (`sync/documents.ts`). One row per record: the text of one version of its feed row, and
 * the rendering it was made with (`format`: the projections and contracts of that server).
 * Correctness never depends on it: the pull serves a document only when its version and
 * format are the feed row's, and renders (and stores) the others as before. Nothing to
 * backfill: a missing document is rendered the first time a pull needs it.
 */
export const feedDocumentsSchema = `
CREATE TABLE feed_documents (
  entity text NOT NULL,
  id uuid NOT NULL,
  version integer NOT NULL,
  format text NOT NULL,
  data text NOT NULL,
  PRIMARY KEY (entity, id)
);
`;
