import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrations';
import { seedDatabase } from '../../server/seed/seed';
import { pgliteDatabase } from './support/pglite-image';
import { type DemoDay, demoDays } from './support/demo-day';
import { seedCalendar } from './support/seed-calendar';

/**
 * The demo tells the truth about a working day (issue 13, item 13): seeded at any moment, each
 * demo account's first screen holds a diligent clinician's day, computed by the client's own
 * rules — not a wall of deadlines missed months ago.
 */
const seededDays = async (now: Date, seed: number) => {
  const db = await openDatabase(await pgliteDatabase());
  try {
    await migrate(db);
    await seedDatabase(db, { profile: 'demo', seed, now });
    return { days: await demoDays(db, now), calendar: await seedCalendar(db) };
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
    // Sessions on the working day ahead (today while the diary is open, else the next
    // weekday: not Sunday 03:00), and more later in the week.
    expect(day.sessionsNextWorkingDay, where).toBeGreaterThanOrEqual(1);
    expect(day.sessionsThisWeek, where).toBeGreaterThan(day.sessionsNextWorkingDay);
    // A handful of live items among many met ones: the backlog is not the day.
    expect(day.open, where).toBeLessThan(day.patients * 4);
  }
  for (const [name, day] of supervisors) {
    const where = `${name}: ${JSON.stringify({ ...day, deadlines: undefined })}`;
    expect(day.reviewsDueThisWeek, where).toBeGreaterThanOrEqual(2);
    expect(day.reviewsOverdue, where).toBeGreaterThanOrEqual(1);
    expect(day.reviewsOverdue, where).toBeLessThanOrEqual(2);
    expect(day.transcriptsThisWeek, where).toBeGreaterThanOrEqual(3);
    // The supervisees' overdue items together stay few.
    const supervisees = therapists.length;
    expect(day.overdue, where).toBeLessThanOrEqual(3 * supervisees);
  }
};

/**
 * The service works Monday–Friday 09:00–17:30 UK time (the seeded configuration's office
 * hours): every session, the therapists' messages, notes and tickets fall inside them, on any
 * day the seed runs; patients write at any hour, mostly by day and in the evening.
 */
const expectOfficeHours = (calendar: Awaited<ReturnType<typeof seedCalendar>>) => {
  expect(calendar.outsideHours.slice(0, 10), `${calendar.outsideHours.length} outside`).toEqual([]);
  expect(calendar.inbound).toBeGreaterThan(50);
  expect(calendar.inboundAtNight / calendar.inbound).toBeLessThan(0.15);
};

/** Each line of a transcript mostly new, and transcripts not made of the same few lines. */
const expectVariedTranscripts = (calendar: Awaited<ReturnType<typeof seedCalendar>>) => {
  expect(calendar.transcriptDistinctMin).toBeGreaterThanOrEqual(0.85);
  // Across every transcript too (test/server/seed-transcripts.test.ts measures more).
  expect(calendar.distinctOverall).toBeGreaterThanOrEqual(0.6);
};

// Instants UK time: around the working week and both clock changes.
const INSTANTS = [
  ['a Monday 08:00 (GMT), before the office opens', '2026-11-02T08:00:00Z', 1],
  ['a Tuesday 09:00 (the weekend two days back)', '2026-12-01T09:00:00Z', 3],
  ['a summer Wednesday 14:00 (BST)', '2026-06-17T13:00:00Z', 7],
  ['a Friday 18:30, the evening before the clocks go back', '2026-10-23T17:30:00Z', 11],
  ['a Sunday 03:00, the night the clocks go forward', '2026-03-29T02:00:00Z', 1],
] as const;

describe('the demo seed is a working day', () => {
  for (const [when, iso, seed] of INSTANTS)
    it(`for every demo account, seeded on ${when}`, async () => {
      const { days, calendar } = await seededDays(new Date(iso), seed);
      expectAWorkingDay(days);
      expectOfficeHours(calendar);
      expectVariedTranscripts(calendar);
    }, 300_000); // a demo seed and six accounts' days: slow on a shared two-core machine
});
