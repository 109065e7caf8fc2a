import { existsSync, readdirSync } from 'node:fs';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../server/support/harness';
import { startDevice, type TestDevice } from '../../../support/device';
import type { FaultProxy } from '../../../support/fault-proxy';
import { useReferenceServer } from '../../../support/reference-server';

/**
 * The session as a therapist meets it: sign-in with TOTP, silent token refresh, the
 * passcode lock, the offline lease, the country gate and the offline location rule, all
 * against the real reference server on loopback and a real encrypted store.
 */
// A server without the refresh grace (server/auth/refresh.ts): a retried token is "reused"
// at once, the case the device must survive whatever the server it talks to does.
const reference = useReferenceServer({ refreshReuseGraceSeconds: 0 });
let server: TestServer;
let proxy: FaultProxy;
beforeAll(() => {
  server = reference.server();
  proxy = reference.proxy();
});

const HOUR = 3_600_000;
const clockShift = { ms: 0 };
const shiftedNow = () => Date.now() + clockShift.ms;
const devices: TestDevice[] = [];
async function device(
  options: { via?: string; localAddress?: string; zone?: string } = {},
): Promise<TestDevice> {
  clockShift.ms = 0;
  const d = await startDevice({
    serverUrl: options.via ?? server.url,
    now: shiftedNow,
    ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    ...(options.zone ? { deviceZone: options.zone } : {}),
  });
  devices.push(d);
  return d;
}
afterAll(async () => {
  for (const d of devices) await d.close().catch(() => undefined);
});

const refusal = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected a refusal');
};

describe('sign-in', () => {
  it('signs in with password and TOTP, registers the device and opens patient data', async () => {
    const d = await device();
    const status = await d.signIn(server.account('Priya Nair'));
    expect(status).toMatchObject({
      state: 'unlocked',
      keyProtection: 'test-seam',
      user: { displayName: 'Priya Nair' },
    });
    expect(d.deviceId()).toMatch(/^[0-9a-f-]{36}$/);
    const [row] = await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM devices WHERE id = $1',
      [d.deviceId()],
    );
    expect(row?.n).toBe(1);
  });

  it('refuses a wrong password and a wrong code in words, and stores nothing', async () => {
    const d = await device();
    const account = server.account('Tom Reeve');
    const totp = await generate({ secret: account.totpSecret });
    expect(
      await refusal(
        d.call('session.signIn', {
          email: account.email,
          password: 'not-it',
          totp,
          passcode: 'a-passcode',
        }),
      ),
    ).toMatch(/REFUSED/);
    const wrongCode = totp === '000000' ? '111111' : '000000';
    expect(
      await refusal(
        d.call('session.signIn', {
          email: account.email,
          password: account.password,
          totp: wrongCode,
          passcode: 'a-passcode',
        }),
      ),
    ).toMatch(/REFUSED/);
    expect((await d.call<{ state: string }>('session.status')).state).toBe('signed-out');
    expect(existsSync(d.dataDir) ? readdirSync(d.dataDir) : []).toEqual([]);
  });

  it('refuses sign-in from a country that is not approved, naming it', async () => {
    const d = await device({ localAddress: '127.0.1.7' }); // FR in the dev GeoIP table
    expect(await refusal(d.signIn(server.account('Amelia Hart')))).toMatch(/FR|France/);
  });
});

describe('sign-out', () => {
  it('wipes the database, keys and caches, and revokes the session on the server', async () => {
    const d = await device();
    await d.signIn(server.account('Amelia Hart'));
    await d.synced();
    expect(readdirSync(d.dataDir).length).toBeGreaterThan(0);
    const deviceId = d.deviceId();
    const status = await d.call<{ state: string }>('session.signOut');
    expect(status.state).toBe('signed-out');
    expect(existsSync(d.dataDir) ? readdirSync(d.dataDir) : []).toEqual([]);
    const [live] = await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM refresh_tokens WHERE device_id = $1 AND revoked_at IS NULL',
      [deviceId],
    );
    expect(live?.n).toBe(0);
  });
});

