/**
 * Migration 1: the local cache. Frozen once shipped: later changes are new migrations.
 *
 * Server records are cached in the wire shape of shared/api (`data`, JSON, validated by the
 * sync engine before it is written), with the feed's `version` and `scope` beside it, so a
 * field added to the API needs no migration and the scope of every row is known: eviction
 * and scope checksums work on (scope_kind, scope_id) for every table alike. The fields that
 * queries filter or sort on are generated columns over `data`, indexed.
 * `version` is NULL for an optimistic row written on this device and not yet confirmed.
 * No foreign key points at a server record: lanes arrive in any order, and a supervisor holds
 * transcripts of patients that are not on their caseload.
 */

type Generated = readonly [column: string, field: string];

const entityTable = (table: string, generated: readonly Generated[] = []): string => `
CREATE TABLE ${table} (
  id          TEXT PRIMARY KEY,
  version     INTEGER,
  scope_kind  TEXT NOT NULL CHECK (scope_kind IN ('patient', 'therapist', 'org')),
  scope_id    TEXT NOT NULL,
  data        TEXT NOT NULL CHECK (json_valid(data))${generated
    .map(
      ([column, field]) =>
        `,\n  ${column} TEXT GENERATED ALWAYS AS (data ->> '$.${field}') VIRTUAL`,
    )
    .join('')}
) STRICT;
CREATE INDEX ${table}_by_scope ON ${table} (scope_kind, scope_id);`;

const index = (table: string, columns: string): string =>
  `CREATE INDEX ${table}_by_${columns.replace(/, /g, '_')} ON ${table} (${columns});`;

