import type { FastifyReply, FastifyRequest } from 'fastify';
import { LOCATION_ATTESTATION_HEADER, type Role } from '../../shared/api';
import { issueLocationAttestation, verifyAccessToken } from '../auth/tokens';
import type { ServerKeys } from '../auth/keys';
import type { Queryable } from '../db/database';
import type { CountryResolver } from '../geo/countryResolver';
import { ApiError } from './errors';

export interface Caller {
  userId: string;
  orgId: string;
  role: Role;
  deviceId: string;
  country: string;
  locationAttestation: string;
}

export interface GateDeps {
  db: Queryable;
  keys: ServerKeys;
  countries: CountryResolver;
}

/** 'ZZ' (user-assigned "unknown") names an address no table knows. */
export const UNKNOWN_COUNTRY = 'ZZ';

export const isCountryApproved = async (
  db: Queryable,
  user: { id: string; orgId: string },
  country: string,
) => {
  const [row] = await db.query(
    'SELECT 1 FROM approved_countries WHERE org_id = $1 AND country = $2 AND (user_id IS NULL OR user_id = $3) LIMIT 1',
    [user.orgId, country, user.id],
  );
  return row !== undefined;
};

export type CountryDecision = { approved: boolean; country: string };

/**
 * Where the caller is (its IP, X-Forwarded-For only from a trusted proxy: Fastify's
 * `request.ip` applies that setting) and whether that country is approved for this user.
 */
export const decideCountry = async (
  deps: Pick<GateDeps, 'countries'> & { db: Queryable },
  ip: string,
  /** null: an email no account has; decided as for anyone of the organisation. */
  who: { userId: string; orgId: string } | null,
): Promise<CountryDecision> => {
  const country = deps.countries.countryOf(ip) ?? UNKNOWN_COUNTRY;
  const approved =
    country !== UNKNOWN_COUNTRY &&
    (who
      ? await isCountryApproved(deps.db, { id: who.userId, orgId: who.orgId }, country)
      : await isCountryApprovedOrgWide(deps.db, country));
  return { approved, country };
};

const isCountryApprovedOrgWide = async (db: Queryable, country: string) =>
  (
    await db.query(
      'SELECT 1 FROM approved_countries WHERE country = $1 AND user_id IS NULL LIMIT 1',
      [country],
    )
  ).length > 0;

export const countryRefusal = (country: string) => {
  const where = country === UNKNOWN_COUNTRY ? 'an unknown country' : country;
  return new ApiError(
    403,
    'COUNTRY_NOT_APPROVED',
    `Access from ${where} is not approved for this account.`,
    { country },
  );
};

/** A signed location attestation for an approved country, also set as a response header. */
export const attestLocation = async (
  keys: ServerKeys,
  reply: FastifyReply,
  who: { userId: string; deviceId: string },
  country: string,
) => {
  const attestation = await issueLocationAttestation(keys, { ...who, country });
  reply.header(LOCATION_ATTESTATION_HEADER, attestation);
  return { country, attestation };
};

/**
 * The country gate: the caller's country must be approved for this user. Inside: a signed
 * location attestation rides on the response.
 */
export const gateCountry = async (
  deps: GateDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  who: { userId: string; orgId: string; deviceId: string },
) => {
  const decision = await decideCountry(deps, request.ip, who);
  if (!decision.approved) throw countryRefusal(decision.country);
  return attestLocation(deps.keys, reply, who, decision.country);
};

export const authenticateBearer = async (
  deps: GateDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Caller> => {
  const header = request.headers.authorization;
  const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
  if (!token) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in to continue.');
  const check = await verifyAccessToken(deps.keys, token);
  if (!check.ok) {
    throw check.expired
      ? new ApiError(401, 'TOKEN_EXPIRED', 'The access token has expired; refresh it.')
      : new ApiError(401, 'UNAUTHENTICATED', 'The access token is not valid.');
  }
  // The lookup every request makes anyway also carries the revocations that must bite at once.
  const [row] = await deps.db.query<{
    org_id: string;
    role: Role;
    device_revoked_at: string | null;
    device_signed_out_at: string | null;
    disabled_at: string | null;
  }>(
    `SELECT u.org_id, u.role, d.revoked_at AS device_revoked_at, d.signed_out_at AS device_signed_out_at, u.disabled_at
       FROM devices d JOIN users u ON u.id = d.user_id WHERE d.id = $1 AND u.id = $2`,
    [check.claims.deviceId, check.claims.userId],
  );
  if (!row) throw new ApiError(401, 'UNAUTHENTICATED', 'The access token is not valid.');
  if (row.device_revoked_at) throw deviceRevoked();
  if (row.disabled_at) throw accountDisabled();
  if (row.device_signed_out_at)
    throw new ApiError(401, 'UNAUTHENTICATED', 'This device has signed out. Sign in again.');
  const who = { userId: check.claims.userId, orgId: row.org_id, deviceId: check.claims.deviceId };
  const { country, attestation } = await gateCountry(deps, request, reply, who);
  return { ...who, role: row.role, country, locationAttestation: attestation };
};

export const deviceRevoked = () =>
  new ApiError(401, 'DEVICE_REVOKED', 'This device has been revoked. Local data must be wiped.');

export const accountDisabled = () =>
  new ApiError(
    401,
    'ACCOUNT_DISABLED',
    'This account has been disabled. Ask your service administrator.',
  );
