import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrations';
import { seedDatabase } from '../../server/seed/seed';
import { pgliteDatabase } from './support/pglite-image';
import { transcriptVariety } from './support/transcript-variety';

/**
 * Issue 13, item 13: the demo's transcripts read like different sessions with different
 * people. Measured on two seeds at two instants, for each demo account (what they read) and
 * across the demo:
 * - at least 60% of the lines are found nowhere else (the demo before: 5%);
 * - no line of five words or more is in more than 8% of the sessions, so a supervisor reading
 *   a week's ten meets any one sentence about once at most (before: 93%, the same agenda
 *   question in nearly every session); short replies ("Yes, exactly.") may recur, as people
 *   type them, but stay under a tenth of the lines;
 * - two sessions of one patient share a fifth more of their words (their situations, people,
 *   thoughts) than two patients' with the same problem (before: the same, 1.00).
 */
const varietyOf = async (seed: number, now: Date) => {
  const db = await openDatabase(await pgliteDatabase());
  try {
    await migrate(db);
    await seedDatabase(db, { profile: 'demo', seed, now });
    return await transcriptVariety(db);
  } finally {
    await db.close();
  }
};

describe('the demo’s transcripts', () => {
  for (const [seed, iso] of [
    [1, '2026-11-02T10:00:00Z'],
    [7, '2026-06-17T13:00:00Z'],
  ] as const)
    it(`are different sessions with different people (seed ${seed})`, async () => {
      const v = await varietyOf(seed, new Date(iso));
      const where = JSON.stringify({ ...v, accounts: undefined }, null, 1);
      expect(v.transcripts, where).toBeGreaterThan(150);
      expect(v.distinctShare, where).toBeGreaterThanOrEqual(0.6);
      expect(v.accounts).toHaveLength(6);
      for (const account of v.accounts)
        expect(account.distinctShare, `${account.name}: ${where}`).toBeGreaterThanOrEqual(0.6);
      expect(v.mostRecurring[0]?.share ?? 0, where).toBeLessThanOrEqual(0.08);
      expect(v.shortLineShare, where).toBeLessThanOrEqual(0.1);
      expect(v.samePatientOverlap, where).toBeGreaterThanOrEqual(1.2 * v.otherPatientOverlap);
      // About as long as before (57.6 characters a line): at most a fifth longer.
      expect(v.meanLineLength, where).toBeGreaterThanOrEqual(45);
      expect(v.meanLineLength, where).toBeLessThanOrEqual(70);
    }, 300_000);
});
