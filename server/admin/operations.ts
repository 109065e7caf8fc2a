import { randomUUID } from 'node:crypto';
import type { Role } from '../../shared/api';
import { hashPassword } from '../auth/passwords';
import { revokeRefreshTokens } from '../auth/refresh';
import { newTotpSecret } from '../auth/totp';
import type { Database, Queryable } from '../db/database';
import { touchFeed } from '../sync/feed';
import { assignSupervisor, endSupervision, reallocatePatient } from '../sync/scopeChanges';

// What an administrator can do; the admin CLI and the tests call these.

export { assignSupervisor, endSupervision, reallocatePatient };
export { disableUser, enableUser } from './accounts';

const userIdByEmail = async (db: Queryable, email: string) => {
  const [row] = await db.query<{ id: string; org_id: string }>(
    'SELECT id, org_id FROM users WHERE email = lower($1)',
    [email],
  );
  if (!row) throw new Error(`no user with email ${email}`);
  return row;
};

export const resolveUser = userIdByEmail;

export const resolvePatient = async (db: Queryable, caseReferenceOrId: string) => {
  const [row] = await db.query<{ id: string }>(
    'SELECT id FROM patients WHERE case_reference = $1 OR id::text = $1',
    [caseReferenceOrId],
  );
  if (!row) throw new Error(`no patient ${caseReferenceOrId}`);
  return row.id;
};

export interface NewUser {
  email: string;
  displayName: string;
  role: Role;
  step?: 2 | 3 | null;
  password: string;
  /** Defaults to the only organisation. */
  orgId?: string;
}

/** Creates a user; returns the TOTP secret to enrol in an authenticator. */
export const createUser = async (db: Database, user: NewUser) => {
  const [org] = user.orgId
    ? [{ id: user.orgId }]
    : await db.query<{ id: string }>('SELECT id FROM organisations ORDER BY name LIMIT 1');
  if (!org) throw new Error('no organisation: seed or create one first');
  const id = randomUUID();
  const totpSecret = newTotpSecret();
  const passwordHash = await hashPassword(user.password);
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO users (id, org_id, email, display_name, role, step, password_hash, totp_secret, service_start_date, validation_ends_on)
       VALUES ($1, $2, lower($3), $4, $5, $6, $7, $8, current_date, CASE WHEN $5 = 'therapist' THEN current_date + 90 END)`,
      [
        id,
        org.id,
        user.email,
        user.displayName,
        user.role,
        user.step ?? null,
        passwordHash,
        totpSecret,
      ],
    );
    await touchFeed(tx, { entity: 'user', id, orgId: org.id, patientId: null, therapistId: id });
  });
  return { id, totpSecret };
};

const touchServiceConfig = async (tx: Queryable, orgId: string) => {
  const [config] = await tx.query<{ id: string }>(
    'SELECT id FROM service_config WHERE org_id = $1',
    [orgId],
  );
  if (config)
    await touchFeed(tx, {
      entity: 'serviceConfig',
      id: config.id,
      orgId,
      patientId: null,
      therapistId: null,
    });
};

/**
 * An approval reaches devices with the record that carries it: the service's configuration
 * for the whole organisation, the person's own profile for one user.
 */
const touchApprovals = async (tx: Queryable, orgId: string, user: { id: string } | null) => {
  if (!user) return touchServiceConfig(tx, orgId);
  await touchFeed(tx, {
    entity: 'user',
    id: user.id,
    orgId,
    patientId: null,
    therapistId: user.id,
  });
};

/** Approves a country for the whole organisation, or for one user when `userEmail` is given. */
export const approveCountry = async (
  db: Database,
  country: string,
  scope: { orgId?: string; userEmail?: string } = {},
) =>
  db.transaction(async (tx) => {
    const user = scope.userEmail ? await userIdByEmail(tx, scope.userEmail) : null;
    const [org] = user
      ? [{ id: user.org_id }]
      : scope.orgId
        ? [{ id: scope.orgId }]
        : await tx.query<{ id: string }>('SELECT id FROM organisations ORDER BY name LIMIT 1');
    if (!org) throw new Error('no organisation');
    await tx.query(
      'INSERT INTO approved_countries (id, org_id, country, user_id) VALUES ($1, $2, upper($3), $4) ON CONFLICT DO NOTHING',
      [randomUUID(), org.id, country, user?.id ?? null],
    );
    await touchApprovals(tx, org.id, user);
  });

export const withdrawCountry = async (
  db: Database,
  country: string,
  scope: { userEmail?: string } = {},
) =>
  db.transaction(async (tx) => {
    const user = scope.userEmail ? await userIdByEmail(tx, scope.userEmail) : null;
    const removed = await tx.query<{ org_id: string }>(
      `DELETE FROM approved_countries WHERE country = upper($1) AND user_id IS NOT DISTINCT FROM $2 RETURNING org_id`,
      [country, user?.id ?? null],
    );
    for (const orgId of new Set(removed.map((r) => r.org_id)))
      await touchApprovals(tx, orgId, user);
    return removed.length;
  });

/** Revokes a device: its tokens stop working at once (401 DEVICE_REVOKED) and the client wipes. */
export const revokeDevice = async (db: Database, deviceId: string) =>
  db.transaction(async (tx) => {
    const rows = await tx.query(
      'UPDATE devices SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id',
      [deviceId],
    );
    await revokeRefreshTokens(tx, { deviceId }, 'device-revoked');
    return rows.length > 0;
  });

export const listDevices = (db: Queryable, email: string) =>
  db.query<{
    id: string;
    name: string;
    platform: string;
    created_at: string;
    last_seen_at: string | null;
    revoked_at: string | null;
  }>(
    `SELECT d.id, d.name, d.platform, d.created_at, d.last_seen_at, d.revoked_at FROM devices d JOIN users u ON u.id = d.user_id
      WHERE u.email = lower($1) ORDER BY d.created_at`,
    [email],
  );

/** Discharges a patient (the retention window starts now, or at `at`). */
export const dischargePatient = async (db: Database, patientId: string, at = new Date()) =>
  db.transaction(async (tx) => {
    const [p] = await tx.query<{ org_id: string }>(
      `UPDATE patients SET status = 'discharged', discharged_at = $2 WHERE id = $1 RETURNING org_id`,
      [patientId, at.toISOString()],
    );
    if (!p) throw new Error(`no patient ${patientId}`);
    await touchFeed(tx, {
      entity: 'patient',
      id: patientId,
      orgId: p.org_id,
      patientId,
      therapistId: null,
    });
  });