describe('tokens', () => {
  const refreshTokenOf = (d: TestDevice) =>
    (d.store()?.settings.get('session') as { tokens: { refreshToken: string } }).tokens
      .refreshToken;

  it('refreshes before the access token expires, without the user noticing', async () => {
    const d = await device();
    await d.signIn(server.account('Rhys Ellis'));
    await d.synced();
    const before = refreshTokenOf(d);
    clockShift.ms = 11 * 60_000; // past the 10-minute access token
    await d.syncNow();
    clockShift.ms = 0;
    expect(refreshTokenOf(d)).not.toBe(before);
    expect((await d.call<{ lastError: string | null }>('sync.status')).lastError).toBeNull();
  });

  it('refreshes and retries when the server refuses the access token', async () => {
    const d = await device({ via: proxy.url });
    await d.signIn(server.account('Rhys Ellis'));
    await d.synced();
    const before = refreshTokenOf(d);
    const pulls = proxy.count('/sync/pull');
    proxy.spoilNextToken('/sync/pull');
    await d.syncNow();
    expect(refreshTokenOf(d)).not.toBe(before);
    expect(proxy.count('/sync/pull')).toBeGreaterThan(pulls + 1);
    expect((await d.call<{ lastError: string | null }>('sync.status')).lastError).toBeNull();
  });

  it('asks for an online sign-in when a used refresh token is presented again, and erases nothing', async () => {
    const d = await device();
    await d.signIn(server.account('Tom Reeve'));
    await d.synced();
    const stolen = refreshTokenOf(d);
    clockShift.ms = 11 * 60_000;
    await d.syncNow(); // rotates: `stolen` is now a used token
    const replay = await server.post('/auth/refresh', { refreshToken: stolen });
    expect(replay.status).toBe(401);
    const files = readdirSync(d.dataDir);
    clockShift.ms = 22 * 60_000;
    await d.syncNow();
    clockShift.ms = 0;
    const status = await d.call<{ state: string; reason: string | null }>('session.status');
    expect(status.state).toBe('sign-in-needed');
    expect(status.reason).toMatch(/sign in again online/i);
    expect(readdirSync(d.dataDir)).toEqual(files);
  });
});

describe('the passcode lock', { timeout: 180_000 }, () => {
  it('locks, unlocks with the passcode, and after five wrong ones asks for an online sign-in', async () => {
    const d = await device();
    await d.signIn(server.account('Amelia Hart'), 'my passcode 1');
    expect((await d.call<{ state: string }>('session.lock')).state).toBe('locked');
    expect(await refusal(d.call('caseload.list', {}))).toMatch(/REFUSED/);
    expect(
      (await d.call<{ state: string }>('session.unlock', { passcode: 'my passcode 1' })).state,
    ).toBe('unlocked');
    await d.call('session.lock');
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(
        await refusal(d.call('session.unlock', { passcode: `wrong guess ${attempt}` })),
      ).toMatch(new RegExp(`${5 - attempt} attempts? left`));
    }
    expect(await refusal(d.call('session.unlock', { passcode: 'my passcode 1' }))).toMatch(
      /sign in again online/i,
    );
  });

  it('unlocks offline while the offline lease is valid, and not after it ends', async () => {
    const d = await device({ via: proxy.url });
    await d.signIn(server.account('Tom Reeve'), 'offline passcode');
    await d.call('session.lock');
    proxy.offline = true;
    try {
      expect(
        (await d.call<{ state: string }>('session.unlock', { passcode: 'offline passcode' })).state,
      ).toMatch(/unlocked|location-check-needed/);
      await d.call('session.lock');
      clockShift.ms = 400 * 24 * HOUR;
      expect(await refusal(d.call('session.unlock', { passcode: 'offline passcode' }))).toMatch(
        /offline period has ended/,
      );
    } finally {
      proxy.offline = false;
      clockShift.ms = 0;
    }
  });
});

describe('the location rule offline', () => {
  it('closes patient data when the time zone does not fit the attested country', async () => {
    const d = await device({ zone: 'America/New_York' });
    const status = await d.signIn(server.account('Priya Nair'));
    expect(status.state).toBe('location-check-needed');
    expect(status.reason).toMatch(/America\/New_York.*GB/);
    expect(await refusal(d.call('caseload.list', {}))).toMatch(/REFUSED/);
  });

  it('closes patient data when the attestation has expired or the clock went backwards', async () => {
    const d = await device();
    await d.signIn(server.account('Rhys Ellis'));
    expect((await d.call<{ state: string }>('location.status')).state).toBe('ok');
    clockShift.ms = 3 * 24 * HOUR;
    expect(await d.call('location.status')).toMatchObject({
      state: 'check-needed',
      reason: expect.stringMatching(/expired/),
    });
    clockShift.ms = -2 * HOUR;
    expect(await d.call('location.status')).toMatchObject({
      state: 'check-needed',
      reason: expect.stringMatching(/clock/),
    });
    // Back from three days ahead, the clock reads behind its own highest reading: seen from
    // the device that is a clock wound back, and only the service's own time clears it.
    clockShift.ms = 0;
    expect(await d.call('location.status')).toMatchObject({ state: 'check-needed', why: 'clock' });
    await d.syncNow();
    expect((await d.call<{ state: string }>('location.status')).state).toBe('ok');
  });

  it('opens again offline when a clock wound back is put right before the attestation ends', async () => {
    const d = await device();
    await d.signIn(server.account('Rhys Ellis'));
    clockShift.ms = 2 * HOUR;
    expect((await d.call<{ state: string }>('location.status')).state).toBe('ok');
    clockShift.ms = -1 * HOUR;
    expect(await d.call('location.status')).toMatchObject({ state: 'check-needed', why: 'clock' });
    clockShift.ms = 2 * HOUR; // put right, offline: nothing gained, nothing lost
    expect(await d.call('location.status')).toMatchObject({ state: 'ok', why: null });
  });
});
