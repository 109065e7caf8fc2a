import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { createLocalJWKSet, jwtVerify } from 'jose';
import type { Jwks as JwksSchema, SessionGrant } from '../../../../shared/api';
import type { z } from 'zod';

type Jwks = z.infer<typeof JwksSchema>;
import { RefusedError } from '../../../../shared/ipc';
import { type ApiFailure, apiFailureOf, assertNeverFailure } from '../../api/failure';
import type { HttpApi } from '../../api/http-api';
import type { ServerClock } from '../../clock';

export interface OnlineSignIn {
  readonly grant: SessionGrant;
  readonly jwks: Jwks['keys'];
  /** This device's Ed25519 private key (its public half is registered with the server). */
  readonly devicePrivateKey: JsonWebKey;
}

/**
 * Password + TOTP online, registering this device's key pair; then the server's keys, to pin.
 * A refusal the person can act on (wrong credentials, a country not approved, throttling, no
 * answer) comes back as a RefusedError in words.
 */
export async function signInOnline(
  http: HttpApi,
  credentials: { email: string; password: string; totp: string },
): Promise<OnlineSignIn> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  const { email, password, totp } = credentials;
  try {
    const grant = await http.call('signIn', {
      body: {
        email,
        password,
        totp,
        device: {
          name: `${process.platform} device`,
          platform:
            process.platform === 'darwin' || process.platform === 'win32'
              ? process.platform
              : 'linux',
          publicKey: { kty: 'OKP', crv: 'Ed25519', x: String(jwk.x) },
        },
      },
    });
    const { keys } = await http.call('jwks');
    return { grant, jwks: keys, devicePrivateKey: privateKey.export({ format: 'jwk' }) };
  } catch (error) {
    const failure = apiFailureOf(error);
    if (failure && isTheirsToAct(failure)) throw new RefusedError(failure.message);
    throw error;
  }
}

/** Which failed sign-ins the person can do something about (say so rather than fail). */
function isTheirsToAct(failure: ApiFailure): boolean {
  switch (failure.kind) {
    case 'refused':
    case 'country':
    case 'rate-limited':
    case 'network':
    case 'unavailable':
    case 'reauthenticate':
    case 'revoked':
      return true;
    case 'malformed':
    case 'token-expired':
    case 'signed-out':
      return false;
    default:
      return assertNeverFailure(failure);
  }
}

/** A location attestation that verifies against the pinned keys for this user and device. */
export async function verifyAttestation(
  jws: string,
  expected: { jwks: Jwks['keys']; userId: string; deviceId: string; clock: ServerClock },
): Promise<{ country: string; expiresAt: string } | null> {
  try {
    const { payload } = await jwtVerify(jws, createLocalJWKSet({ keys: expected.jwks }), {
      typ: 'location+jwt',
      currentDate: expected.clock.now(),
    });
    if (payload.sub !== expected.userId || payload['did'] !== expected.deviceId) return null;
    return {
      country: String(payload['country']),
      expiresAt: new Date((payload.exp ?? 0) * 1000).toISOString(),
    };
  } catch {
    return null; // not signed by the pinned keys, or expired: never trusted
  }
}
