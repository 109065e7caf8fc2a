import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrations';
import { seedDatabase } from '../../server/seed/seed';
import { pgliteDatabase } from './support/pglite-image';
import { type DemoDay, demoDays } from './support/demo-day';

/**
 * The demo tells the truth about a working day (issue 13, item 13): seeded at any moment, each
 * demo account's first screen holds a diligent clinician's day, computed by the client's own
 * rules — not a wall of deadlines missed months ago.
 */
const seededDays = async (now: Date, seed: number): Promise<Map<string, DemoDay>> => {
  const db = await openDatabase(await pgliteDatabase());
  try {
    await migrate(db);
    await seedDatabase(db, { profile: 'demo', seed, now });
    return await demoDays(db, now);
  } finally {
    await db.close();
  }
};

const summary = (days: Map<string, DemoDay>) =>
  Object.fromEntries(
    [...days].map(([name, d]) => [
      name,
      { overdue: d.overdue, dueToday: d.dueToday, byKind: d.overdueByKind },
    ]),
  );

const expectAWorkingDay = (days: Map<string, DemoDay>) => {
  const therapists = [...days].filter(([, d]) => d.role === 'pwp' || d.role === 'therapist');
  const supervisors = [...days].filter(([, d]) => d.role === 'supervisor');
  expect(therapists).toHaveLength(4);
  expect(supervisors).toHaveLength(2);
  for (const [name, day] of therapists) {
    const where = `${name}: ${JSON.stringify(summary(days))}`;
    expect(day.overdue, where).toBeGreaterThanOrEqual(1);
    expect(day.overdue, where).toBeLessThanOrEqual(3);
    expect(day.dueToday, where).toBeGreaterThanOrEqual(2);
    expect(day.dueToday, where).toBeLessThanOrEqual(10);
    expect(day.repliesAwaiting, where).toBeGreaterThanOrEqual(1);
    expect(day.repliesOverdue, where).toBeLessThanOrEqual(1);
    expect(day.sessionsToday, where).toBeGreaterThanOrEqual(1);
    expect(day.sessionsThisWeek, where).toBeGreaterThan(day.sessionsToday);
    // A handful of live items among many met ones: the backlog is not the day.
    expect(day.open, where).toBeLessThan(day.patients * 4);
  }
  for (const [name, day] of supervisors) {
    const where = `${name}: ${JSON.stringify({ ...day, deadlines: undefined })}`;
    expect(day.reviewsDueThisWeek, where).toBeGreaterThanOrEqual(2);
    expect(day.reviewsOverdue, where).toBeGreaterThanOrEqual(1);
    expect(day.reviewsOverdue, where).toBeLessThanOrEqual(2);
    // The supervisees' overdue items together stay few.
    const supervisees = therapists.length;
    expect(day.overdue, where).toBeLessThanOrEqual(3 * supervisees);
  }
};

describe('the demo seed is a working day', () => {
  it('for every demo account, at a weekday morning', async () => {
    expectAWorkingDay(await seededDays(new Date('2026-11-02T10:00:00Z'), 1));
  }, 120_000);

  it('for every demo account, on a summer evening with another seed', async () => {
    expectAWorkingDay(await seededDays(new Date('2026-06-18T19:40:00Z'), 7));
  }, 120_000);
});
