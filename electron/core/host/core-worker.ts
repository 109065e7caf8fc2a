import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { RefusedError } from '../../../shared/ipc';
import { type CoreWorkerData, WorkerToHost } from './worker-protocol';

export interface CoreWorker {
  /** Forward an already-validated request; resolves with the core's raw answer. */
  call(channel: string, request: unknown): Promise<unknown>;
  onEvent(listener: (channel: string, payload: unknown) => void): () => void;
  close(): Promise<void>;
}

export interface StartCoreWorkerOptions {
  /** The built worker entry (out/main/core-worker.js) or the source file under tsx. */
  readonly entry: URL | string;
  readonly workerData: CoreWorkerData;
  readonly execArgv?: string[];
  readonly onExit?: (code: number) => void;
  /** Serves the core's requests to seal/unseal its database key (Electron: safeStorage). */
  readonly keyStore?: {
    wrap(raw: Buffer): Promise<Buffer>;
    unwrap(sealed: Buffer): Promise<Buffer>;
  };
}

export class CoreUnavailableError extends Error {
  override readonly name = 'CoreUnavailableError';
}

/**
 * How far V8 lets a heap grow past what its last full collection kept, in per cent: 25 where
 * V8 would choose up to 300 % for a busy thread. A first sync promotes every page's records to
 * the old generation (a page is alive across the young collections that run while it is
 * stored) and drops them a moment later; with V8's own choice the core committed ~200 MB of
 * them around ~45 MB alive and the process peaked ~130 MB higher. A heuristic, not a cap: a
 * heap that needs more still gets it (an out-of-heap would stop the core, so no cap is set).
 * V8's flags are the process's, so it holds for the host's own heap and the embedded backend
 * as well. Measured in docs/performance.md.
 */
export const CORE_HEAP_GROWING_PERCENT = 25;

/** Set the heap policy above. Idempotent; before the core's isolate starts is when it counts. */
export function applyCoreHeapPolicy(): void {
  setFlagsFromString(`--heap-growing-percent=${CORE_HEAP_GROWING_PERCENT}`);
}

/** Start the core in a worker thread and wait until it says it is ready. */
export async function startCoreWorker(options: StartCoreWorkerOptions): Promise<CoreWorker> {
  applyCoreHeapPolicy();
  const worker = new Worker(options.entry, {
    workerData: options.workerData,
    ...(options.execArgv ? { execArgv: options.execArgv } : {}),
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Set<(channel: string, payload: unknown) => void>();
  let nextId = 1;
  let exited = false;
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));

  const ready = new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (raw: unknown) => {
      const message = WorkerToHost.safeParse(raw);
      if (!message.success) return;
      const m = message.data;
      if (m.type === 'ready') resolve();
      else if (m.type === 'keystore') void serveKeyStore(m.id, m.op, m.data);
      else if (m.type === 'event') for (const listener of listeners) listener(m.channel, m.payload);
      else if (m.type === 'result') {
        const call = pending.get(m.id);
        pending.delete(m.id);
        if (call && m.ok) call.resolve(m.value);
        else if (call && !m.ok)
          call.reject(m.refused ? new RefusedError(m.message) : new Error(m.message));
      }
    });
  });

  const serveKeyStore = async (id: number, op: 'wrap' | 'unwrap', data: string): Promise<void> => {
    try {
      if (!options.keyStore) throw new Error('This host has no key store.');
      const input = Buffer.from(data, 'base64');
      const output =
        op === 'wrap' ? await options.keyStore.wrap(input) : await options.keyStore.unwrap(input);
      worker.postMessage({
        type: 'keystore-result',
        id,
        ok: true,
        data: output.toString('base64'),
      });
      input.fill(0);
    } catch (error) {
      worker.postMessage({
        type: 'keystore-result',
        id,
        ok: false,
        data: error instanceof Error ? error.message : String(error),
      });
    }
  };

  worker.on('exit', (code) => {
    exited = true;
    for (const call of pending.values())
      call.reject(new CoreUnavailableError(`The app's engine stopped (exit ${code}).`));
    pending.clear();
    resolveClosed();
    options.onExit?.(code);
  });

  await ready;
  return {
    call(channel, request) {
      if (exited)
        return Promise.reject(new CoreUnavailableError("The app's engine is not running."));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ type: 'call', id, channel, request });
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (exited) return;
      worker.postMessage({ type: 'close' });
      const timeout = setTimeout(() => void worker.terminate(), 5_000);
      await closed;
      clearTimeout(timeout);
    },
  };
}
