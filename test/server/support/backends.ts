import { afterAll } from 'vitest';
import type { DatabaseOptions } from '../../../server';
import {
  type PostgresCluster,
  postgresAvailability,
  startPostgresCluster,
} from './postgresCluster';
import { pgliteDatabase } from './pglite-image';

export interface Backend {
  name: 'pglite' | 'postgres';
  /** A fresh empty database for one server. */
  database(): Promise<DatabaseOptions>;
}

const availability = postgresAvailability();
if (!availability.available) {
  if (process.env.CI === 'true')
    throw new Error(`PostgreSQL is required on CI: ${availability.reason}`);
  console.warn(`[server tests] skipping the PostgreSQL backend: ${availability.reason}`);
}

let cluster: Promise<PostgresCluster> | null = null;

/** The in-memory PGlite backend alone. */
export const pgliteBackend: Backend = { name: 'pglite', database: pgliteDatabase };

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
    list.push({
      name: 'postgres',
      database: async () => {
        cluster ??= startPostgresCluster(availability);
        return {
          kind: 'postgres',
          url: await (await cluster).createDatabase(),
          maxConnections: 20,
        };
      },
    });
  }
  return list;
};
