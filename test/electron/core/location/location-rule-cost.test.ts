import { describe, expect, it } from 'vitest';
import { evaluateLocation } from '../../../../electron/core/app/location-rule';
import { countIntlFormatters } from '../../../support/count-intl-formatters';

/**
 * The rule runs on every read of patient data and every sync call. A zone-less clock (UTC,
 * Etc/*) compares wall clocks through Intl; building those formatters on every evaluation
 * cost 1.6 s of the core's thread in one initial sync of the large profile (npm run bench).
 */
const formatters = countIntlFormatters();

describe('the location rule on a zone-less clock', () => {
  it('builds its wall-clock formatters once per zone, not once per evaluation', () => {
    const winter = Date.parse('2026-01-15T12:00:00Z');
    for (let i = 0; i < 500; i++) {
      const status = evaluateLocation({
        country: 'GB',
        attestationExpiresAt: new Date(winter + 3_600_000).toISOString(),
        approvedCountries: ['GB'],
        deviceZone: i % 2 === 0 ? 'UTC' : 'Etc/UTC',
        deviceNowMs: winter + i,
        lastServerTimeMs: winter,
      });
      expect(status.state).toBe('ok');
    }
    expect(formatters.count()).toBeLessThanOrEqual(3);
  });
});
