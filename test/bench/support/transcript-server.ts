/**
 * The reference server with the demo seed, in its own process, where one session of Priya
 * Nair's has 2,000 lines and another exactly 50 (the seed's sessions have 80–250), for
 * `npm run bench:transcripts`. Prints `LISTENING <url> <json of the two sessions>`.
 */
import { openDatabase } from '../../../server/db/database';
import { migrate } from '../../../server/db/migrations';
import { startReferenceServer } from '../../../server/index';
import { seedDatabase } from '../../../server/seed/seed';
import { arrangeTranscriptLength } from '../../support/long-transcript';

const db = await openDatabase({ kind: 'pglite' });
await migrate(db);
await seedDatabase(db, { profile: 'demo', seed: 11 });
const long = await arrangeTranscriptLength(db, {
  therapist: 'Priya Nair',
  nth: 0,
  utterances: 2_000,
});
const short = await arrangeTranscriptLength(db, {
  therapist: 'Priya Nair',
  nth: 1,
  utterances: 50,
});
const server = await startReferenceServer({
  database: { kind: 'external', database: db },
  demoMode: true,
  logger: false,
  sweepIntervalMs: 0,
});
console.log(`LISTENING ${server.url} ${JSON.stringify({ long, short })}`);
process.on(
  'SIGTERM',
  () =>
    void server
      .close()
      .then(() => db.close())
      .then(() => process.exit(0)),
);
