import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { UserProfile, routes } from '../../shared/api';
import { attemptSignIn, checkCredentials, findAccount } from '../auth/signIn';
import { type RefreshRefusal, refreshSession, revokeRefreshTokens } from '../auth/refresh';
import {
  ACCESS_TOKEN_SECONDS,
  issueAccessToken,
  issueOfflineLease,
  issueRefreshToken,
} from '../auth/tokens';
import type { Database } from '../db/database';
import type { AuthSettings } from '../auth/settings';
import { loadRecords } from '../sync/loaders';
import { ApiError } from '../http/errors';
import {
  type Caller,
  type CountryDecision,
  type GateDeps,
  accountDisabled,
  attestLocation,
  countryRefusal,
  decideCountry,
  deviceRevoked,
} from '../http/authenticate';
import { registerRoute } from '../http/route';

const noAuth = async () => undefined;
const DEFAULT_LEASE_HOURS = 72;

const profileOf = async (db: Database, userId: string) =>
  UserProfile.parse((await loadRecords(db, 'user', [userId])).get(userId));

const leaseHours = async (db: Database, orgId: string) => {
  const [row] = await db.query<{ hours: number | null }>(
    `SELECT (config->>'offlineLeaseHours')::int AS hours FROM service_config WHERE org_id = $1`,
    [orgId],
  );
  return row?.hours ?? DEFAULT_LEASE_HOURS;
};

const grant = async (
  deps: GateDeps & { db: Database },
  who: { userId: string; orgId: string; deviceId: string },
  refresh: { token: string; expiresAt: Date },
  location: { country: string; attestation: string },
) => {
  const now = new Date();
  const hours = await leaseHours(deps.db, who.orgId);
  return {
    user: await profileOf(deps.db, who.userId),
    deviceId: who.deviceId,
    tokens: {
      accessToken: await issueAccessToken(deps.keys, who, now),
      accessTokenExpiresAt: new Date(now.getTime() + ACCESS_TOKEN_SECONDS * 1000).toISOString(),
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refresh.expiresAt.toISOString(),
    },
    offlineLease: await issueOfflineLease(deps.keys, who, hours, now),
    offlineLeaseExpiresAt: new Date(now.getTime() + hours * 3600_000).toISOString(),
    locationAttestation: location.attestation,
    country: location.country,
  };
};

const refreshRefusal = (code: RefreshRefusal) => {
  switch (code) {
    case 'DEVICE_REVOKED':
      return deviceRevoked();
    case 'ACCOUNT_DISABLED':
      return accountDisabled();
    case 'REFRESH_TOKEN_REUSED':
      return new ApiError(
        401,
        code,
        'This sign-in was used from elsewhere and has been ended. Sign in again.',
      );
    case 'REFRESH_TOKEN_EXPIRED':
      return new ApiError(401, code, 'This sign-in has expired. Sign in again.');
    case 'REFRESH_TOKEN_INVALID':
      return new ApiError(401, code, 'Sign in again.');
  }
};

const invalidCredentials = () =>
  new ApiError(
    401,
    'INVALID_CREDENTIALS',
    'The email, password or authenticator code is not right.',
  );

export const registerAuthRoutes = (
  app: FastifyInstance,
  deps: GateDeps & { db: Database; auth: AuthSettings },
  authenticate: Parameters<typeof registerRoute<typeof routes.me, Caller>>[2],
) => {
  registerRoute(app, routes.signIn, noAuth, async ({ body, request, reply }) => {
    const account = await findAccount(deps.db, body.email);
    // The country first, so its refusal says nothing about the credentials.
    const place = await decideCountry(
      deps,
      request.ip,
      account && { userId: account.id, orgId: account.orgId },
    );
    if (!place.approved) throw countryRefusal(place.country);
    const verdict = await attemptSignIn(
      {
        db: deps.db,
        checkCredentials: (candidate, given) =>
          checkCredentials(
            { db: deps.db, totpSingleUse: deps.auth.totpSingleUse },
            candidate,
            given,
          ),
      },
      { email: body.email, ip: request.ip },
      account,
      body,
    );
    if (verdict.kind === 'throttled')
      throw new ApiError(
        429,
        'RATE_LIMITED',
        'Too many sign-in attempts. Wait a while, then try again.',
        {},
        verdict.retryAfterSeconds,
      );
    if (verdict.kind === 'refused') throw invalidCredentials();
    if (verdict.kind === 'disabled') throw accountDisabled();
    const user = verdict.account;
    const deviceId = randomUUID();
    const refresh = await deps.db.transaction(async (tx) => {
      await tx.query(
        'INSERT INTO devices (id, user_id, name, platform, public_key, last_seen_at) VALUES ($1, $2, $3, $4, $5::jsonb, now())',
        [
          deviceId,
          user.id,
          body.device.name,
          body.device.platform,
          JSON.stringify(body.device.publicKey),
        ],
      );
      return issueRefreshToken(tx, { userId: user.id, deviceId });
    });
    const location = await attestLocation(
      deps.keys,
      reply,
      { userId: user.id, deviceId },
      place.country,
    );
    return grant(deps, { userId: user.id, orgId: user.orgId, deviceId }, refresh, location);
  });

  registerRoute(app, routes.refresh, noAuth, async ({ body, request, reply }) => {
    const outcome = await refreshSession(
      deps.db,
      body.refreshToken,
      { graceSeconds: deps.auth.refreshReuseGraceSeconds },
      async (tx, owner): Promise<{ pass: boolean; value: CountryDecision }> => {
        const decision = await decideCountry({ ...deps, db: tx }, request.ip, owner);
        return { pass: decision.approved, value: decision };
      },
    );
    if (outcome.kind === 'refused') throw refreshRefusal(outcome.code);
    if (outcome.kind === 'gate-refused') throw countryRefusal(outcome.gate.country);
    const location = await attestLocation(deps.keys, reply, outcome.owner, outcome.gate.country);
    return grant(
      deps,
      outcome.owner,
      { token: outcome.refreshToken, expiresAt: outcome.expiresAt },
      location,
    );
  });

  // Ends this device's session: its refresh tokens die and its access tokens stop at once,
  // whatever refresh token the body names (one not of this device is left alone).
  registerRoute(app, routes.signOut, authenticate, async ({ auth }) => {
    await deps.db.transaction(async (tx) => {
      await tx.query('UPDATE devices SET signed_out_at = now() WHERE id = $1', [auth.deviceId]);
      await revokeRefreshTokens(tx, { deviceId: auth.deviceId }, 'signed-out');
    });
    return { signedOut: true };
  });

  registerRoute(app, routes.me, authenticate, async ({ auth }) => ({
    user: await profileOf(deps.db, auth.userId),
    deviceId: auth.deviceId,
    country: auth.country,
  }));
};
