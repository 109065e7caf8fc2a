/**
 * The reference server with the demo seed, in its own process (so its CPU is not the
 * load generator's). LOAD_BACKEND=postgres runs it on a throwaway PostgreSQL cluster (as
 * in production), otherwise on embedded PGlite. Prints `LISTENING <url>`.
 */
import { startReferenceServer } from '../../../server/index';
import { postgresAvailability, startPostgresCluster } from '../../server/support/postgresCluster';

const postgres = process.env.LOAD_BACKEND === 'postgres';
const availability = postgresAvailability();
if (postgres && !availability.available)
  throw new Error(`PostgreSQL is not available: ${availability.reason}`);
const cluster =
  postgres && availability.available ? await startPostgresCluster(availability) : null;
const server = await startReferenceServer({
  database: cluster
    ? { kind: 'postgres', url: await cluster.createDatabase(), maxConnections: 20 }
    : { kind: 'pglite' },
  seed: { profile: 'demo', seed: 11 },
  demoMode: true,
  logger: false,
  sweepIntervalMs: 0,
});
console.log(`LISTENING ${server.url}`);
process.on('SIGTERM', () => {
  void server
    .close()
    .then(() => cluster?.stop())
    .then(() => process.exit(0));
});
