// Diagnostic (not a test): npx tsx test/server/support/demo-day-report.ts [ISO now] [seed]
import { openDatabase } from '../../../server/db/database';
import { migrate } from '../../../server/db/migrations';
import { seedDatabase } from '../../../server/seed/seed';
import { demoDays } from './demo-day';

const now = new Date(process.argv[2] ?? '2026-11-02T10:00:00Z');
const seed = Number(process.argv[3] ?? 1);
const db = await openDatabase({ kind: 'pglite' });
await migrate(db);
const report = await seedDatabase(db, { profile: 'demo', seed, now });
console.log(JSON.stringify(report.counts));
for (const [name, d] of await demoDays(db, now)) {
  const { deadlines: _d, ...rest } = d;
  console.log(name, JSON.stringify(rest));
}
await db.close();