export const localCacheSchema = [
  entityTable('users'),
  entityTable('supervision_assignments', [['therapist_id', 'therapistId']]),
  entityTable('patients', [
    ['therapist_id', 'therapistId'],
    ['status', 'status'],
    ['family_name', 'familyName'],
    ['given_name', 'givenName'],
  ]),
  index('patients', 'therapist_id, status, family_name, given_name'),
  entityTable('episodes', [['patient_id', 'patientId']]),
  index('episodes', 'patient_id'),
  entityTable('appointments', [
    ['patient_id', 'patientId'],
    ['starts_at', 'startsAt'],
  ]),
  index('appointments', 'patient_id, starts_at'),
  index('appointments', 'starts_at'),
  entityTable('messages', [
    ['patient_id', 'patientId'],
    ['direction', 'direction'],
    ['sent_at', 'sentAt'],
  ]),
  index('messages', 'patient_id, sent_at'),
  // The reply deadline: a patient's last outbound message, then the inbound ones after it.
  index('messages', 'patient_id, direction, sent_at'),
  entityTable('notes', [['patient_id', 'patientId']]),
  index('notes', 'patient_id'),
  entityTable('measures', [
    ['patient_id', 'patientId'],
    ['recorded_at', 'recordedAt'],
  ]),
  index('measures', 'patient_id, recorded_at'),
  entityTable('tickets', [['patient_id', 'patientId']]),
  index('tickets', 'patient_id'),
  entityTable('utterance_comments', [
    ['patient_id', 'patientId'],
    ['transcript_id', 'transcriptId'],
  ]),
  index('utterance_comments', 'transcript_id'),
  entityTable('ctsr_ratings', [
    ['patient_id', 'patientId'],
    ['transcript_id', 'transcriptId'],
  ]),
  index('ctsr_ratings', 'transcript_id'),
  entityTable('emergency_contacts', [['patient_id', 'patientId']]),
  index('emergency_contacts', 'patient_id'),
  entityTable('work_abroad_declarations'),
  entityTable('service_config'),
  `
-- A transcript's header; its utterances are rows of their own (paging, search).
CREATE TABLE transcripts (
  id              TEXT PRIMARY KEY,
  version         INTEGER,
  scope_kind      TEXT NOT NULL CHECK (scope_kind IN ('patient', 'therapist', 'org')),
  scope_id        TEXT NOT NULL,
  patient_id      TEXT NOT NULL,
  appointment_id  TEXT NOT NULL,
  therapist_id    TEXT NOT NULL,
  started_at      TEXT NOT NULL
) STRICT;
CREATE INDEX transcripts_by_scope ON transcripts (scope_kind, scope_id);
CREATE INDEX transcripts_by_patient_id_started_at ON transcripts (patient_id, started_at);

-- local_id is the full-text index's rowid; id is the server's.
CREATE TABLE utterances (
  local_id       INTEGER PRIMARY KEY,
  id             TEXT NOT NULL UNIQUE,
  transcript_id  TEXT NOT NULL,
  seq            INTEGER NOT NULL,
  speaker        TEXT NOT NULL CHECK (speaker IN ('therapist', 'patient')),
  text           TEXT NOT NULL,
  sent_at        TEXT NOT NULL,
  UNIQUE (transcript_id, seq)
) STRICT;

-- External-content FTS5 index over utterance text, kept in step by these triggers.
CREATE VIRTUAL TABLE utterance_search USING fts5 (
  text,
  content = 'utterances',
  content_rowid = 'local_id',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER utterances_indexed AFTER INSERT ON utterances BEGIN
  INSERT INTO utterance_search (rowid, text) VALUES (new.local_id, new.text);
END;
CREATE TRIGGER utterances_unindexed AFTER DELETE ON utterances BEGIN
  INSERT INTO utterance_search (utterance_search, rowid, text)
    VALUES ('delete', old.local_id, old.text);
END;
CREATE TRIGGER utterances_reindexed AFTER UPDATE OF text ON utterances BEGIN
  INSERT INTO utterance_search (utterance_search, rowid, text)
    VALUES ('delete', old.local_id, old.text);
  INSERT INTO utterance_search (rowid, text) VALUES (new.local_id, new.text);
END;

-- This device's unsent edit of a note or letter, beside the server's version in notes.
CREATE TABLE note_drafts (
  note_id         TEXT PRIMARY KEY,
  patient_id      TEXT NOT NULL,
  appointment_id  TEXT,
  kind            TEXT NOT NULL,
  body            TEXT NOT NULL,
  base_version    INTEGER,
  saved_at        TEXT NOT NULL
) STRICT;
CREATE INDEX note_drafts_by_patient_id ON note_drafts (patient_id);

-- A version that lost a race (edited on two devices), kept until the therapist merges.
CREATE TABLE note_conflict_copies (
  id              INTEGER PRIMARY KEY,
  note_id         TEXT NOT NULL,
  patient_id      TEXT NOT NULL,
  body            TEXT NOT NULL,
  version         INTEGER,
  source          TEXT NOT NULL CHECK (source IN ('this_device', 'other_device')),
  saved_at        TEXT NOT NULL,
  resolved_at     TEXT
) STRICT;
CREATE INDEX note_conflict_copies_by_note_id ON note_conflict_copies (note_id);
CREATE INDEX note_conflict_copies_by_patient_id ON note_conflict_copies (patient_id);

CREATE TABLE sync_state (
  lane        TEXT PRIMARY KEY,
  cursor      TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;

-- AUTOINCREMENT: a seq is never reused on this database, even after sent entries are
-- pruned, because the server treats a seq at or below its last applied one as a replay.
CREATE TABLE outbox (
  seq            INTEGER PRIMARY KEY AUTOINCREMENT,
  mutation_id    TEXT NOT NULL UNIQUE,
  kind           TEXT NOT NULL,
  payload        TEXT NOT NULL CHECK (json_valid(payload)),
  status         TEXT NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'sent', 'rejected')),
  reject_reason  TEXT,
  created_at     TEXT NOT NULL,
  CHECK ((status = 'rejected') = (reject_reason IS NOT NULL))
) STRICT;
CREATE INDEX outbox_by_status ON outbox (status, seq);

-- Who opened which record, queued until the server stores it (shared/api 'audit.record').
CREATE TABLE audit_queue (
  id           INTEGER PRIMARY KEY,
  event_id     TEXT NOT NULL UNIQUE,
  action       TEXT NOT NULL,
  patient_id   TEXT,
  entity_id    TEXT,
  occurred_at  TEXT NOT NULL,
  country      TEXT
) STRICT;
`,
].join('\n');
