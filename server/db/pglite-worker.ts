/**
 * PGlite in its own worker thread (see openPgliteInWorker in pgliteThread.ts): the server's
 * event loop only posts statements and receives rows, so a long query or a queue of them
 * never stops it answering (`/health`, a sign-in, the next request's parsing). PGlite runs
 * its WebAssembly synchronously: in the server's thread, queued statements ran back to back
 * in microtasks and no socket was read until the queue emptied.
 *
 * One PGlite instance, one connection: statements outside a transaction wait for PGlite's own
 * mutex as they did in-thread; a transaction's statements run on its Transaction in the order
 * they were posted.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Transaction } from '@electric-sql/pglite';
import { createPglite } from './pglite';
import {
  type WorkerReply,
  WorkerOptions,
  WorkerRequest,
  type WireFailure,
} from './pgliteWorkerProtocol';

if (!parentPort) throw new Error('server/db/pglite-worker must run as a worker thread.');
const port = parentPort;

/** Thrown inside PGlite's transaction callback to make it roll back (never leaves the worker). */
const rollback = Symbol('rollback');

const failureOf = (error: unknown): WireFailure => {
  const object = (typeof error === 'object' && error !== null ? error : {}) as Record<
    string,
    unknown
  >;
  const text = (key: string) => (typeof object[key] === 'string' ? object[key] : undefined);
  return {
    message: error instanceof Error ? error.message : String(error),
    code: text('code'),
    constraint: text('constraint'),
    table: text('table'),
    column: text('column'),
  };
};

const reply = (message: WorkerReply) => port.postMessage(message);

const options = WorkerOptions.parse(workerData);
let db: Awaited<ReturnType<typeof createPglite>>;
try {
  db = await createPglite(options.dataDir, options.image ? new Blob([options.image]) : undefined);
} catch (error) {
  reply({ type: 'failed', error: failureOf(error) });
  port.close();
  throw error;
}

/** Open transactions: their PGlite Transaction and how to end them. */
const transactions = new Map<
  number,
  { tx: Transaction; end: (commit: boolean) => void; ended: Promise<unknown> }
>();

const begin = (id: number, txId: number, snapshot: boolean) => {
  let started = false;
  const ended = db
    .transaction(async (tx) => {
      if (snapshot) await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const commit = await new Promise<boolean>((resolve) => {
        transactions.set(txId, { tx, end: resolve, ended });
        started = true;
        reply({ type: 'result', id });
      });
      if (!commit) throw rollback;
    })
    .then(
      () => undefined,
      (error: unknown) => {
        // Failed before it started (BEGIN refused): the begin request gets the failure.
        if (!started) reply({ type: 'result', id, error: failureOf(error) });
        if (error === rollback) return undefined;
        throw error;
      },
    );
  // Until `end` collects it (a failed BEGIN never has one).
  ended.catch(() => undefined);
};

const end = async (id: number, txId: number, commit: boolean) => {
  const open = transactions.get(txId);
  if (!open) {
    reply({ type: 'result', id, error: { message: `No open transaction ${txId}.` } });
    return;
  }
  transactions.delete(txId);
  open.end(commit);
  try {
    await open.ended;
    reply({ type: 'result', id });
  } catch (error) {
    reply({ type: 'result', id, error: failureOf(error) });
  }
};

port.on('message', (raw: unknown) => {
  const request = WorkerRequest.parse(raw);
  switch (request.op) {
    case 'query':
    case 'exec': {
      const target = request.tx === undefined ? db : transactions.get(request.tx)?.tx;
      if (!target) {
        reply({
          type: 'result',
          id: request.id,
          error: { message: `No open transaction ${String(request.tx)}.` },
        });
        return;
      }
      const run =
        request.op === 'query'
          ? target.query<Record<string, unknown>>(request.sql, request.params).then((r) => r.rows)
          : target.exec(request.sql).then(() => undefined);
      run.then(
        (rows) => reply({ type: 'result', id: request.id, ...(rows ? { rows } : {}) }),
        (error: unknown) => reply({ type: 'result', id: request.id, error: failureOf(error) }),
      );
      return;
    }
    case 'begin':
      begin(request.id, request.tx, request.snapshot);
      return;
    case 'end':
      void end(request.id, request.tx, request.commit);
      return;
    case 'close':
      void db.close().then(
        () => {
          reply({ type: 'result', id: request.id });
          port.close();
        },
        (error: unknown) => reply({ type: 'result', id: request.id, error: failureOf(error) }),
      );
      return;
  }
});
reply({ type: 'ready' });
