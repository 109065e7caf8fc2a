import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, type ReferenceServer, startReferenceServer } from '../../server';
import { StatementFailure, openDatabase } from '../../server/db/database';
import { pgliteDatabase, pgliteWorkerFromSource } from './support/pglite-image';

// PGlite in its own worker thread (server/db/pglite-worker.ts), as the embedded app runs it:
// the same Database as in the server's thread — shapes, transactions, refused statements —
// while the server's event loop keeps answering during a long statement.

/** A statement that keeps PGlite busy for a while (hundreds of ms to seconds). */
const LONG = 'SELECT count(*)::int8 AS n FROM generate_series(1, 1000000) AS g(i)';

const inWorker = async () =>
  openDatabase({ ...(await pgliteDatabase()), worker: pgliteWorkerFromSource });

describe('PGlite in a worker thread', () => {
  let db: Database;
  let inThread: Database;
  beforeAll(async () => {
    [db, inThread] = await Promise.all([inWorker(), openDatabase(await pgliteDatabase())]);
    for (const d of [db, inThread])
      await d.exec(
        'CREATE TABLE t (id int PRIMARY KEY, n int8 NOT NULL, day date, at timestamptz, doc jsonb, raw bytea, CHECK (n >= 0))',
      );
  }, 60_000);
  afterAll(async () => {
    await Promise.all([db?.close(), inThread?.close()]);
  });

  it('returns rows shaped as PGlite in the server thread shapes them', async () => {
    const insert = `INSERT INTO t VALUES (1, 9007199254740991, '2026-03-03', '2026-03-03 14:02:05.123+00', $1, $2) RETURNING *`;
    const params = [{ a: [1, 'two', null] }, new Uint8Array([0, 1, 255])];
    const [fromWorker] = await db.query(insert, params);
    const [fromThread] = await inThread.query(insert, params);
    expect(fromWorker).toEqual(fromThread);
    expect(fromWorker).toMatchObject({
      id: 1,
      n: 9007199254740991,
      day: '2026-03-03',
      at: '2026-03-03T14:02:05.123Z',
      doc: { a: [1, 'two', null] },
    });
    expect([...(fromWorker as { raw: Uint8Array }).raw]).toEqual([0, 1, 255]);
  });

  it('runs a transaction’s statements in order and commits them together', async () => {
    const seen = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO t (id, n) VALUES (10, 1)');
      await tx.query('UPDATE t SET n = n + 1 WHERE id = 10');
      return tx.query<{ n: number }>('SELECT n FROM t WHERE id = 10');
    });
    expect(seen).toEqual([{ n: 2 }]);
    expect(await db.query('SELECT n FROM t WHERE id = 10')).toEqual([{ n: 2 }]);
  });

  it('rolls a transaction back when its work throws, and rethrows that error', async () => {
    const mine = new Error('the work gave up');
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t (id, n) VALUES (20, 1)');
        throw mine;
      }),
    ).rejects.toBe(mine);
    expect(await db.query('SELECT id FROM t WHERE id = 20')).toEqual([]);
  });

  it('classifies refused statements as in the server thread (constraint, data, server)', async () => {
    await db.query('INSERT INTO t (id, n) VALUES (30, 1)');
    const refused = async (work: Promise<unknown>) => {
      const error: unknown = await work.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StatementFailure);
      return error as StatementFailure;
    };
    const duplicate = await refused(db.query('INSERT INTO t (id, n) VALUES (30, 1)'));
    expect(duplicate).toMatchObject({ kind: 'constraint', sqlstate: '23505' });
    expect(duplicate.detail.constraint).toBe('t_pkey');
    const negative = await refused(
      db.transaction((tx) => tx.query('INSERT INTO t (id, n) VALUES (31, -1)')),
    );
    expect(negative).toMatchObject({ kind: 'constraint', sqlstate: '23514' });
    expect(await refused(db.query(`SELECT 'not a date'::date`))).toMatchObject({ kind: 'data' });
    expect(await refused(db.exec('SELEC 1'))).toMatchObject({ kind: 'server', sqlstate: '42601' });
    // The connection is still good after each.
    expect(await db.query('SELECT n FROM t WHERE id = 30')).toEqual([{ n: 1 }]);
  });

  it('runs concurrent transactions one at a time (no lost update)', async () => {
    await db.query('INSERT INTO t (id, n) VALUES (40, 0)');
    await Promise.all(
      Array.from({ length: 5 }, () =>
        db.transaction(async (tx) => {
          const [row] = await tx.query<{ n: number }>('SELECT n FROM t WHERE id = 40');
          await tx.query('UPDATE t SET n = $1 WHERE id = 40', [(row?.n ?? 0) + 1]);
        }),
      ),
    );
    expect(await db.query('SELECT n FROM t WHERE id = 40')).toEqual([{ n: 5 }]);
  });

  it('reads a snapshot read-only: a write inside it is refused', async () => {
    const rows = await db.readSnapshot(async (snapshot) => {
      await snapshot.step('first');
      return snapshot.query<{ n: number }>('SELECT n FROM t WHERE id = 40');
    });
    expect(rows).toEqual([{ n: 5 }]);
    await expect(
      db.readSnapshot((snapshot) => snapshot.query('UPDATE t SET n = 0 WHERE id = 40')),
    ).rejects.toMatchObject({ kind: 'server', sqlstate: '25006' });
  });

  it('leaves the thread free while PGlite works: a timer fires before a long statement answers', async () => {
    const first = await Promise.race([
      db.query(LONG).then(() => 'statement'),
      new Promise((resolve) => setTimeout(() => resolve('timer'), 1)),
    ]);
    expect(first).toBe('timer');
  });
});

describe('the reference server on PGlite in a worker thread', () => {
  let db: Database;
  let server: ReferenceServer;
  beforeAll(async () => {
    db = await inWorker();
    server = await startReferenceServer({
      database: { kind: 'external', database: db },
      logger: false,
      sweepIntervalMs: 0,
    });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('answers /health while the database works on a long statement', async () => {
    const busy = db.query(LONG).then(() => 'statement');
    const health = fetch(`${server.url}/health`).then(async (r) => {
      expect(r.status).toBe(200);
      return 'health';
    });
    expect(await Promise.race([busy, health])).toBe('health');
    await busy;
  });
});
