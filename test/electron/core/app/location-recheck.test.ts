import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocationStatus } from '../../../../shared/ipc';
import type { TestServer } from '../../../server/support/harness';
import { startDevice, type TestDevice } from '../../../support/device';
import { useReferenceServer } from '../../../support/reference-server';
import { sleptBetween } from '../../../../electron/core/app/sleep-watch';
import { refusal } from './support/session-fixtures';

/**
 * Issue 14 item 5: the location rule is decided again when the computer's time zone changes
 * (no platform event says so: the core reads the zone every minute), with nobody asking: a
 * zone that no longer fits closes patient data and tells the screen; the zone put back
 * opens it again.
 */
const SCRYPT_HEAVY_MS = 180_000;
const reference = useReferenceServer();
let server: TestServer;
beforeAll(() => {
  server = reference.server();
});
const devices: TestDevice[] = [];
afterAll(async () => {
  for (const d of devices) await d.close().catch(() => undefined);
});

const until = async (what: () => boolean, ms = 5_000): Promise<boolean> => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (what()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return what();
};

describe('a change of time zone', { timeout: SCRYPT_HEAVY_MS }, () => {
  it('closes patient data at the next zone poll when the new zone does not fit, and opens it when it is put back', async () => {
    const zone = { now: 'Europe/London' };
    const d = await startDevice({
      serverUrl: server.url,
      deviceZone: () => zone.now,
      zonePollMs: 100,
    });
    devices.push(d);
    await d.signIn(server.account('Priya Nair'));
    await d.synced();
    const { entries } = await d.call<{ entries: { patientId: string }[] }>('caseload.list', {});
    const patientId = entries[0]?.patientId ?? '';
    expect(await d.call('patients.get', { patientId })).toBeTruthy();

    const told: LocationStatus[] = [];
    d.core.onEvent((channel, payload) => {
      if (channel === 'location.changed') told.push(payload as LocationStatus);
    });
    zone.now = 'America/New_York';
    // Nobody asks: the poll notices, decides again and tells the screen.
    expect(await until(() => told.some((s) => s.why === 'zone'))).toBe(true);
    expect(told.at(-1)).toMatchObject({
      state: 'check-needed',
      why: 'zone',
      deviceZone: 'America/New_York',
    });
    expect(await refusal(d.call('patients.get', { patientId }))).toMatch(/REFUSED/);

    zone.now = 'Europe/London';
    expect(await until(() => told.at(-1)?.state === 'ok')).toBe(true);
    expect(await d.call('patients.get', { patientId })).toBeTruthy();

    // Each decision is an audit event the service keeps, beside the country it observed.
    await d.syncNow();
    await d.synced();
    const decisions = await server.db.query<{
      country: string | null;
      observed_country: string | null;
      location: {
        decision: string;
        why: string | null;
        zone: string;
        attestationAgeSeconds: number | null;
      };
    }>(
      `SELECT country, observed_country, location FROM audit_events
        WHERE device_id = $1 AND action = 'location_decision' ORDER BY occurred_at, received_at`,
      [d.deviceId()],
    );
    expect(decisions.map((e) => [e.location.decision, e.location.why, e.location.zone])).toEqual([
      ['allowed', null, 'Europe/London'],
      ['locked', 'zone', 'America/New_York'],
      ['allowed', null, 'Europe/London'],
    ]);
    expect(decisions[1]).toMatchObject({ country: 'GB', observed_country: 'GB' });
    expect(decisions[1]?.location.attestationAgeSeconds).toBeGreaterThanOrEqual(0);
  });
});

describe('unlocking', { timeout: SCRYPT_HEAVY_MS }, () => {
  it('asks the service again by itself: a clock put right by its answer opens patient data without "Check again"', async () => {
    const shift = { ms: 0 };
    const d = await startDevice({ serverUrl: server.url, now: () => Date.now() + shift.ms });
    devices.push(d);
    await d.signIn(server.account('Rhys Ellis'), 'unlock passcode');
    await d.synced();
    await d.call('session.lock');
    shift.ms = -2 * 3_600_000; // wound back while locked: closed for the clock
    expect(await d.call('location.status')).toMatchObject({ why: 'clock' });
    const told: LocationStatus[] = [];
    d.core.onEvent((channel, payload) => {
      if (channel === 'location.changed') told.push(payload as LocationStatus);
    });
    await d.call('session.unlock', { passcode: 'unlock passcode' });
    expect(await until(() => told.at(-1)?.state === 'ok', 15_000)).toBe(true);
    expect(await d.call('location.status')).toMatchObject({ state: 'ok', why: null });
  });
});

describe('waking from sleep', () => {
  it('is the wall clock moving on well past the time the process lived', () => {
    const before = { wallMs: 1_000_000, monoMs: 5_000 };
    // a normal minute's tick, a little late
    expect(sleptBetween(before, { wallMs: 1_061_000, monoMs: 65_500 })).toBe(false);
    // an hour asleep: the monotonic clock stood still
    expect(sleptBetween(before, { wallMs: 1_000_000 + 3_660_000, monoMs: 65_000 })).toBe(true);
    // the wall clock wound back is no sleep (the clock rule deals with it)
    expect(sleptBetween(before, { wallMs: 900_000, monoMs: 65_000 })).toBe(false);
  });
});
