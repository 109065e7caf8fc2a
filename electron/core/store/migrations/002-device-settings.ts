/**
 * Migration 2: the session's own state (user, device, tokens, pinned server keys, lease,
 * attestation, passcode hash, learnt clock offset), kept inside the encrypted database so
 * nothing about the signed-in person sits in a plaintext file. Values are JSON text.
 */
export const deviceSettingsSchema = `
CREATE TABLE device_settings (
  key         TEXT PRIMARY KEY,
  value       TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
`;
