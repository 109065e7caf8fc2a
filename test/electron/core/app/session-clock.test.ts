import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocationStatus, SessionStatus } from '../../../../shared/ipc';
import type { TestServer } from '../../../server/support/harness';
import { startDevice, type TestDevice } from '../../../support/device';
import type { FaultProxy } from '../../../support/fault-proxy';
import { useReferenceServer } from '../../../support/reference-server';
import { refusal } from './support/session-fixtures';

// Each sign-in and passcode check costs an scrypt of 128 MiB (keys/key-slots.ts): on a busy
// two-core machine a test of several of them needs more than the default 30 s.
const SCRYPT_HEAVY_MS = 180_000;
/**
 * Winding the computer's clock back never keeps the location attestation (24 h) or the
 * offline lease (72 h) alive: offline time is counted on the time the device has lived
 * through, which only moves forward, across restarts too.
 */
const reference = useReferenceServer();
let server: TestServer;
let proxy: FaultProxy;
beforeAll(() => {
  server = reference.server();
  proxy = reference.proxy();
});
const HOUR = 3_600_000;
const devices: TestDevice[] = [];
afterAll(async () => {
  proxy.offline = false;
  for (const d of devices) await d.close().catch(() => undefined);
});
async function device(shift: { ms: number }, dataDir?: string) {
  const d = await startDevice({
    serverUrl: proxy.url,
    now: () => Date.now() + shift.ms,
    ...(dataDir ? { dataDir } : {}),
  });
  devices.push(d);
  return d;
}
const where = (d: TestDevice) => d.call<LocationStatus>('location.status');

describe('a clock wound back, offline', { timeout: SCRYPT_HEAVY_MS }, () => {
  it('does not keep the location attestation alive', async () => {
    const shift = { ms: 0 };
    const d = await device(shift);
    await d.signIn(server.account('Priya Nair'));
    proxy.offline = true;
    try {
      shift.ms = 20 * HOUR;
      expect((await where(d)).state).toBe('ok'); // 20 h lived: still valid
      shift.ms = 1 * HOUR; // wound back 19 h
      expect(await where(d)).toMatchObject({
        state: 'check-needed',
        reason: expect.stringMatching(/clock/),
      });
      shift.ms = 5 * HOUR; // 4 more hours lived: 24 h in all, however the clock reads
      const status = await d.call<SessionStatus>('session.status');
      expect(status.state).toBe('location-check-needed');
      expect(await refusal(d.call('caseload.list', {}))).toMatch(/REFUSED/);
    } finally {
      proxy.offline = false;
    }
  });

  it('does not keep the offline lease alive, even across a restart', async () => {
    const shift = { ms: 0 };
    const d = await device(shift);
    await d.signIn(server.account('Tom Reeve'), 'tom passcode');
    // Nothing in flight when the network goes: a late answer would carry the service's time
    // and set the wound clock right (the test failed now and then on a busy machine).
    await d.synced();
    await d.call('session.lock');
    proxy.offline = true;
    try {
      shift.ms = 70 * HOUR;
      await d.call('session.status'); // the app is running: 70 h lived
      await d.close({ keepData: true });
      shift.ms = 1 * HOUR; // wound back while the app was closed
      const again = await device(shift, d.dataDir);
      shift.ms = 3 * HOUR; // 2 h more: 72 h lived, the 72-hour lease is over
      expect(await refusal(again.call('session.unlock', { passcode: 'tom passcode' }))).toMatch(
        /offline period has ended/,
      );
    } finally {
      proxy.offline = false;
    }
  });

  it('is forgiven once the service is reached again', async () => {
    const shift = { ms: 0 };
    const d = await device(shift);
    await d.signIn(server.account('Rhys Ellis'));
    await d.synced();
    shift.ms = 3 * HOUR;
    await d.call('location.status');
    shift.ms = 0; // the clock was wrong, and is put right
    expect((await where(d)).state).toBe('check-needed');
    await d.syncNow(); // the service's time: lived time is the device clock again
    expect((await where(d)).state).toBe('ok');
  });
});
