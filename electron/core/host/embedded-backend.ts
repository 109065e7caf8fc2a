import { Worker } from 'node:worker_threads';
import { z } from 'zod';

const Reply = z.discriminatedUnion('type', [
  z.object({ type: z.literal('listening'), url: z.string().url() }),
  z.object({ type: z.literal('failed'), message: z.string() }),
  z.object({ type: z.literal('closed') }),
]);

export interface EmbeddedBackend {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Start the embedded demo backend (the reference server on PGlite, seeded with the demo
 * caseload) in its own worker thread, from its built file. Hosts know its path, never its
 * code: the dependency rule (main/preview → core, shared) holds.
 */
export async function startEmbeddedBackend(options: {
  entry: URL | string;
  dataDir: string;
  execArgv?: string[];
}): Promise<EmbeddedBackend> {
  const worker = new Worker(options.entry, {
    workerData: { dataDir: options.dataDir },
    ...(options.execArgv ? { execArgv: options.execArgv } : {}),
  });
  const url = await new Promise<string>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`The embedded backend stopped while starting (exit ${code}).`)),
    );
    worker.on('message', (raw: unknown) => {
      const reply = Reply.safeParse(raw);
      if (!reply.success) return;
      if (reply.data.type === 'listening') resolve(reply.data.url);
      else if (reply.data.type === 'failed')
        reject(new Error(`The embedded backend could not start: ${reply.data.message}`));
    });
  });
  return {
    url,
    async close() {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ type: 'close' });
      const timer = setTimeout(() => void worker.terminate(), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
