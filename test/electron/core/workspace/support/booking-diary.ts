import { ukTimeInputValue } from '../../../../../shared/clinical';

const DAY = 24 * 3_600_000;

/**
 * A diary far from the seeded one: 10:00 UTC on the day about `daysAhead` from now, and the UK
 * time a booking form takes `days` after it ("2027-…T10:00" in winter).
 */
export function farDiary(daysAhead: number): { base: number; ukAt: (days: number) => string } {
  const base = Math.ceil((Date.now() + daysAhead * DAY) / DAY) * DAY + 10 * 3_600_000;
  return { base, ukAt: (days) => ukTimeInputValue(new Date(base + days * DAY).toISOString()) };
}
