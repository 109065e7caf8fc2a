/**
 * The reference backend as a worker thread, for the desktop app's and the preview's
 * embedded demo: its own event loop, so seeding and serving never stall the window's host.
 * Its PGlite runs in a further worker (out/main/pglite-worker.js), so that the server's own
 * event loop stays free to read requests while the database works.
 * Hosts start the built file by path (they never import server code) and receive
 * { type: 'listening', url } or { type: 'failed', message }.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { openDatabase } from './db/database';
import { startReferenceServer } from './index';
import { simulatePatientsOnce } from './simulate/patients';

const Options = z.object({
  dataDir: z.string().min(1),
  seed: z.number().int().default(1),
});

/** The port this demo listened on last time, if it was recorded. */
async function readRememberedPort(file: string): Promise<number | null> {
  const text = await readFile(file, 'utf8').catch(() => null);
  const port = z.coerce.number().int().min(1024).max(65_535).safeParse(text?.trim());
  return port.success ? port.data : null;
}

if (!parentPort) throw new Error('server/embedded-worker must run as a worker thread.');
const port = parentPort;

try {
  const options = Options.parse(workerData);
  // PGlite in a worker thread of its own (built next to this file): its statements run
  // synchronously, and in this thread a queue of them would stop every socket being read.
  const database = await openDatabase({
    kind: 'pglite',
    dataDir: options.dataDir,
    worker: { entry: new URL('./pglite-worker.js', import.meta.url) },
  });
  const start = (listenOn: number) =>
    startReferenceServer({
      host: '127.0.0.1',
      port: listenOn,
      database: { kind: 'external', database },
      seed: { profile: 'demo', seed: options.seed },
      demoMode: true,
      logger: false,
    });
  // The same address as last time: a device signed in to this demo keeps its server's URL,
  // and a fresh port at every start would leave it offline for good after a restart.
  const portFile = path.join(options.dataDir, 'listening-port');
  const lastPort = await readRememberedPort(portFile);
  let server: Awaited<ReturnType<typeof start>>;
  try {
    server = await start(lastPort ?? 0);
  } catch (error) {
    if (lastPort === null || (error as { code?: string }).code !== 'EADDRINUSE') throw error;
    // Taken by something else meanwhile: a new port (devices signed in here then need a new
    // sign-in; nothing else can be done for them).
    server = await start(0);
  }
  await writeFile(portFile, `${server.port}\n`);
  port.on('message', (message: unknown) => {
    if ((message as { type?: string } | null)?.type === 'close') {
      void server.close().then(async () => {
        await database.close();
        port.postMessage({ type: 'closed' });
        port.close();
      });
    }
  });
  // The demo is alive: every minute a few patients write or complete questionnaires, so
  // reply deadlines and scores move while someone is looking at it.
  const simulation = setInterval(() => {
    void simulatePatientsOnce(database, { share: 0.03 }).catch(() => undefined);
  }, 60_000);
  simulation.unref();
  port.postMessage({ type: 'listening', url: server.url });
} catch (error) {
  port.postMessage({
    type: 'failed',
    message: error instanceof Error ? error.message : String(error),
  });
}
