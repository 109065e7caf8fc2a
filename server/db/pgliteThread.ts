import { Worker } from 'node:worker_threads';
import type { Queryable } from './database';
import { WorkerReply, type WireFailure, type WorkerRequest } from './pgliteWorkerProtocol';
import { asStatementFailure } from './statementFailure';

/** Where PGlite's worker entry is: the built out/main/pglite-worker.js, or a source bootstrap. */
export interface PgliteWorkerEntry {
  entry: URL | string;
  execArgv?: string[];
}

/** The client side of pglite-worker.ts: statements posted, rows received. */
export interface PgliteThread extends Queryable {
  begin(snapshot: boolean): Promise<{ tx: Queryable; end(commit: boolean): Promise<void> }>;
  close(): Promise<void>;
}

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

/** The error PGlite raised in the worker, as asStatementFailure classifies it (SQLSTATE in `code`). */
const failureFrom = (wire: WireFailure) =>
  asStatementFailure(
    Object.assign(new Error(wire.message), {
      ...(wire.code ? { code: wire.code } : {}),
      ...(wire.constraint ? { constraint: wire.constraint } : {}),
      ...(wire.table ? { table: wire.table } : {}),
      ...(wire.column ? { column: wire.column } : {}),
    }),
  );

/**
 * Starts PGlite in a worker thread and resolves once it is open. The worker holds the process
 * open only while a statement is pending (like a socket with a request in flight).
 */
export const openPgliteInWorker = async (
  worker: PgliteWorkerEntry,
  dataDir: string | undefined,
  image: Blob | undefined,
): Promise<PgliteThread> => {
  const imageBuffer = image ? await image.arrayBuffer() : undefined;
  const thread = new Worker(worker.entry, {
    workerData: { ...(dataDir ? { dataDir } : {}), ...(imageBuffer ? { image: imageBuffer } : {}) },
    ...(imageBuffer ? { transferList: [imageBuffer] } : {}),
    ...(worker.execArgv ? { execArgv: worker.execArgv } : {}),
  });
  const pending = new Map<
    number,
    { resolve: (rows: unknown[]) => void; reject: (e: Error) => void }
  >();
  let nextId = 1;
  let nextTx = 1;
  let gone: Error | null = null;

  const failAll = (error: Error) => {
    gone ??= error;
    for (const { reject } of pending.values()) reject(asStatementFailure(error));
    pending.clear();
  };
  await new Promise<void>((resolve, reject) => {
    const onExit = (code: number) =>
      reject(new Error(`PGlite's worker stopped while opening (exit ${code}).`));
    thread.once('error', reject);
    thread.once('exit', onExit);
    thread.once('message', (raw: unknown) => {
      thread.off('error', reject);
      thread.off('exit', onExit);
      const first = WorkerReply.parse(raw);
      if (first.type === 'ready') resolve();
      else reject(failureFrom(first.type === 'failed' ? first.error : { message: 'unexpected' }));
    });
  });
  thread.unref();
  thread.on('message', (raw: unknown) => {
    const message = WorkerReply.parse(raw);
    if (message.type !== 'result') return;
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (pending.size === 0) thread.unref();
    if (message.error) waiting.reject(failureFrom(message.error));
    else waiting.resolve(message.rows ?? []);
  });
  thread.on('error', (error) => failAll(error));
  thread.on('exit', (code) => failAll(new Error(`PGlite's worker stopped (exit ${code}).`)));

  const send = (request: Distribute<WorkerRequest>): Promise<unknown[]> =>
    new Promise((resolve, reject) => {
      if (gone) {
        reject(asStatementFailure(gone));
        return;
      }
      const id = nextId++;
      pending.set(id, { resolve, reject });
      if (pending.size === 1) thread.ref();
      thread.postMessage({ ...request, id });
    });

  const queryable = (tx?: number): Queryable => ({
    query: async <R>(sql: string, params?: unknown[]) =>
      (await send({
        op: 'query',
        sql,
        ...(params ? { params } : {}),
        ...(tx !== undefined ? { tx } : {}),
      })) as R[],
    exec: async (sql) => {
      await send({ op: 'exec', sql, ...(tx !== undefined ? { tx } : {}) });
    },
  });

  return {
    ...queryable(),
    begin: async (snapshot) => {
      const tx = nextTx++;
      await send({ op: 'begin', tx, snapshot });
      return {
        tx: queryable(tx),
        end: async (commit) => {
          await send({ op: 'end', tx, commit });
        },
      };
    },
    close: async () => {
      if (gone) return;
      const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
      await send({ op: 'close' });
      await exited;
    },
  };
};
