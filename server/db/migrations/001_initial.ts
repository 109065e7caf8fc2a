/** The data model. One SQL dialect for PostgreSQL 15+ and PGlite. */
export const initialSchema = `
CREATE TABLE server_keys (
  kid text PRIMARY KEY,
  private_jwk jsonb NOT NULL,
  public_jwk jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organisations (
  id uuid PRIMARY KEY,
  name text NOT NULL
);

-- Deadline rules, caseload caps, retention window, offline lease hours, ADSM thresholds.
CREATE TABLE service_config (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL UNIQUE REFERENCES organisations(id),
  config jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE pay_rates (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organisations(id),
  effective_from date NOT NULL,
  step smallint NOT NULL CHECK (step IN (2, 3)),
  appointment_kind text NOT NULL CHECK (appointment_kind IN ('assessment', 'treatment')),
  duration_minutes smallint NOT NULL CHECK (duration_minutes IN (60, 45, 30)),
  rate_pence integer NOT NULL CHECK (rate_pence >= 0),
  holiday_pay_basis_points integer NOT NULL CHECK (holiday_pay_basis_points >= 0)
);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organisations(id),
  email text NOT NULL UNIQUE,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('pwp', 'therapist', 'supervisor', 'admin')),
  step smallint CHECK (step IN (2, 3)),
  password_hash text NOT NULL,
  totp_secret text NOT NULL,
  service_start_date date NOT NULL,
  validation_ends_on date,
  desired_caseload integer,
  disabled_at timestamptz
);

-- Demo mode only: the seeded demo users' plaintext passwords, for GET /demo/accounts.
CREATE TABLE demo_credentials (
  user_id uuid PRIMARY KEY REFERENCES users(id),
  password text NOT NULL
);

-- Approved countries: org-wide when user_id is null, else for that user only.
CREATE TABLE approved_countries (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organisations(id),
  country char(2) NOT NULL,
  user_id uuid REFERENCES users(id),
  approved_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX approved_countries_unique ON approved_countries (org_id, country, user_id) NULLS NOT DISTINCT;

CREATE TABLE supervision_assignments (
  id uuid PRIMARY KEY,
  supervisor_id uuid NOT NULL REFERENCES users(id),
  therapist_id uuid NOT NULL REFERENCES users(id),
  valid_from timestamptz NOT NULL,
  valid_to timestamptz,
  -- set once the end has been published as an eviction
  end_published_at timestamptz
);
CREATE INDEX supervision_by_supervisor ON supervision_assignments (supervisor_id);
CREATE INDEX supervision_by_therapist ON supervision_assignments (therapist_id);

CREATE TABLE devices (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  name text NOT NULL,
  platform text NOT NULL,
  public_key jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz,
  revoked_at timestamptz,
  -- exactly-once: advanced in the same transaction as each mutation's write
  last_applied_seq bigint NOT NULL DEFAULT 0
);
CREATE INDEX devices_by_user ON devices (user_id);

CREATE TABLE refresh_tokens (
  token_hash text PRIMARY KEY,
  family_id uuid NOT NULL,
  device_id uuid NOT NULL REFERENCES devices(id),
  user_id uuid NOT NULL REFERENCES users(id),
  issued_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);

CREATE TABLE patients (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organisations(id),
  case_reference text NOT NULL UNIQUE,
  given_name text NOT NULL,
  family_name text NOT NULL,
  date_of_birth date NOT NULL,
  phone text NOT NULL,
  -- the current allocation (the episode keeps the history)
  therapist_id uuid NOT NULL REFERENCES users(id),
  status text NOT NULL CHECK (status IN ('active', 'discharged')),
  discharged_at timestamptz,
  -- past the retention window: invisible to every client, eviction published
  retention_expired_at timestamptz
);
CREATE INDEX patients_by_therapist ON patients (therapist_id);

CREATE TABLE episodes (
  id uuid PRIMARY KEY,
  patient_id uuid NOT NULL REFERENCES patients(id),
  step smallint NOT NULL CHECK (step IN (2, 3)),
  problem_descriptor text NOT NULL,
  status text NOT NULL,
  allocated_therapist_id uuid NOT NULL REFERENCES users(id),
  opened_at timestamptz NOT NULL,
  closed_at timestamptz
);
CREATE INDEX episodes_by_patient ON episodes (patient_id);

CREATE TABLE episode_allocations (
  id uuid PRIMARY KEY,
  episode_id uuid NOT NULL REFERENCES episodes(id),
  therapist_id uuid NOT NULL REFERENCES users(id),
  valid_from timestamptz NOT NULL,
  valid_to timestamptz,
  reason text NOT NULL
);
CREATE INDEX allocations_by_episode ON episode_allocations (episode_id);

CREATE TABLE appointments (
  id uuid PRIMARY KEY,
  patient_id uuid NOT NULL REFERENCES patients(id),
  episode_id uuid NOT NULL REFERENCES episodes(id),
  therapist_id uuid NOT NULL REFERENCES users(id),
  kind text NOT NULL CHECK (kind IN ('assessment', 'treatment')),
  duration_minutes smallint NOT NULL CHECK (duration_minutes IN (60, 45, 30)),
  starts_at timestamptz NOT NULL,
  session_number integer NOT NULL,
  outcome text CHECK (outcome IN ('attended', 'dna', 'late_cancellation', 'cancelled')),
  cancelled_at timestamptz
);
CREATE INDEX appointments_by_patient ON appointments (patient_id);

CREATE TABLE transcripts (
  id uuid PRIMARY KEY,
  appointment_id uuid NOT NULL UNIQUE REFERENCES appointments(id),
  patient_id uuid NOT NULL REFERENCES patients(id),
  therapist_id uuid NOT NULL REFERENCES users(id),
  started_at timestamptz NOT NULL
);
CREATE INDEX transcripts_by_patient ON transcripts (patient_id);

CREATE TABLE utterances (
  id uuid PRIMARY KEY,
  transcript_id uuid NOT NULL REFERENCES transcripts(id),
  seq integer NOT NULL,
  speaker text NOT NULL CHECK (speaker IN ('therapist', 'patient')),
  text text NOT NULL,
  sent_at timestamptz NOT NULL,
  UNIQUE (transcript_id, seq)
);

CREATE TABLE messages (
  id uuid PRIMARY KEY,
  patient_id uuid NOT NULL REFERENCES patients(id),
  therapist_id uuid REFERENCES users(id),
  direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  body text NOT NULL,
  sent_at timestamptz NOT NULL,
  read_at timestamptz
);
CREATE INDEX messages_by_patient ON messages (patient_id);

CREATE TABLE notes (
  id uuid PRIMARY KEY,
  patient_id uuid NOT NULL REFERENCES patients(id),
  appointment_id uuid REFERENCES appointments(id),
  author_id uuid NOT NULL REFERENCES users(id),
  kind text NOT NULL CHECK (kind IN ('session_note', 'assessment_letter', 'discharge_letter')),
  body text NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'submitted')),
  updated_at timestamptz NOT NULL,
  submitted_at timestamptz
);
CREATE INDEX notes_by_patient ON notes (patient_id);

-- Every saved body, so a losing edit is never lost on the server either.
CREATE TABLE note_revisions (
  note_id uuid NOT NULL REFERENCES notes(id),
  version integer NOT NULL,
  body text NOT NULL,
  device_id uuid,
  saved_at timestamptz NOT NULL,
  PRIMARY KEY (note_id, version)
);

CREATE TABLE measures (
  id uuid PRIMARY KEY,
  patient_id uuid NOT NULL REFERENCES patients(id),
  appointment_id uuid REFERENCES appointments(id),
  kind text NOT NULL,
  items integer[],
  total integer NOT NULL,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX measures_by_patient ON measures (patient_id);

CREATE TABLE tickets (
  id uuid PRIMARY KEY,
  patient_id uuid NOT NULL REFERENCES patients(id),
  therapist_id uuid NOT NULL REFERENCES users(id),
  type text NOT NULL,
  body text NOT NULL,
  state text NOT NULL CHECK (state IN ('open', 'approved', 'declined', 'advised')),
  raised_at timestamptz NOT NULL,
  decided_by uuid REFERENCES users(id),
  decision text CHECK (decision IN ('approve', 'decline', 'advice')),
  decision_comment text,
  decided_at timestamptz
);
CREATE INDEX tickets_by_patient ON tickets (patient_id);

CREATE TABLE utterance_comments (
  id uuid PRIMARY KEY,
  transcript_id uuid NOT NULL REFERENCES transcripts(id),
  utterance_id uuid NOT NULL REFERENCES utterances(id),
  patient_id uuid NOT NULL REFERENCES patients(id),
  author_id uuid NOT NULL REFERENCES users(id),
  body text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE ctsr_ratings (
  id uuid PRIMARY KEY,
  transcript_id uuid NOT NULL REFERENCES transcripts(id),
  patient_id uuid NOT NULL REFERENCES patients(id),
  rater_id uuid NOT NULL REFERENCES users(id),
  items integer[] NOT NULL,
  total integer NOT NULL,
  comment text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE emergency_contacts (
  id uuid PRIMARY KEY,
  patient_id uuid NOT NULL UNIQUE REFERENCES patients(id),
  name text NOT NULL,
  phone text NOT NULL,
  relationship text NOT NULL,
  local_emergency_number text NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE work_abroad_declarations (
  id uuid PRIMARY KEY,
  therapist_id uuid NOT NULL REFERENCES users(id),
  country char(2) NOT NULL,
  date_from date NOT NULL,
  date_to date NOT NULL,
  patients_informed boolean NOT NULL,
  emergency_contacts_confirmed boolean NOT NULL,
  declared_at timestamptz NOT NULL
);

CREATE TABLE audit_events (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  device_id uuid NOT NULL REFERENCES devices(id),
  action text NOT NULL,
  patient_id uuid,
  entity_id uuid,
  occurred_at timestamptz NOT NULL,
  country char(2),
  received_at timestamptz NOT NULL DEFAULT now()
);

-- The change feed: one row per syncable record (its latest state), positioned by cursor.
-- Cursors come from feed_counter, whose row lock is held to commit, so cursor order is
-- commit order and a reader never skips a row committed late.
CREATE TABLE feed_counter (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  value bigint NOT NULL
);
INSERT INTO feed_counter (value) VALUES (0);

CREATE TABLE sync_feed (
  entity text NOT NULL,
  id uuid NOT NULL,
  lane text NOT NULL CHECK (lane IN ('core', 'transcripts')),
  cursor bigint NOT NULL UNIQUE,
  version integer NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  patient_id uuid,
  therapist_id uuid,
  org_id uuid NOT NULL,
  PRIMARY KEY (entity, id)
);
CREATE INDEX sync_feed_by_lane_cursor ON sync_feed (lane, cursor);
CREATE INDEX sync_feed_by_patient ON sync_feed (patient_id, lane);

CREATE TABLE evictions (
  cursor bigint PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  lane text NOT NULL,
  scope_kind text NOT NULL CHECK (scope_kind IN ('patient', 'supervisee')),
  scope_id uuid NOT NULL,
  reason text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX evictions_by_user ON evictions (user_id, lane, cursor);

CREATE TABLE push_results (
  device_id uuid NOT NULL REFERENCES devices(id),
  seq bigint NOT NULL,
  mutation_id uuid NOT NULL,
  result jsonb NOT NULL,
  PRIMARY KEY (device_id, seq),
  UNIQUE (device_id, mutation_id)
);
`;
