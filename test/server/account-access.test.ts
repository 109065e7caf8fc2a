import { randomUUID } from 'node:crypto';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCATION_ATTESTATION_HEADER, SessionGrant } from '../../shared/api';
import { disableUser, enableUser } from '../../server/admin/accounts';
import { revokeDevice } from '../../server/admin/operations';
import type { ApiResponse } from './support/client';
import { useBackends } from './support/backends';
import { type TestServer, deviceRegistration, signIn, startTestServer } from './support/harness';

// Item 1 of issue 9: a disabled account, a revoked device and a signed-out device get nothing
// more from the server: no tokens, no offline lease, no location attestation.

const expectRefusal = (response: ApiResponse, status: number, code: string) => {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.json.code).toBe(code);
  expect(response.headers[LOCATION_ATTESTATION_HEADER]).toBeUndefined();
  expect(JSON.stringify(response.body)).not.toMatch(/offlineLease|accessToken|refreshToken/);
};

const auditOnly = () => ({
  kind: 'audit.record' as const,
  payload: {
    eventId: randomUUID(),
    action: 'open_patient' as const,
    patientId: null,
    entityId: null,
    occurredAt: new Date().toISOString(),
    country: 'GB',
  },
});

describe.each(useBackends())('account and device access on $name', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(async () => t?.close());

  it('refuses to refresh an account disabled in the database, with no lease or attestation', async () => {
    const session = await signIn(t, t.account('Amelia Hart'));
    await t.db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [session.userId]);
    try {
      const refresh = await t.post('/auth/refresh', {
        refreshToken: session.grant.tokens.refreshToken,
      });
      expectRefusal(refresh, 401, 'ACCOUNT_DISABLED');
      expectRefusal(await t.get('/me', { token: session.token }), 401, 'ACCOUNT_DISABLED');
    } finally {
      await t.db.query('UPDATE users SET disabled_at = NULL WHERE id = $1', [session.userId]);
    }
  });

  it('disable-user revokes every device and refresh token of the user at once; enable-user lets them sign in anew', async () => {
    const account = t.account('Tom Reeve');
    const laptop = await signIn(t, account);
    const rotated = await t.post('/auth/refresh', {
      refreshToken: laptop.grant.tokens.refreshToken,
    });
    expect(rotated.status).toBe(200);
    const latest = SessionGrant.parse(rotated.body);

    expect(await disableUser(t.db, account.email)).toEqual({ devices: 1, sessions: 1 });

    for (const response of [
      await t.post('/auth/refresh', { refreshToken: latest.tokens.refreshToken }),
      await t.get('/me', { token: latest.tokens.accessToken }),
      await t.get('/sync/pull?lane=core', { token: latest.tokens.accessToken }),
      await laptop.push([auditOnly()], { token: latest.tokens.accessToken }),
    ])
      expectRefusal(response, 401, 'DEVICE_REVOKED');
    const [tokens] = await t.db.query<{ live: number }>(
      'SELECT count(*)::int8 AS live FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL',
      [laptop.userId],
    );
    expect(tokens?.live).toBe(0);

    // Signing in with the right password and code names the reason; nothing is issued.
    const again = await t.post('/auth/sign-in', {
      email: account.email,
      password: account.password,
      totp: await generate({ secret: account.totpSecret }),
      device: await deviceRegistration(),
    });
    expectRefusal(again, 401, 'ACCOUNT_DISABLED');

    await enableUser(t.db, account.email);
    const fresh = await signIn(t, account);
    expect((await t.get('/me', { token: fresh.token })).status).toBe(200);
    // The devices that were revoked stay revoked.
    expectRefusal(await t.get('/me', { token: latest.tokens.accessToken }), 401, 'DEVICE_REVOKED');
  });

  it('answers a refused refresh on a revoked device with no attestation header', async () => {
    const session = await signIn(t, t.account('Priya Nair'));
    await revokeDevice(t.db, session.deviceId);
    expectRefusal(
      await t.post('/auth/refresh', { refreshToken: session.grant.tokens.refreshToken }),
      401,
      'DEVICE_REVOKED',
    );
  });

  it("stops a signed-out device's access token at once, and its refresh token", async () => {
    const session = await signIn(t, t.account('Rhys Ellis'));
    const out = await t.post(
      '/auth/sign-out',
      { refreshToken: session.grant.tokens.refreshToken },
      { token: session.token },
    );
    expect(out.status).toBe(200);
    expectRefusal(await t.get('/me', { token: session.token }), 401, 'UNAUTHENTICATED');
    expectRefusal(await session.push([auditOnly()]), 401, 'UNAUTHENTICATED');
    expectRefusal(
      await t.post('/auth/refresh', { refreshToken: session.grant.tokens.refreshToken }),
      401,
      'REFRESH_TOKEN_INVALID',
    );
  });

  it('signs the device out even when the refresh token it sends is not its own', async () => {
    const session = await signIn(t, t.account('Dr Helen Marsh'));
    const other = await signIn(t, t.account('Dr Samuel Okafor'));
    const out = await t.post(
      '/auth/sign-out',
      { refreshToken: other.grant.tokens.refreshToken },
      { token: session.token },
    );
    expect(out.status).toBe(200);
    expectRefusal(await t.get('/me', { token: session.token }), 401, 'UNAUTHENTICATED');
    // The other user's session is untouched.
    expect(
      (await t.post('/auth/refresh', { refreshToken: other.grant.tokens.refreshToken })).status,
    ).toBe(200);
  });
});
