/**
 * Session security (issue 9): who may still use a session, and the sign-in state that several
 * API nodes must agree on, so it lives here and not in any process's memory.
 */
export const sessionSecuritySchema = `
-- A signed-out device's access tokens stop at once (checked with the device lookup every
-- authenticated request already does).
ALTER TABLE devices ADD COLUMN signed_out_at timestamptz;

-- Rotation keeps the chain, so the immediately previous token of a family can be recognised
-- (grace for a lost response), and says why a token died.
ALTER TABLE refresh_tokens ADD COLUMN parent_hash text;
ALTER TABLE refresh_tokens ADD COLUMN revoked_reason text
  CHECK (revoked_reason IN ('reused', 'signed-out', 'device-revoked', 'account-disabled', 'superseded'));
CREATE INDEX refresh_tokens_by_parent ON refresh_tokens (parent_hash);
CREATE INDEX refresh_tokens_by_user ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_by_device ON refresh_tokens (device_id);

-- Authenticator codes are single-use: the last accepted TOTP time step per user.
ALTER TABLE users ADD COLUMN totp_last_step bigint;

-- Sign-in throttling, per account ('account:<email>') and per address ('address:<ip or /64>').
CREATE TABLE sign_in_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL CHECK (failures >= 0),
  last_failure_at timestamptz NOT NULL
);
CREATE INDEX sign_in_throttle_by_age ON sign_in_throttle (last_failure_at);
`;
