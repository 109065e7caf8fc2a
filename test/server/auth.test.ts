import { createLocalJWKSet, jwtVerify } from 'jose';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ErrorBody,
  Jwks,
  LOCATION_ATTESTATION_HEADER,
  LocationAttestationClaims,
  SessionGrant,
} from '../../shared/api';
import { revokeDevice } from '../../server/admin/operations';
import { useBackends } from './support/backends';
import { type TestServer, deviceRegistration, signIn, startTestServer } from './support/harness';

describe.each(useBackends())('auth on $name', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(async () => t?.close());

  const signInBody = async (name = 'Amelia Hart') => {
    const account = t.account(name);
    return {
      email: account.email,
      password: account.password,
      totp: await generate({ secret: account.totpSecret }),
      device: await deviceRegistration(),
    };
  };

  it('signs in with password and TOTP, registering the device; tokens verify against the published key', async () => {
    const response = await t.post('/auth/sign-in', await signInBody());
    expect(response.status).toBe(200);
    const grant = SessionGrant.parse(response.body);
    expect(grant.user.displayName).toBe('Amelia Hart');
    expect(grant.country).toBe('GB');
    const jwks = createLocalJWKSet(Jwks.parse((await t.get('/.well-known/jwks.json')).body));
    const { payload, protectedHeader } = await jwtVerify(grant.locationAttestation, jwks);
    expect(protectedHeader.typ).toBe('location+jwt');
    expect(LocationAttestationClaims.parse(payload)).toMatchObject({
      sub: grant.user.id,
      did: grant.deviceId,
      country: 'GB',
    });
    const lease = await jwtVerify(grant.offlineLease, jwks, { typ: 'offline-lease+jwt' });
    expect((lease.payload.exp ?? 0) - (lease.payload.iat ?? 0)).toBe(72 * 3600);
    const [device] = await t.db.query<{ public_key: { x: string } }>(
      'SELECT public_key FROM devices WHERE id = $1',
      [grant.deviceId],
    );
    expect(device?.public_key.x).toHaveLength(43);
  });

  it.each([
    ['a wrong password', { password: 'not-the-password' }],
    ['a wrong TOTP code', { totp: '000000' }],
    ['an unknown email', { email: 'nobody@northvale.example' }],
  ])('refuses %s with one indistinct 401', async (_, change) => {
    const response = await t.post('/auth/sign-in', { ...(await signInBody()), ...change });
    expect(response.status).toBe(401);
    expect(ErrorBody.parse(response.body).code).toBe('INVALID_CREDENTIALS');
  });

  it('rotates refresh tokens, and reuse of a spent one revokes the whole family', async () => {
    const session = await signIn(t, t.account('Tom Reeve'));
    const first = session.grant.tokens.refreshToken;
    const rotated = await t.post('/auth/refresh', { refreshToken: first });
    expect(rotated.status).toBe(200);
    const second = SessionGrant.parse(rotated.body).tokens.refreshToken;
    expect(second).not.toBe(first);
    const third = SessionGrant.parse((await t.post('/auth/refresh', { refreshToken: second })).body)
      .tokens.refreshToken;

    // Older than the immediately previous token (which has a short grace, see
    // refresh-rotation.test.ts): reuse.
    const reuse = await t.post('/auth/refresh', { refreshToken: first });
    expect(reuse.status).toBe(401);
    expect(reuse.json.code).toBe('REFRESH_TOKEN_REUSED');
    // The attacker's (or the client's) newer token died with the family.
    const afterReuse = await t.post('/auth/refresh', { refreshToken: third });
    expect(afterReuse.status).toBe(401);
    expect(afterReuse.json.code).toBe('REFRESH_TOKEN_INVALID');
  });

  it('answers a revoked device with 401 DEVICE_REVOKED on every authenticated call and on refresh', async () => {
    const session = await signIn(t, t.account('Priya Nair'));
    expect((await t.get('/me', { token: session.token })).status).toBe(200);
    await revokeDevice(t.db, session.deviceId);
    for (const response of [
      await t.get('/me', { token: session.token }),
      await t.get('/sync/pull?lane=core', { token: session.token }),
      await session.push([
        {
          kind: 'audit.record',
          payload: {
            eventId: crypto.randomUUID(),
            action: 'open_patient',
            patientId: null,
            entityId: null,
            occurredAt: new Date().toISOString(),
            country: 'GB',
          },
        },
      ]),
      await t.post('/auth/refresh', { refreshToken: session.grant.tokens.refreshToken }),
    ]) {
      expect(response.status).toBe(401);
      expect(response.json.code).toBe('DEVICE_REVOKED');
    }
  });

  it('rejects missing, malformed and forged bearer tokens', async () => {
    expect((await t.get('/me')).json.code).toBe('UNAUTHENTICATED');
    expect((await t.get('/me', { token: 'not.a.token' })).json.code).toBe('UNAUTHENTICATED');
    const session = await signIn(t, t.account('Rhys Ellis'));
    // A lease is signed by the same key but is not an access token.
    expect((await t.get('/me', { token: session.grant.offlineLease })).status).toBe(401);
  });

  it('answers malformed requests with 400 and field errors', async () => {
    const response = await t.post('/auth/sign-in', {
      email: 'not-an-email',
      password: '',
      totp: '12',
      device: { name: 'x' },
    });
    expect(response.status).toBe(400);
    const body = ErrorBody.parse(response.body);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(body.fieldErrors ?? {})).toEqual(
      expect.arrayContaining(['email', 'password', 'totp', 'device.platform', 'device.publicKey']),
    );
    const notJson = await t.post('/auth/sign-in', undefined, {
      raw: '{"email": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    expect(notJson.json.code).toBe('VALIDATION_FAILED');
  });

  it('answers oversized bodies with 413', async () => {
    const response = await t.post('/auth/sign-in', {
      ...(await signInBody()),
      password: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(response.status).toBe(413);
    expect(response.json.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('carries serverTime in every response, errors and 404s included', async () => {
    const session = await signIn(t, t.account('Dr Helen Marsh'));
    for (const response of [
      await t.get('/health'),
      await t.get('/nowhere'),
      await t.get('/me', { token: session.token }),
      await t.post('/auth/sign-in', {}),
    ]) {
      expect(Date.parse(String(response.json.serverTime))).toBeGreaterThan(0);
      expect(response.headers['x-server-time']).toBeDefined();
    }
    expect(
      (await t.get('/me', { token: session.token })).headers[LOCATION_ATTESTATION_HEADER],
    ).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('lists demo accounts only in demo mode', async () => {
    expect(t.accounts.map((a) => a.role).sort()).toEqual([
      'admin',
      'pwp',
      'pwp',
      'supervisor',
      'supervisor',
      'therapist',
      'therapist',
    ]);
    const production = await startTestServer(backend, { demoMode: false });
    try {
      const response = await production.get('/demo/accounts');
      expect(response.status).toBe(404);
      expect(JSON.stringify((await production.get('/openapi.json')).body)).toContain('/sync/pull');
    } finally {
      await production.close();
    }
  });
});
