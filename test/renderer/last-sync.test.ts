import { describe, expect, it } from 'vitest';
import { lastSyncStyle } from '../../renderer/src/features/sync/last-sync';

/**
 * The status bar's "Last synced": the clock alone only on the same UK day; a sync from an
 * earlier day (a laptop offline since yesterday) names the day, or "14:02" would read as today.
 */
describe('lastSyncStyle', () => {
  const now = Date.parse('2026-03-03T14:30:00Z'); // Tuesday 3 March, 14:30 UK time
  it('is the clock for a sync earlier the same UK day', () => {
    expect(lastSyncStyle('2026-03-03T00:05:00Z', now)).toBe('clock');
  });
  it('names the day for a sync on an earlier UK day', () => {
    expect(lastSyncStyle('2026-03-02T23:59:00Z', now)).toBe('datetime');
  });
  it('reads the day in UK time, not UTC (summer: 23:30 UTC is already tomorrow in London)', () => {
    const summerNow = Date.parse('2026-07-01T08:00:00Z'); // Wednesday 1 July, 09:00 BST
    expect(lastSyncStyle('2026-06-30T23:30:00Z', summerNow)).toBe('clock');
    expect(lastSyncStyle('2026-06-30T22:30:00Z', summerNow)).toBe('datetime');
  });
});
