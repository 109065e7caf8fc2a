import { describe, expect, it } from 'vitest';
import { dataFreshness, defaultServiceConfig } from '../../../shared/clinical';

describe('dataFreshness', () => {
  const asOf = '2026-07-01T08:00:00.000Z'; // 09:00 BST
  const hoursLater = (h: number) => new Date(Date.parse(asOf) + h * 3_600_000).toISOString();
  const limit = defaultServiceConfig.cache.staleDataWarningHours;

  it('says when the data is from in UK time, and is not stale up to exactly the limit', () => {
    expect(limit).toBe(24);
    const fresh = dataFreshness(asOf, hoursLater(24), limit);
    expect(fresh).toMatchObject({ stale: false, warning: null });
    expect(fresh.sentence).toBe('Data as of Wednesday 1 July 2026, 09:00');
  });

  it('is stale one minute past the limit, and the warning says what may be missing', () => {
    const stale = dataFreshness(asOf, hoursLater(24 + 1 / 60), limit);
    expect(stale.stale).toBe(true);
    expect(stale.warning).toMatch(/more than 24 hours/);
    expect(stale.warning).toMatch(/including any risk, are not shown/);
  });

  it('is stale when nothing was ever downloaded', () => {
    expect(dataFreshness(null, hoursLater(0), limit)).toMatchObject({
      asOf: null,
      stale: true,
      sentence: 'Data not downloaded yet',
    });
  });

  it('follows the configured age, and puts the device reading beside UK time', () => {
    const result = dataFreshness(asOf, hoursLater(2), 1, { deviceZone: 'Europe/Madrid' });
    expect(result.stale).toBe(true);
    expect(result.warning).toMatch(/more than 1 hour\./);
    expect(result.sentence).toBe(
      'Data as of Wednesday 1 July 2026, 09:00 UK time (10:00 Europe/Madrid)',
    );
  });
});
