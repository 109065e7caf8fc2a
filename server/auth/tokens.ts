import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { Queryable } from '../db/database';
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

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A new refresh token in `familyId` (a new family on sign-in; the same family on rotation,
 * with `parentHash` naming the token it replaces).
 */
export const issueRefreshToken = async (
  tx: Queryable,
  owner: { userId: string; deviceId: string; familyId?: string; parentHash?: string },
  now = new Date(),
) => {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + REFRESH_TOKEN_SECONDS * 1000);
  await tx.query(
    `INSERT INTO refresh_tokens (token_hash, family_id, device_id, user_id, issued_at, expires_at, parent_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      hashToken(token),
      owner.familyId ?? randomUUID(),
      owner.deviceId,
      owner.userId,
      now.toISOString(),
      expiresAt.toISOString(),
      owner.parentHash ?? null,
    ],
  );
  return { token, expiresAt };
};
