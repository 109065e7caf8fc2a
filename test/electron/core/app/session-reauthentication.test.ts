import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeDevice } from '../../../../server/admin/operations';
import type { SessionStatus } from '../../../../shared/ipc';
import type { TestServer } from '../../../server/support/harness';
import { startDevice, type TestDevice } from '../../../support/device';
import type { FaultProxy } from '../../../support/fault-proxy';
import { useReferenceServer } from '../../../support/reference-server';
import {
  filesIn,
  laterTotp,
  onServer,
  refusal,
  statusOf,
  unsentReply,
} from './support/session-fixtures';

// Each sign-in and passcode check costs an scrypt of 128 MiB (keys/key-slots.ts): on a busy
// two-core machine a test of several of them needs more than the default 30 s.
const SCRYPT_HEAVY_MS = 180_000;
/**
 * When the sign-in can no longer be renewed (a refresh token used twice, lost on the way,
 * expired after 30 days offline), the device asks for an online sign-in by the same person
 * and keeps every unsent change. Only an explicit revocation erases it. Against the real
 * reference server with its refresh grace turned off (a retried token is "reused" at once)
 * and, for a server that gives a grace, the fault proxy's replay of the lost answer.
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
const MINUTE = 60_000;
const devices: TestDevice[] = [];
afterAll(async () => {
  for (const d of devices) await d.close().catch(() => undefined);
});
/** A device whose clock the test moves (forward only: backward is the clock-rollback rule). */
async function device(dataDir?: string) {
  const shift = { ms: 0 };
  const d = await startDevice({
    serverUrl: proxy.url,
    now: () => Date.now() + shift.ms,
    ...(dataDir ? { dataDir } : {}),
  });
  devices.push(d);
  return Object.assign(d, { shift });
}
const refreshTokenOf = (d: TestDevice) =>
  (d.store()?.settings.get('session') as { tokens: { refreshToken: string } }).tokens.refreshToken;

/** Past the 10-minute access token, so the next call must refresh. */
const expireAccessToken = (d: { shift: { ms: number } }) => void (d.shift.ms += 11 * MINUTE);

