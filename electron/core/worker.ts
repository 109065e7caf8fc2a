/**
 * Entry point of the core's worker thread. No sync, query or crypto work ever runs on the
 * thread that hosts the window: hosts start this file with startCoreWorker().
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createClinicianCore } from './app/clinician-core';
import { resolveHandler } from './app/resolve-handler';
import { CoreWorkerData, HostToWorker, type WorkerToHost } from './host/worker-protocol';

if (!parentPort) throw new Error('electron/core/worker must run as a worker thread.');
const port = parentPort;
const post = (message: WorkerToHost): void => port.postMessage(message);

const core = createClinicianCore(CoreWorkerData.parse(workerData));
core.onEvent((channel, payload) => post({ type: 'event', channel, payload }));

port.on('message', async (raw: unknown) => {
  const message = HostToWorker.safeParse(raw);
  if (!message.success) return; // Only our own host talks to us; ignore noise rather than die.
  if (message.data.type === 'close') {
    await core.close();
    post({ type: 'closed' });
    port.close();
    return;
  }
  const { id, channel, request } = message.data;
  const handler = resolveHandler(core.handlers, channel);
  try {
    if (!handler) throw new Error(`The core has no handler for "${channel}".`);
    post({ type: 'result', id, ok: true, value: await handler(request) });
  } catch (error) {
    post({
      type: 'result',
      id,
      ok: false,
      message: error instanceof Error ? error.message : String(error),
    });
  }
});

post({ type: 'ready' });
