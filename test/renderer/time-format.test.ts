import { afterEach, describe, expect, it } from 'vitest';
import { useDeviceZone } from '../../renderer/src/ui/device-zone';
import { formatTime, timeForPeople } from '../../renderer/src/ui/format';
import { countIntlFormatters } from '../support/count-intl-formatters';

/**
 * Times on screen read this computer's zone from one place (renderer/src/ui/device-zone.ts):
 * once, and again when it may have changed — not once per time shown, which made a
 * supervisor's home of a few hundred times spend most of its first paint building Intl
 * formatters.
 */
const formatters = countIntlFormatters();
const originalTz = process.env['TZ'];

afterEach(() => {
  if (originalTz === undefined) delete process.env['TZ'];
  else process.env['TZ'] = originalTz;
  useDeviceZone.getState().refresh();
});

describe('times for people in the renderer', () => {
  it('formatting many times does not ask Intl for the device zone each time', () => {
    const at = Date.UTC(2026, 2, 3, 14, 2);
    timeForPeople(new Date(at).toISOString()); // warm luxon's own formatter cache
    formatters.reset();
    for (let i = 0; i < 300; i++) {
      timeForPeople(new Date(at + i * 60_000).toISOString());
      formatTime(new Date(at + i * 60_000).toISOString(), 'date');
    }
    expect(formatters.count()).toBeLessThan(10);
  });

  it('a zone change is seen once the zone is read again, and the times show both readings', () => {
    process.env['TZ'] = 'Europe/London';
    useDeviceZone.getState().refresh();
    const iso = new Date(Date.UTC(2026, 2, 3, 14, 2)).toISOString();
    expect(timeForPeople(iso)).toMatchObject({ uk: 'Tuesday 3 March 2026, 14:02', device: null });

    process.env['TZ'] = 'Europe/Madrid';
    useDeviceZone.getState().refresh();
    expect(useDeviceZone.getState().zone).toBe('Europe/Madrid');
    expect(timeForPeople(iso).device).toBe('15:02 Europe/Madrid');
    expect(formatTime(iso)).toBe('Tuesday 3 March 2026, 14:02 UK time (15:02 Europe/Madrid)');
  });
});
