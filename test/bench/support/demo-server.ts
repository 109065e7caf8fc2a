/**
 * The reference server with the demo seed, in its own process (so its CPU is not the
 * load generator's). LOAD_BACKEND=postgres runs it on a throwaway PostgreSQL cluster (as
 * in production), otherwise on embedded PGlite. Prints `LISTENING <url>`.
 *
 * LOAD_PG_STATEMENTS=1 (PostgreSQL only): the cluster preloads `pg_stat_statements`, and the
 * process answers the load generator's `mark` and `report` messages (see `pg-statements.ts`):
 * what PostgreSQL executed between the two, statement by statement, and the CPU time this
 * process and the cluster's processes used meanwhile.
 */
import { startReferenceServer } from '../../../server/index';
import { postgresAvailability, startPostgresCluster } from '../../server/support/postgresCluster';
import { PG_STATEMENTS_SETTINGS, answerStatementReports } from './pg-statements';

const postgres = process.env.LOAD_BACKEND === 'postgres';
const statements = postgres && process.env.LOAD_PG_STATEMENTS === '1';
const availability = postgresAvailability();
if (postgres && !availability.available)
  throw new Error(`PostgreSQL is not available: ${availability.reason}`);
if (statements && availability.available && availability.mode !== 'local')
  throw new Error('LOAD_PG_STATEMENTS needs the throwaway local cluster (unset TEST_DATABASE_URL)');
const cluster =
  postgres && availability.available
    ? await startPostgresCluster(availability, statements ? PG_STATEMENTS_SETTINGS : {})
    : null;
const databaseUrl = cluster ? await cluster.createDatabase() : null;
const server = await startReferenceServer({
  database: databaseUrl
    ? { kind: 'postgres', url: databaseUrl, maxConnections: 20 }
    : { kind: 'pglite' },
  seed: { profile: 'demo', seed: 11 },
  demoMode: true,
  logger: false,
  sweepIntervalMs: 0,
});
const reports = statements && databaseUrl ? await answerStatementReports(databaseUrl) : null;
console.log(`LISTENING ${server.url}`);
process.on('SIGTERM', () => {
  void (reports?.close() ?? Promise.resolve())
    .then(() => server.close())
    .then(() => cluster?.stop())
    .then(() => process.exit(0));
});
