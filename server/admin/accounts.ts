import type { Database } from '../db/database';
import { revokeRefreshTokens } from '../auth/refresh';

const userIdByEmail = async (db: Database, email: string) => {
  const [row] = await db.query<{ id: string }>('SELECT id FROM users WHERE email = lower($1)', [
    email,
  ]);
  if (!row) throw new Error(`no user with email ${email}`);
  return row.id;
};

/**
 * Disables an account: no sign-in, refresh, lease or attestation from now on. Every device of
 * the user is revoked (its next contact answers DEVICE_REVOKED and it wipes itself) and every
 * refresh token dies, in one transaction. Returns how many devices and sign-in sessions were
 * live.
 */
export const disableUser = async (db: Database, email: string) => {
  const userId = await userIdByEmail(db, email);
  return db.transaction(async (tx) => {
    await tx.query('UPDATE users SET disabled_at = COALESCE(disabled_at, now()) WHERE id = $1', [
      userId,
    ]);
    const devices = await tx.query(
      'UPDATE devices SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id',
      [userId],
    );
    const sessions = await revokeRefreshTokens(tx, { userId }, 'account-disabled');
    return { devices: devices.length, sessions };
  });
};

/** Lets a disabled user sign in again (as a new device: the revoked ones stay revoked). */
export const enableUser = async (db: Database, email: string) => {
  const userId = await userIdByEmail(db, email);
  await db.query('UPDATE users SET disabled_at = NULL WHERE id = $1', [userId]);
};
