import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveCountry, withdrawCountry } from '../../../../server/admin/operations';
import type { LocationStatus, SessionStatus } from '../../../../shared/ipc';
import type { TestServer } from '../../../server/support/harness';
import { startDevice, type TestDevice } from '../../../support/device';
import type { FaultProxy } from '../../../support/fault-proxy';
import { useReferenceServer } from '../../../support/reference-server';

/**
 * "Check again now" on the location screen, against the real server: it reaches the service,
 * takes what the service says (a fresh attestation and its time, or a refusal naming the
 * country), and tells the screen at once, so patient data opens the moment the rule passes.
 */
const SCRYPT_HEAVY_MS = 180_000;
const HOUR = 3_600_000;
const reference = useReferenceServer();
let server: TestServer;
let proxy: FaultProxy;
beforeAll(() => {
  server = reference.server();
  proxy = reference.proxy();
});
const devices: TestDevice[] = [];
afterAll(async () => {
  proxy.offline = false;
  for (const d of devices) await d.close().catch(() => undefined);
});

async function device(
  shift: { ms: number },
  options: { localAddress?: string; zone?: string } = {},
) {
  const d = await startDevice({
    serverUrl: proxy.url,
    now: () => Date.now() + shift.ms,
    ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    ...(options.zone ? { deviceZone: options.zone } : {}),
  });
  devices.push(d);
  return d;
}

/** The session states the screen is told about (session.changed), in order. */
function published(d: TestDevice): SessionStatus['state'][] {
  const seen: SessionStatus['state'][] = [];
  d.core.onEvent((channel, payload) => {
    if (channel === 'session.changed') seen.push((payload as SessionStatus).state);
  });
  return seen;
}

const until = async (what: () => boolean, ms = 5_000): Promise<boolean> => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (what()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return what();
};

interface CheckAgain {
  location: LocationStatus;
  serviceReached: boolean;
  checkedAt: string;
  message: string | null;
}

describe('check again now', { timeout: SCRYPT_HEAVY_MS }, () => {
  it('opens patient data, and tells the screen, when the service corrects a wound-back clock', async () => {
    const shift = { ms: 0 };
    const d = await device(shift);
    await d.signIn(server.account('Priya Nair'));
    await d.synced();
    shift.ms = -2 * HOUR; // the clock wound back: closed for the clock
    expect(await d.call('location.status')).toMatchObject({ why: 'clock' });
    const seen = published(d);
    const result = await d.call<CheckAgain>('location.checkAgain');
    expect(result).toMatchObject({ serviceReached: true, location: { state: 'ok', why: null } });
    expect(await until(() => seen.includes('unlocked'))).toBe(true);
    expect((await d.call<SessionStatus>('session.status')).state).toBe('unlocked');
  });

  it('says the service could not be reached when offline, and keeps the reason', async () => {
    const shift = { ms: 0 };
    const d = await device(shift);
    await d.signIn(server.account('Tom Reeve'));
    await d.synced();
    proxy.offline = true;
    try {
      shift.ms = 25 * HOUR; // the attestation (24 h) has run out offline
      const result = await d.call<CheckAgain>('location.checkAgain');
      expect(result.serviceReached).toBe(false);
      expect(result.message).toMatch(/could not reach the service/i);
      expect(result.location).toMatchObject({ state: 'check-needed', why: 'expired' });
    } finally {
      proxy.offline = false;
    }
    const back = await d.call<CheckAgain>('location.checkAgain');
    expect(back).toMatchObject({ serviceReached: true, location: { state: 'ok' } });
  });

  it('names a refused country, and opens once the service approves it again', async () => {
    // 127.0.3.0/24 is Spain in the development GeoIP table; Spain is approved in the seed.
    const shift = { ms: 0 };
    const d = await device(shift, { localAddress: '127.0.3.7', zone: 'Europe/Madrid' });
    await d.signIn(server.account('Rhys Ellis'));
    await d.synced();
    await withdrawCountry(server.db, 'ES');
    try {
      const refused = await d.call<CheckAgain>('location.checkAgain');
      expect(refused).toMatchObject({
        serviceReached: true,
        location: { state: 'check-needed', why: 'not-approved', country: 'ES' },
      });
      expect(refused.location.reason).toMatch(/ES/);
      // The cached list still had Spain; the service's refusal is newer and wins.
      expect(refused.location.approvedCountries).not.toContain('ES');
      expect((await d.call<SessionStatus>('session.status')).state).toBe('location-check-needed');
    } finally {
      await approveCountry(server.db, 'ES');
    }
    const seen = published(d);
    const opened = await d.call<CheckAgain>('location.checkAgain');
    expect(opened).toMatchObject({
      serviceReached: true,
      location: { state: 'ok', country: 'ES' },
    });
    expect(await until(() => seen.includes('unlocked'))).toBe(true);
  });

  it('a sync round whose answer corrects the clock tells the screen the data opened', async () => {
    // What "Check again now" did before: sync.now. The service corrects the clock and sends a
    // fresh attestation; the screen must hear that patient data is open.
    const shift = { ms: 0 };
    const d = await device(shift);
    await d.signIn(server.account('Priya Nair'));
    await d.synced();
    shift.ms = -2 * HOUR;
    const seen = published(d);
    // The screen has been told patient data closed (it read the status, as it does).
    expect(await d.call('location.status')).toMatchObject({ why: 'clock' });
    expect(await until(() => seen.includes('location-check-needed'))).toBe(true);
    await d.call('sync.now');
    await d.synced();
    expect(await until(() => seen.includes('unlocked'))).toBe(true);
  });
});
