/**
 * The reference server seeded with the `large` profile (the largest realistic device of
 * docs/domain.md), in its own process so its CPU and memory stay out of the client's figures.
 * Prints `LISTENING <url> <counts json>`; on the IPC message 'change-1pct' it republishes
 * 1% of the busy therapist's patients (every row of them gets a new version) and answers
 * `{ changed: rows }`.
 */
import { openDatabase } from '../../../server/db/database';
import { migrate } from '../../../server/db/migrations';
import { startReferenceServer } from '../../../server/index';
import { seedDatabase } from '../../../server/seed/seed';
import { republishScope } from '../../../server/sync/feed';

const db = await openDatabase({ kind: 'pglite' });
await migrate(db);
const started = performance.now();
const report = await seedDatabase(db, { profile: 'large', seed: 7 });
const seedSeconds = (performance.now() - started) / 1000;
const server = await startReferenceServer({
  database: { kind: 'external', database: db },
  demoMode: true,
  logger: false,
  sweepIntervalMs: 0,
});
console.log(`LISTENING ${server.url} ${JSON.stringify({ counts: report.counts, seedSeconds })}`);

process.on('message', async (message: unknown) => {
  if (message !== 'change-1pct') return;
  const patients = await db.query<{ id: string }>(
    `SELECT p.id FROM patients p JOIN users u ON u.id = p.therapist_id WHERE u.display_name = 'Jordan Blake' ORDER BY p.id`,
  );
  const chosen = patients.slice(0, Math.max(1, Math.round(patients.length / 100))).map((p) => p.id);
  const [before] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM sync_feed WHERE patient_id = ANY($1::uuid[])`,
    [chosen],
  );
  await db.transaction((tx) => republishScope(tx, { patientIds: chosen, therapistIds: [] }));
  process.send?.({ changed: before?.n ?? 0, patients: chosen.length });
});
process.on(
  'SIGTERM',
  () =>
    void server
      .close()
      .then(() => db.close())
      .then(() => process.exit(0)),
);