describe('a sign-in that can no longer be renewed', { timeout: SCRYPT_HEAVY_MS }, () => {
  it('a refresh token used twice: asks to sign in again, erases nothing, and the same person gets it all back', async () => {
    const d = await device();
    const tom = server.account('Tom Reeve');
    await d.signIn(tom);
    await d.synced();
    const stolen = refreshTokenOf(d);
    expireAccessToken(d);
    await d.syncNow(); // rotates: `stolen` is now a used token
    expect((await server.post('/auth/refresh', { refreshToken: stolen })).status).toBe(401);
    const before = filesIn(d.dataDir);

    expireAccessToken(d);
    // Written, then pushed: the refresh before the push finds the family revoked by the
    // replay (REFRESH_TOKEN_REUSED).
    const { body } = await unsentReply(d);
    await d.syncNow();
    const status = await statusOf(d);
    expect(status).toMatchObject({
      state: 'sign-in-needed',
      signInNeeded: { why: 'session-ended', newPasscodeRequired: false },
      unsentChanges: 1,
      user: { displayName: 'Tom Reeve' },
    });
    expect(status.reason).toMatch(/ended the sign-in.*sign in again online/i);
    expect(filesIn(d.dataDir)).toEqual(before);
    expect(await refusal(d.call('caseload.list', {}))).toMatch(/REFUSED/);

    const back = await d.call<SessionStatus>('session.reauthenticate', {
      email: tom.email,
      password: tom.password,
      totp: await laterTotp(tom),
    });
    expect(back).toMatchObject({ state: 'unlocked', signInNeeded: null });
    await d.syncNow();
    expect(await onServer(server, body)).toBe(1);
    expect((await statusOf(d)).unsentChanges).toBe(0);
  });

  it('a lost refresh answer, from a server without a grace period: asks to sign in again, keeps everything', async () => {
    const d = await device();
    await d.signIn(server.account('Rhys Ellis'));
    await d.synced();
    const before = refreshTokenOf(d);
    proxy.loseNextResponse('/auth/refresh');
    expireAccessToken(d);
    // The server rotates, the answer never arrives (a network failure); the retry presents
    // the old token again: REFRESH_TOKEN_REUSED.
    const { body } = await unsentReply(d);
    await d.syncNow();
    await d.syncNow();
    expect(refreshTokenOf(d)).toBe(before);
    expect(await statusOf(d)).toMatchObject({ state: 'sign-in-needed', unsentChanges: 1 });
    expect(filesIn(d.dataDir)).toContain('store.db');
    expect(await onServer(server, body)).toBe(0);
  });

  it('a lost refresh answer, from a server with a grace period: carries on with the pair it gets', async () => {
    const d = await device();
    await d.signIn(server.account('Priya Nair'));
    await d.synced();
    const before = refreshTokenOf(d);
    proxy.loseNextResponse('/auth/refresh', { deliverToRetry: true });
    expireAccessToken(d);
    const { body } = await unsentReply(d);
    await d.syncNow();
    await d.syncNow(); // the retry gets the answer that was lost
    expect(await statusOf(d)).toMatchObject({ state: 'unlocked', unsentChanges: 0 });
    expect(refreshTokenOf(d)).not.toBe(before);
    expect(await onServer(server, body)).toBe(1);
    expect((await d.call<{ lastError: string | null }>('sync.status')).lastError).toBeNull();
  });

  it('30 days offline (the refresh token expired): asks to sign in again, also after a restart', async () => {
    const d = await device();
    const amelia = server.account('Amelia Hart');
    await d.signIn(amelia, 'amelia passcode');
    await d.synced();
    await server.db.query(
      `UPDATE refresh_tokens SET expires_at = now() - interval '1 minute' WHERE device_id = $1`,
      [d.deviceId()],
    );
    expireAccessToken(d);
    const { body } = await unsentReply(d);
    await d.syncNow();
    expect(await statusOf(d)).toMatchObject({ state: 'sign-in-needed', unsentChanges: 1 });
    await d.close({ keepData: true });

    // Without an OS keychain the passcode opens the store first; the sign-in is still owed.
    const again = await device(d.dataDir);
    expect(await statusOf(again)).toMatchObject({
      state: 'locked',
      user: { displayName: 'Amelia Hart' },
    });
    expect(
      (await again.call<SessionStatus>('session.unlock', { passcode: 'amelia passcode' })).state,
    ).toBe('sign-in-needed');
    expect(await refusal(again.call('caseload.list', {}))).toMatch(/REFUSED/);
    await again.call('session.reauthenticate', {
      email: amelia.email,
      password: amelia.password,
      totp: await laterTotp(amelia),
    });
    await again.syncNow();
    expect(await onServer(server, body)).toBe(1);
  });

  it('anyone else gets the explicit choice to erase the unsent work, and nothing is erased without it', async () => {
    const d = await device();
    const rhys = server.account('Rhys Ellis');
    await d.signIn(rhys);
    await d.synced();
    await server.db.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE device_id = $1`, [
      d.deviceId(),
    ]);
    expireAccessToken(d);
    await unsentReply(d);
    await d.syncNow(); // REFRESH_TOKEN_INVALID
    expect((await statusOf(d)).state).toBe('sign-in-needed');

    const priya = server.account('Priya Nair');
    const otherPerson = { email: priya.email, password: priya.password };
    expect(
      await refusal(
        d.call('session.reauthenticate', { ...otherPerson, totp: await laterTotp(priya) }),
      ),
    ).toMatch(/holds the data of Rhys Ellis \(1 unsent change\).*erase/);
    expect(
      await refusal(
        d.call('session.signIn', {
          ...otherPerson,
          totp: await laterTotp(priya),
          passcode: 'priya passcode',
        }),
      ),
    ).toMatch(/holds the data of Rhys Ellis/);
    expect(await refusal(d.call('session.signOut', {}))).toMatch(/1 change has not reached/);
    expect(filesIn(d.dataDir)).toContain('store.db');

    const erased = await d.call<SessionStatus>('session.signOut', { discardUnsentChanges: 1 });
    expect(erased.state).toBe('signed-out');
    expect(filesIn(d.dataDir)).toEqual([]);
    expect((await d.signIn(priya, 'priya passcode')).user?.displayName).toBe('Priya Nair');
  });

  it('a revoked device is the one answer that erases it', async () => {
    const d = await device();
    await d.signIn(server.account('Tom Reeve'));
    await d.synced();
    await revokeDevice(server.db, d.deviceId());
    expireAccessToken(d);
    // The refresh answers DEVICE_REVOKED. A round already running when the token was expired
    // carries the old token and refreshes nothing, so ask again until a round has refreshed.
    await expect
      .poll(
        async () => {
          await d.syncNow().catch(() => undefined);
          return (await statusOf(d)).state;
        },
        { timeout: 20_000 },
      )
      .toBe('signed-out');
    const status = await statusOf(d);
    expect(status.reason).toMatch(/removed from your account/);
    expect(filesIn(d.dataDir)).toEqual([]);
  });
});

describe('token renewal', { timeout: SCRYPT_HEAVY_MS }, () => {
  it('renews once for calls that find the token expired together, and keeps the new pair before using it', async () => {
    const d = await device();
    await d.signIn(server.account('Amelia Hart'));
    await d.synced();
    const refreshes = proxy.count('/auth/refresh');
    expireAccessToken(d);
    const engine = d.core.syncEngine();
    await Promise.all([engine?.syncNow(), d.call('session.status'), engine?.syncNow()]);
    await d.synced();
    expect(proxy.count('/auth/refresh')).toBe(refreshes + 1);
    const kept = refreshTokenOf(d);
    await d.close({ keepData: true });
    const again = await device(d.dataDir);
    await again.call('session.unlock', { passcode: 'correct horse battery' });
    expect(refreshTokenOf(again)).toBe(kept);
  });
});
