import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCATION_ATTESTATION_HEADER } from '../../shared/api';
import { approveCountry, withdrawCountry } from '../../server/admin/operations';
import { useBackends } from './support/backends';
import { type Session, type TestServer, signIn, startTestServer } from './support/harness';

// The dev GeoIP table maps loopback sub-ranges to countries: 127.0.0.0/24 GB, 127.0.1.0/24 FR,
// 127.0.2.0/24 US. The org approves GB, IE and ES.
const GB = '127.0.0.23';
const FR = '127.0.1.23';
const US = '127.0.2.23';
const UNKNOWN = '127.0.9.23';

describe.each(useBackends())('country gate on $name', (backend) => {
  let t: TestServer;
  let session: Session;
  beforeAll(async () => {
    t = await startTestServer(backend);
    session = await signIn(t, t.account('Amelia Hart'));
  });
  afterAll(async () => t?.close());

  it('lets an approved country through with a signed attestation naming it', async () => {
    const response = await t.get('/me', { token: session.token, localAddress: GB });
    expect(response.status).toBe(200);
    const attestation = decodeJwt(String(response.headers[LOCATION_ATTESTATION_HEADER]));
    expect(attestation).toMatchObject({
      country: 'GB',
      sub: session.userId,
      did: session.deviceId,
    });
    expect((attestation.exp ?? 0) > (attestation.iat ?? 0)).toBe(true);
  });

  it.each([
    ['FR', FR],
    ['US', US],
    ['ZZ', UNKNOWN],
  ])('refuses %s with 403 COUNTRY_NOT_APPROVED naming the country', async (country, address) => {
    for (const response of [
      await t.get('/me', { token: session.token, localAddress: address }),
      await t.get('/sync/pull?lane=core', { token: session.token, localAddress: address }),
      await t.post(
        '/auth/refresh',
        { refreshToken: session.grant.tokens.refreshToken },
        { localAddress: address },
      ),
    ]) {
      expect(response.status).toBe(403);
      expect(response.json).toMatchObject({ code: 'COUNTRY_NOT_APPROVED', country });
      expect(response.headers[LOCATION_ATTESTATION_HEADER]).toBeUndefined();
    }
  });

  it('refuses sign-in from a country not approved, without registering a device', async () => {
    const before = await t.db.query('SELECT id FROM devices');
    await expect(signIn(t, t.account('Tom Reeve'), { localAddress: US })).rejects.toThrow(
      /403.*COUNTRY_NOT_APPROVED/,
    );
    expect(await t.db.query('SELECT id FROM devices')).toHaveLength(before.length);
  });

  it('applies approvals per user and withdrawals at once', async () => {
    const amelia = t.account('Amelia Hart');
    await approveCountry(t.db, 'FR', { userEmail: amelia.email });
    expect((await t.get('/me', { token: session.token, localAddress: FR })).status).toBe(200);
    const colleague = await signIn(t, t.account('Priya Nair'));
    expect((await t.get('/me', { token: colleague.token, localAddress: FR })).status).toBe(403);
    await withdrawCountry(t.db, 'FR', { userEmail: amelia.email });
    expect((await t.get('/me', { token: session.token, localAddress: FR })).status).toBe(403);
    await withdrawCountry(t.db, 'GB');
    expect((await t.get('/me', { token: session.token, localAddress: GB })).json.code).toBe(
      'COUNTRY_NOT_APPROVED',
    );
    await approveCountry(t.db, 'GB');
    expect((await t.get('/me', { token: session.token, localAddress: GB })).status).toBe(200);
  });

  it('ignores X-Forwarded-For when the trusted proxy setting is off (the default)', async () => {
    const spoofed = await t.get('/me', {
      token: session.token,
      localAddress: GB,
      headers: { 'x-forwarded-for': FR },
    });
    expect(spoofed.status).toBe(200);
    const hiding = await t.get('/me', {
      token: session.token,
      localAddress: FR,
      headers: { 'x-forwarded-for': GB },
    });
    expect(hiding.status).toBe(403);
  });

  it('uses X-Forwarded-For from a trusted proxy only', async () => {
    const behindProxy = await startTestServer(backend, { trustedProxies: ['127.0.0.1'] });
    try {
      const s = await signIn(behindProxy, behindProxy.account('Amelia Hart'));
      // From the proxy's address, the forwarded client address decides.
      expect(
        (
          await behindProxy.get('/me', {
            token: s.token,
            localAddress: '127.0.0.1',
            headers: { 'x-forwarded-for': FR },
          })
        ).json,
      ).toMatchObject({
        code: 'COUNTRY_NOT_APPROVED',
        country: 'FR',
      });
      expect(
        (
          await behindProxy.get('/me', {
            token: s.token,
            localAddress: '127.0.0.1',
            headers: { 'x-forwarded-for': GB },
          })
        ).status,
      ).toBe(200);
      // From any other address the header is not trusted.
      expect(
        (
          await behindProxy.get('/me', {
            token: s.token,
            localAddress: '127.0.0.77',
            headers: { 'x-forwarded-for': FR },
          })
        ).status,
      ).toBe(200);
    } finally {
      await behindProxy.close();
    }
  }, 120_000); // starts and seeds a second server
});
