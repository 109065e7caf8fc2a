import { describe, expect, it } from 'vitest';
import { evaluateLocation, type LocationFacts } from '../../../../electron/core/app/location-rule';

/**
 * The offline approved-country rule at its edges, without a server: the integration suite
 * (test/electron/core/app/session.test.ts) covers the common paths end to end.
 */
const WINTER = Date.parse('2026-01-15T12:00:00Z');
const SUMMER = Date.parse('2026-07-15T12:00:00Z');
const MINUTE = 60_000;

const facts = (over: Partial<LocationFacts> = {}): LocationFacts => ({
  country: 'GB',
  attestationExpiresAt: new Date(WINTER + 60 * MINUTE).toISOString(),
  approvedCountries: ['GB', 'IE'],
  deviceZone: 'Europe/London',
  deviceNowMs: WINTER,
  lastServerTimeMs: WINTER,
  ...over,
});

describe('the offline location rule', () => {
  it('opens patient data with a valid attestation, an approved country and a fitting zone', () => {
    expect(evaluateLocation(facts())).toMatchObject({ state: 'ok', reason: null, country: 'GB' });
  });

  it('asks for a check when no attestation is held', () => {
    for (const missing of [{ country: null }, { attestationExpiresAt: null }]) {
      const status = evaluateLocation(facts(missing));
      expect(status.state).toBe('check-needed');
      expect(status.reason).toMatch(/not confirmed/);
    }
  });

  it('treats the attestation as expired at its expiry instant, not a moment later', () => {
    const expiresAt = WINTER + 60 * MINUTE;
    expect(evaluateLocation(facts({ deviceNowMs: expiresAt - 1 })).state).toBe('ok');
    expect(evaluateLocation(facts({ deviceNowMs: expiresAt })).reason).toMatch(/expired/);
  });

  it('tolerates a small clock drift behind the server, not a clock set backwards', () => {
    const server = WINTER;
    expect(
      evaluateLocation(facts({ lastServerTimeMs: server, deviceNowMs: server - 9 * MINUTE })).state,
    ).toBe('ok');
    const back = evaluateLocation(
      facts({ lastServerTimeMs: server, deviceNowMs: server - 11 * MINUTE }),
    );
    expect(back.state).toBe('check-needed');
    expect(back.reason).toMatch(/clock/);
    // No server time seen yet: nothing to compare with, the attestation expiry still rules.
    expect(evaluateLocation(facts({ lastServerTimeMs: null })).state).toBe('ok');
  });

  it('names a country that is attested but not approved, and says unsent work is safe', () => {
    const status = evaluateLocation(
      facts({ country: 'FR', deviceZone: 'Europe/Paris', approvedCountries: ['GB'] }),
    );
    expect(status.state).toBe('check-needed');
    expect(status.reason).toMatch(/FR is not an approved country/);
    expect(status.reason).toMatch(/safe/);
  });

  it('never silently accepts an approved country whose zones it does not know', () => {
    const status = evaluateLocation(
      facts({ country: 'NZ', approvedCountries: ['NZ'], deviceZone: 'Pacific/Auckland' }),
    );
    expect(status.state).toBe('check-needed');
    expect(status.reason).toMatch(/cannot be checked offline/);
  });

  it('refuses a zone that does not fit, including an unknown zone name', () => {
    for (const deviceZone of ['America/New_York', 'Not/AZone']) {
      const status = evaluateLocation(facts({ deviceZone }));
      expect(status.state).toBe('check-needed');
      expect(status.reason).toContain(deviceZone);
    }
  });

  it('accepts a zone with the same wall clock only while it is the same (UTC in a UK winter)', () => {
    expect(evaluateLocation(facts({ deviceZone: 'UTC' })).state).toBe('ok');
    const summer = facts({
      deviceZone: 'UTC',
      deviceNowMs: SUMMER,
      lastServerTimeMs: SUMMER,
      attestationExpiresAt: new Date(SUMMER + 60 * MINUTE).toISOString(),
    });
    expect(evaluateLocation(summer).state).toBe('check-needed');
  });
});

describe('zones of other countries', () => {
  it('never accepts another country’s zone for GB, even with the same offset', () => {
    const winter = Date.UTC(2026, 0, 15, 12);
    const summer = Date.UTC(2026, 6, 15, 12);
    for (const deviceNowMs of [winter, summer]) {
      const status = evaluateLocation({
        country: 'GB',
        attestationExpiresAt: new Date(deviceNowMs + 3_600_000).toISOString(),
        approvedCountries: ['GB'],
        deviceZone: 'Europe/Lisbon',
        deviceNowMs,
        lastServerTimeMs: deviceNowMs,
      });
      expect(status.state).toBe('check-needed');
    }
  });
});
