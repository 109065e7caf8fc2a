import { z } from 'zod';
import { CountryCode, IsoDateTime, Role, Uuid, withServerTime } from './common';
import { UserProfile } from './entities';

/** Compact JWS strings. Verify them against the keys from GET /.well-known/jwks.json. */
export const Jws = z.string().regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, 'a compact JWS');

export const DeviceRegistration = z.strictObject({
  name: z.string().trim().min(1).max(100),
  platform: z.enum(['darwin', 'win32', 'linux', 'browser']),
  /** The device's Ed25519 public key as a JWK (kty OKP, crv Ed25519). */
  publicKey: z.strictObject({
    kty: z.literal('OKP'),
    crv: z.literal('Ed25519'),
    x: z.string().regex(/^[\w-]{43}$/),
  }),
});

export const SignInRequest = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
  totp: z.string().regex(/^\d{6}$/, 'the six-digit code from the authenticator'),
  device: DeviceRegistration,
});
export type SignInRequest = z.infer<typeof SignInRequest>;

export const TokenPair = z.strictObject({
  accessToken: Jws,
  accessTokenExpiresAt: IsoDateTime,
  /**
   * Opaque; rotate on every use. Presenting a used one revokes the whole family, except the
   * immediately previous one shortly after its rotation (a lost response), which gets a new
   * pair of the same family.
   */
  refreshToken: z.string().min(32),
  refreshTokenExpiresAt: IsoDateTime,
});

/** Claims of the offline lease (typ `offline-lease+jwt`): unlock offline until `exp`. */
export const OfflineLeaseClaims = z.object({
  sub: Uuid,
  did: Uuid,
  iat: z.number(),
  exp: z.number(),
});
/** Claims of the location attestation (typ `location+jwt`). */
export const LocationAttestationClaims = z.object({
  sub: Uuid,
  did: Uuid,
  country: CountryCode,
  iat: z.number(),
  exp: z.number(),
});
export type LocationAttestationClaims = z.infer<typeof LocationAttestationClaims>;

/** Authenticated responses also carry the attestation in this header. */
export const LOCATION_ATTESTATION_HEADER = 'x-location-attestation';

export const SessionGrant = withServerTime({
  user: UserProfile,
  deviceId: Uuid,
  tokens: TokenPair,
  offlineLease: Jws,
  offlineLeaseExpiresAt: IsoDateTime,
  locationAttestation: Jws,
  country: CountryCode,
});
export type SessionGrant = z.infer<typeof SessionGrant>;

export const RefreshRequest = z.strictObject({ refreshToken: z.string().min(32).max(200) });
export const SignOutRequest = RefreshRequest;
export const SignOutResponse = withServerTime({ signedOut: z.literal(true) });

export const MeResponse = withServerTime({
  user: UserProfile,
  deviceId: Uuid,
  country: CountryCode,
});

export const Jwks = withServerTime({
  keys: z.array(
    z.strictObject({
      kty: z.literal('OKP'),
      crv: z.literal('Ed25519'),
      x: z.string(),
      kid: z.string(),
      alg: z.literal('EdDSA'),
      use: z.literal('sig'),
    }),
  ),
});

export const DemoAccount = z.strictObject({
  email: z.string(),
  password: z.string(),
  role: Role,
  displayName: z.string(),
  /** Base32 TOTP secret so the demo sign-in screen can show a code helper. Demo only. */
  totpSecret: z.string(),
});
export const DemoAccountsResponse = withServerTime({ accounts: z.array(DemoAccount) });
export type DemoAccount = z.infer<typeof DemoAccount>;

export const HealthResponse = withServerTime({ status: z.literal('ok'), version: z.string() });
