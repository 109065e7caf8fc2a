/**
 * The reference server seeded with the `large` profile times a factor, in its own process
 * (so its CPU and memory stay out of the client's figures). Prints
 * `LISTENING <url> <json {counts, seedSeconds}>`; stops on SIGTERM.
 *
 *   node --import tsx scaled-server.ts <scale>
 */
import { openDatabase } from '../../../server/db/database';
import { migrate } from '../../../server/db/migrations';
import { startReferenceServer } from '../../../server/index';
import { seedDatabase } from '../../../server/seed/seed';

const scale = Number(process.argv[2] ?? 1);
const db = await openDatabase({ kind: 'pglite' });
await migrate(db);
const started = performance.now();
const report = await seedDatabase(db, { profile: 'large', seed: 7, scale });
const seedSeconds = (performance.now() - started) / 1000;
const server = await startReferenceServer({
  database: { kind: 'external', database: db },
  demoMode: true,
  logger: false,
  sweepIntervalMs: 0,
});
console.log(`LISTENING ${server.url} ${JSON.stringify({ counts: report.counts, seedSeconds })}`);
process.on(
  'SIGTERM',
  () =>
    void server
      .close()
      .then(() => db.close())
      .then(() => process.exit(0)),
);
