import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { Database, Queryable } from '../db/database';
import type { ServerKeys } from './keys';

export const ACCESS_TOKEN_SECONDS = 10 * 60;
export const REFRESH_TOKEN_SECONDS = 30 * 24 * 3600;
export const ATTESTATION_SECONDS = 24 * 3600;

const ISSUER = 'typed-cbt-reference-server';
/** Distinct `typ`s so a lease or attestation can never be replayed as an access token. */
const TYP = { access: 'at+jwt', lease: 'offline-lease+jwt', location: 'location+jwt' } as const;

const sign = (
  keys: ServerKeys,
  typ: string,
  claims: Record<string, unknown>,
  subject: string,
  seconds: number,
  now: Date,
) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA', typ, kid: keys.kid })
    .setIssuer(ISSUER)
    .setSubject(subject)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(now.getTime() / 1000) + seconds)
    .sign(keys.privateKey);

export interface AccessClaims {
  userId: string;
  deviceId: string;
}

export const issueAccessToken = (keys: ServerKeys, claims: AccessClaims, now = new Date()) =>
  sign(keys, TYP.access, { did: claims.deviceId }, claims.userId, ACCESS_TOKEN_SECONDS, now);

export type AccessTokenCheck = { ok: true; claims: AccessClaims } | { ok: false; expired: boolean };

export const verifyAccessToken = async (
  keys: ServerKeys,
  token: string,
): Promise<AccessTokenCheck> => {
  try {
    const { payload } = await jwtVerify(token, keys.publicKey, {
      issuer: ISSUER,
      typ: TYP.access,
      algorithms: ['EdDSA'],
    });
    if (typeof payload.sub !== 'string' || typeof payload.did !== 'string')
      return { ok: false, expired: false };
    return { ok: true, claims: { userId: payload.sub, deviceId: payload.did } };
  } catch (error) {
    return {
      ok: false,
      expired: error instanceof Error && 'code' in error && error.code === 'ERR_JWT_EXPIRED',
    };
  }
};

export const issueOfflineLease = (
  keys: ServerKeys,
  claims: AccessClaims,
  hours: number,
  now = new Date(),
) => sign(keys, TYP.lease, { did: claims.deviceId }, claims.userId, hours * 3600, now);

export const issueLocationAttestation = (
  keys: ServerKeys,
  claims: AccessClaims & { country: string },
  now = new Date(),
) =>
  sign(
    keys,
    TYP.location,
    { did: claims.deviceId, country: claims.country },
    claims.userId,
    ATTESTATION_SECONDS,
    now,
  );

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new refresh token in `familyId` (a new family on sign-in; the same family on rotation). */
export const issueRefreshToken = async (
  tx: Queryable,
  owner: { userId: string; deviceId: string; familyId?: string },
  now = new Date(),
) => {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + REFRESH_TOKEN_SECONDS * 1000);
  await tx.query(
    `INSERT INTO refresh_tokens (token_hash, family_id, device_id, user_id, issued_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      hashToken(token),
      owner.familyId ?? randomUUID(),
      owner.deviceId,
      owner.userId,
      now.toISOString(),
      expiresAt.toISOString(),
    ],
  );
  return { token, expiresAt };
};

export type RotationResult =
  | { ok: true; userId: string; deviceId: string; refreshToken: string; expiresAt: Date }
  | { ok: false; code: 'REFRESH_TOKEN_INVALID' | 'REFRESH_TOKEN_REUSED' | 'DEVICE_REVOKED' };

/**
 * Rotation: the presented token is spent and a new one of the same family is issued.
 * Presenting a spent token means it leaked (or a client replayed it): the family dies.
 */
export const rotateRefreshToken = async (
  db: Database,
  token: string,
  now = new Date(),
): Promise<RotationResult> => {
  const result = await db.transaction(async (tx): Promise<RotationResult> => {
    const [row] = await tx.query<{
      family_id: string;
      device_id: string;
      user_id: string;
      expires_at: string;
      used_at: string | null;
      revoked_at: string | null;
      device_revoked_at: string | null;
    }>(
      `SELECT t.family_id, t.device_id, t.user_id, t.expires_at, t.used_at, t.revoked_at, d.revoked_at AS device_revoked_at
         FROM refresh_tokens t JOIN devices d ON d.id = t.device_id WHERE t.token_hash = $1 FOR UPDATE OF t`,
      [hashToken(token)],
    );
    if (!row) return { ok: false, code: 'REFRESH_TOKEN_INVALID' };
    if (row.device_revoked_at) return { ok: false, code: 'DEVICE_REVOKED' };
    if (row.used_at || row.revoked_at) {
      await tx.query(
        'UPDATE refresh_tokens SET revoked_at = COALESCE(revoked_at, $2) WHERE family_id = $1',
        [row.family_id, now.toISOString()],
      );
      return { ok: false, code: row.used_at ? 'REFRESH_TOKEN_REUSED' : 'REFRESH_TOKEN_INVALID' };
    }
    if (new Date(row.expires_at) <= now) return { ok: false, code: 'REFRESH_TOKEN_INVALID' };
    await tx.query('UPDATE refresh_tokens SET used_at = $2 WHERE token_hash = $1', [
      hashToken(token),
      now.toISOString(),
    ]);
    const next = await issueRefreshToken(
      tx,
      { userId: row.user_id, deviceId: row.device_id, familyId: row.family_id },
      now,
    );
    return {
      ok: true,
      userId: row.user_id,
      deviceId: row.device_id,
      refreshToken: next.token,
      expiresAt: next.expiresAt,
    };
  });
  return result;
};

export const revokeRefreshFamily = async (db: Queryable, token: string, deviceId: string) => {
  await db.query(
    `UPDATE refresh_tokens SET revoked_at = now() WHERE revoked_at IS NULL AND device_id = $2
        AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1)`,
    [hashToken(token), deviceId],
  );
};
