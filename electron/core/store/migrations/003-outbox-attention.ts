import { subjectSql } from '../mutation-subject';

/**
 * Migration 3: what the sync engine needs to never lose, never block and never overwrite.
 *
 * - The outbox learns each entry's subject (the record it writes, indexed), how many push
 *   requests carried it (`attempts` > 0: it may have reached the server, so it is never
 *   edited in place), how often the service failed on it alone (`server_failures`), and a
 *   status `held`: set aside after repeated server failures so the entries behind it go
 *   through, until the person retries or discards it. SQLite cannot change a CHECK, so the
 *   table is rebuilt with its rows, seqs and AUTOINCREMENT sequence. Existing pending rows
 *   count as attempted: an older build may have sent them.
 * - `withheld_rows`: the server's latest row of a record that an unanswered local change
 *   shadows (the optimistic write replaced it, or a pull page brought it meanwhile). Put back
 *   when the change is refused or discarded; dropped when the server accepts it.
 */
export const outboxAttentionSchema = `
CREATE TABLE outbox_v3 (
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,
  mutation_id      TEXT NOT NULL UNIQUE,
  kind             TEXT NOT NULL,
  subject_id       TEXT,
  payload          TEXT NOT NULL CHECK (json_valid(payload)),
  status           TEXT NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'held', 'sent', 'rejected')),
  reject_reason    TEXT,
  held_reason      TEXT,
  -- What the change was, in words, when it came to need the person (refused or held back):
  -- the patient it names may have left the device since.
  summary          TEXT,
  attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  server_failures  INTEGER NOT NULL DEFAULT 0 CHECK (server_failures >= 0),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  CHECK ((status = 'rejected') = (reject_reason IS NOT NULL)),
  CHECK ((status = 'held') = (held_reason IS NOT NULL))
) STRICT;
INSERT INTO outbox_v3 (seq, mutation_id, kind, subject_id, payload, status, reject_reason,
    attempts, created_at, updated_at)
  SELECT seq, mutation_id, kind, ${subjectSql('kind', 'payload')}, payload, status, reject_reason,
    CASE status WHEN 'pending' THEN 1 ELSE 0 END, created_at, created_at
  FROM outbox;
-- Carry the AUTOINCREMENT sequence over: a seq is never reused, even one already pruned.
INSERT INTO sqlite_sequence (name, seq)
  SELECT 'outbox_v3', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'outbox_v3');
UPDATE sqlite_sequence SET seq = max(seq,
    coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0))
  WHERE name = 'outbox_v3';
DROP TABLE outbox;
ALTER TABLE outbox_v3 RENAME TO outbox;
CREATE INDEX outbox_by_status ON outbox (status, seq);
CREATE INDEX outbox_by_subject ON outbox (subject_id, seq);

CREATE TABLE withheld_rows (
  id          TEXT PRIMARY KEY,
  entity      TEXT NOT NULL,
  version     INTEGER NOT NULL,
  scope_kind  TEXT NOT NULL CHECK (scope_kind IN ('patient', 'therapist', 'org')),
  scope_id    TEXT NOT NULL,
  -- NULL: the server deleted the record.
  data        TEXT CHECK (data IS NULL OR json_valid(data))
) STRICT;
CREATE INDEX withheld_rows_by_scope ON withheld_rows (scope_kind, scope_id);
`;
