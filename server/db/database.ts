import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { createPglite } from './pglite';
import { type PgliteWorkerEntry, openPgliteInWorker } from './pgliteThread';
import { asStatementFailure } from './statementFailure';
import { parsers } from './types';

export { StatementFailure, type StatementFailureKind } from './statementFailure';
export { timestampToIso } from './types';
export type { PgliteWorkerEntry } from './pgliteThread';

/**
 * The one SQL surface the server uses, implemented by node-postgres and by embedded PGlite.
 * A refused statement rejects with a StatementFailure (its SQLSTATE classified).
 */
export interface Queryable {
  /** Rows are shaped by our own SQL (column aliases); responses are validated on the way out. */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Inside `Database.transaction` only (absent elsewhere): runs `task` once the work has
   * returned, just before COMMIT, in the same transaction, so what it writes commits with the
   * work or not at all (a task that throws rolls the whole transaction back). Tasks added by a
   * task run too, in order. The feed renders the records a transaction wrote this way.
   */
  beforeCommit?(task: () => Promise<void>): void;
}

/** The work of a transaction, then the tasks it left for just before COMMIT. */
const withCommitTasks = async <T>(
  tx: Queryable,
  work: (tx: Queryable) => Promise<T>,
): Promise<T> => {
  const tasks: (() => Promise<void>)[] = [];
  const result = await work({ ...tx, beforeCommit: (task) => void tasks.push(task) });
  for (let next = tasks.shift(); next; next = tasks.shift()) await next();
  return result;
};

/** Classifies the driver's error where its answer is read, before anything rethrows it. */
const classified = async <T>(statement: Promise<T>): Promise<T> => {
  try {
    return await statement;
  } catch (error) {
    throw asStatementFailure(error);
  }
};

/** A read-only view of one database snapshot (see Database.readSnapshot). */
export interface SnapshotReader extends Queryable {
  /** Marks the point between two reads; a no-op unless the betweenSnapshotReads seam listens. */
  step(name: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs several reads against one snapshot: a REPEATABLE READ, READ ONLY transaction on
   * both drivers, so a write committed meanwhile is seen by none of them or (next time) all.
   */
  readSnapshot<T>(work: (snapshot: SnapshotReader) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseTestSeams {
  /**
   * Test seam: awaited at each `step` of a snapshot read, so a test can commit a write
   * between two of its statements. PGlite is one connection: a write started here waits
   * for the snapshot to end (do not await it there); PostgreSQL commits it concurrently.
   */
  betweenSnapshotReads?: (step: string) => Promise<void>;
}

export type DatabaseOptions = (
  | {
      kind: 'pglite';
      /** Omit for in-memory. */
      dataDir?: string;
      /**
       * Start from a dump of another PGlite data directory (`dumpDataDir`) instead of an
       * empty cluster: skips the in-WASM initdb, the slowest part of opening an in-memory
       * database. The test suites open one per server from a migrated image.
       */
      image?: Blob;
      /**
       * Run PGlite in its own worker thread, started from this entry (the built
       * out/main/pglite-worker.js, or a source bootstrap in tests): PGlite executes its
       * WebAssembly synchronously, so in the server's thread a queue of statements keeps the
       * event loop from reading any socket until it empties. Omit to run it in this thread
       * (the CLIs, tools sharing one in-memory database).
       */
      worker?: PgliteWorkerEntry;
    }
  | { kind: 'postgres'; url: string; maxConnections?: number }
) & { seams?: DatabaseTestSeams };

const snapshotReader = (q: Queryable, seams: DatabaseTestSeams | undefined): SnapshotReader => ({
  ...q,
  step: async (name) => {
    await seams?.betweenSnapshotReads?.(name);
  },
});

const openPglite = async (
  dataDir: string | undefined,
  image: Blob | undefined,
  seams: DatabaseTestSeams | undefined,
): Promise<Database> => {
  const db = await createPglite(dataDir, image);
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    query: async <R>(sql: string, params?: unknown[]) =>
      (await classified(q.query<R>(sql, params))).rows,
    exec: async (sql) => {
      await classified(q.exec(sql));
    },
  });
  return {
    kind: 'pglite',
    ...wrap(db),
    // PGlite is one connection: its transactions are serialised by its own mutex.
    transaction: (work) => db.transaction((tx) => withCommitTasks(wrap(tx), work)),
    readSnapshot: (work) =>
      db.transaction(async (tx) => {
        await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
        return work(snapshotReader(wrap(tx), seams));
      }),
    close: () => db.close(),
  };
};

const openPostgres = async (
  url: string,
  maxConnections: number,
  seams: DatabaseTestSeams | undefined,
): Promise<Database> => {
  const pool = new pg.Pool({
    connectionString: url,
    max: maxConnections,
    options: '-c TimeZone=UTC',
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        parsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  const wrap = (q: pg.Pool | pg.PoolClient): Queryable => ({
    query: async <R>(sql: string, params?: unknown[]) =>
      (await classified(q.query(sql, params))).rows as R[],
    exec: async (sql) => {
      await classified(q.query(sql));
    },
  });
  const inTransaction = async <T>(begin: string, work: (client: pg.PoolClient) => Promise<T>) => {
    const client = await pool.connect();
    try {
      await classified(client.query(begin));
      const result = await work(client);
      await classified(client.query('COMMIT'));
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
  return {
    kind: 'postgres',
    ...wrap(pool),
    transaction: (work) => inTransaction('BEGIN', (client) => withCommitTasks(wrap(client), work)),
    readSnapshot: (work) =>
      inTransaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', (client) =>
        work(snapshotReader(wrap(client), seams)),
      ),
    close: () => pool.end(),
  };
};

/** PGlite in its worker thread (pglite-worker.ts): the same Database, statements posted. */
const openPgliteThread = async (
  worker: PgliteWorkerEntry,
  dataDir: string | undefined,
  image: Blob | undefined,
  seams: DatabaseTestSeams | undefined,
): Promise<Database> => {
  const thread = await openPgliteInWorker(worker, dataDir, image);
  // The worker runs each transaction inside PGlite's own: one at a time, statements in order.
  const inTransaction = async <T>(snapshot: boolean, work: (tx: Queryable) => Promise<T>) => {
    const { tx, end } = await thread.begin(snapshot);
    let result: T;
    try {
      result = await work(tx);
    } catch (error) {
      await end(false).catch(() => undefined);
      throw error;
    }
    await end(true);
    return result;
  };
  return {
    kind: 'pglite',
    query: thread.query,
    exec: thread.exec,
    transaction: (work) => inTransaction(false, (tx) => withCommitTasks(tx, work)),
    readSnapshot: (work) => inTransaction(true, (tx) => work(snapshotReader(tx, seams))),
    close: () => thread.close(),
  };
};

export const openDatabase = (options: DatabaseOptions): Promise<Database> =>
  options.kind === 'pglite'
    ? options.worker
      ? openPgliteThread(options.worker, options.dataDir, options.image, options.seams)
      : openPglite(options.dataDir, options.image, options.seams)
    : openPostgres(options.url, options.maxConnections ?? 10, options.seams);
