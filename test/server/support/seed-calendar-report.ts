// Diagnostic (not a test): npx tsx test/server/support/seed-calendar-report.ts [ISO now] [seed]
import { openDatabase } from '../../../server/db/database';
import { migrate } from '../../../server/db/migrations';
import { seedDatabase } from '../../../server/seed/seed';
import { seedCalendar } from './seed-calendar';

const now = new Date(process.argv[2] ?? '2026-11-02T10:00:00Z');
const seed = Number(process.argv[3] ?? 1);
const db = await openDatabase({ kind: 'pglite' });
await migrate(db);
const report = await seedDatabase(db, { profile: 'demo', seed, now });
console.log(`seeded in ${report.milliseconds} ms`, JSON.stringify(report.counts));
const { outsideHours, ...rest } = await seedCalendar(db);
console.log(JSON.stringify(rest, null, 1));
for (const line of outsideHours.slice(0, 20)) console.log('outside office hours:', line);
await db.close();
