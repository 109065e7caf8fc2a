/**
 * The reference backend as a worker thread, for the desktop app's and the preview's
 * embedded demo: its own event loop, so seeding and serving never stall the window's host.
 * Hosts start the built file by path (they never import server code) and receive
 * { type: 'listening', url } or { type: 'failed', message }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { startReferenceServer } from './index';

const Options = z.object({
  dataDir: z.string().min(1),
  seed: z.number().int().default(1),
});

if (!parentPort) throw new Error('server/embedded-worker must run as a worker thread.');
const port = parentPort;

try {
  const options = Options.parse(workerData);
  const server = await startReferenceServer({
    host: '127.0.0.1',
    port: 0,
    database: { kind: 'pglite', dataDir: options.dataDir },
    seed: { profile: 'demo', seed: options.seed },
    demoMode: true,
    logger: false,
  });
  port.on('message', (message: unknown) => {
    if ((message as { type?: string } | null)?.type === 'close') {
      void server.close().then(() => {
        port.postMessage({ type: 'closed' });
        port.close();
      });
    }
  });
  port.postMessage({ type: 'listening', url: server.url });
} catch (error) {
  port.postMessage({
    type: 'failed',
    message: error instanceof Error ? error.message : String(error),
  });
}
