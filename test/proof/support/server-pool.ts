import { pgliteDatabase } from '../../server/support/pglite-image';
import { DemoAccountsResponse, type DemoAccount } from '../../../shared/api';
import { type ReferenceServer, startReferenceServer } from '../../../server';
import { openDatabase, type Database } from '../../../server/db/database';
import { migrate } from '../../../server/db/migrations';
import { seedDatabase } from '../../../server/seed/seed';
import { postgresAvailability, startPostgresCluster } from '../../server/support/postgresCluster';
import type { UpstreamPool } from './chaos-proxy';

export type BackendKind = 'pglite' | 'postgres';

/**
 * The reference servers of one proof run, on one database: in-memory PGlite (one instance),
 * or a throwaway PostgreSQL cluster with one or two API instances on it. Restarts and
 * scale-out re-point the chaos proxies' upstream pool; the database lives on.
 */
export interface ServerPool {
  readonly backend: BackendKind;
  /** A connection of our own, for admin operations and assertions. */
  readonly db: Database;
  readonly accounts: DemoAccount[];
  account(displayName: string): DemoAccount;
  /** Run `count` API instances (PostgreSQL only for more than one). */
  scale(count: 1 | 2): Promise<void>;
  /** Stop every instance and start them again (connections in flight are cut). */
  restart(): Promise<void>;
  instances(): number;
  urls(): string[];
  close(): Promise<void>;
}

export const postgresReason = (): string | null => {
  const a = postgresAvailability();
  return a.available ? null : a.reason;
};

export async function startServerPool(
  backend: BackendKind,
  upstreams: UpstreamPool,
  seed = 7,
): Promise<ServerPool> {
  let stopCluster: () => Promise<void> = async () => undefined;
  let db: Database;
  let url: string | null = null;
  if (backend === 'postgres') {
    const availability = postgresAvailability();
    if (!availability.available) throw new Error(`PostgreSQL: ${availability.reason}`);
    const cluster = await startPostgresCluster(availability);
    stopCluster = () => cluster.stop();
    url = await cluster.createDatabase();
    db = await openDatabase({ kind: 'postgres', url, maxConnections: 10 });
  } else {
    db = await openDatabase(await pgliteDatabase());
  }
  await migrate(db);
  await seedDatabase(db, { profile: 'demo', seed });
  const start = (): Promise<ReferenceServer> =>
    startReferenceServer({
      database:
        url === null
          ? { kind: 'external', database: db }
          : { kind: 'postgres', url, maxConnections: 10 },
      demoMode: true,
      logger: false,
      sweepIntervalMs: 0,
    });
  let running: ReferenceServer[] = [await start()];
  const publish = () => upstreams.set(running.map((s) => s.url));
  publish();
  const response = await fetch(`${running[0]?.url ?? ''}/demo/accounts`);
  const accounts = DemoAccountsResponse.parse(await response.json()).accounts;
  const stopAll = async () => {
    const old = running;
    running = [];
    publish();
    await Promise.all(old.map((s) => s.close()));
  };
  const pool: ServerPool = {
    backend,
    db,
    accounts,
    account: (displayName) => {
      const found = accounts.find((a) => a.displayName === displayName);
      if (!found) throw new Error(`no demo account ${displayName}`);
      return found;
    },
    async scale(count) {
      if (count === 2 && backend !== 'postgres')
        throw new Error('two API instances need one shared PostgreSQL');
      while (running.length < count) running.push(await start());
      while (running.length > count) await running.pop()?.close();
      publish();
    },
    async restart() {
      const count = running.length as 1 | 2;
      await stopAll();
      await pool.scale(count);
    },
    instances: () => running.length,
    urls: () => running.map((s) => s.url),
    async close() {
      await stopAll();
      await db.close();
      await stopCluster();
    },
  };
  return pool;
}
