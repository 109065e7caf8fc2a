import { afterAll } from 'vitest';
import type { DatabaseOptions } from '../../../server';
import {
  type PostgresCluster,
  postgresAvailability,
  startPostgresCluster,
} from './postgresCluster';
import { pgliteDatabase, pgliteThread } from './pglite-image';

export interface Backend {
  name: 'pglite' | 'postgres';
  /** A fresh database for one server, with every migration applied (or about to be). */
  database(): Promise<DatabaseOptions>;
  /** A fresh database with nothing in it, for tests of the migrations themselves. */
  emptyDatabase(): Promise<DatabaseOptions>;
}

const availability = postgresAvailability();
if (!availability.available) {
  if (process.env.CI === 'true')
    throw new Error(`PostgreSQL is required on CI: ${availability.reason}`);
  console.warn(`[server tests] skipping the PostgreSQL backend: ${availability.reason}`);
}

let cluster: Promise<PostgresCluster> | null = null;

/** The in-memory PGlite backend alone. */
export const pgliteBackend: Backend = {
  name: 'pglite',
  database: pgliteDatabase,
  emptyDatabase: async () => ({ kind: 'pglite', ...pgliteThread() }),
};

/**
 * The backends every server suite runs against: in-memory PGlite, and a real PostgreSQL
 * cluster started for this test file (stopped in afterAll). Call at the top of a test file.
 */
export const useBackends = (): Backend[] => {
  const list: Backend[] = [pgliteBackend];
  if (availability.available) {
    afterAll(async () => {
      if (cluster) await (await cluster).stop();
      cluster = null;
    });
    const database = async (): Promise<DatabaseOptions> => {
      cluster ??= startPostgresCluster(availability);
      return {
        kind: 'postgres',
        url: await (await cluster).createDatabase(),
        maxConnections: 20,
      };
    };
    // A new PostgreSQL database is empty until the server migrates it: the same for both.
    list.push({ name: 'postgres', database, emptyDatabase: database });
  }
  return list;
};
