/**
 * Migration 7 (issue 14): a location decision the device made (allowed or locked, why, the
 * time zone, the attestation's age) is an audit event; what it decided from is kept here,
 * beside the country the server itself observed.
 */
export const locationDecisionsSchema = `
ALTER TABLE audit_events ADD COLUMN location jsonb;
`;
