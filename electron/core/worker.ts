/**
 * Entry point of the core's worker thread. No sync, query or crypto work ever runs on the
 * thread that hosts the window: hosts start this file with startCoreWorker().
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isRefusal } from '../../shared/ipc';
import { createClinicianCore } from './app/clinician-core';
import { createDeviceSession } from './app/device-session';
import { resolveHandler } from './app/resolve-handler';
import { hostKeyStore } from './host/host-key-store';
import { CoreWorkerData, HostToWorker, type WorkerToHost } from './host/worker-protocol';
import { FileKeyStoreTestSeam } from './keys';
import { shiftedClock } from './host/clock-shift-seam';

if (!parentPort) throw new Error('electron/core/worker must run as a worker thread.');
const port = parentPort;
const post = (message: WorkerToHost): void => port.postMessage(message);

const data = CoreWorkerData.parse(workerData);
if (data.packaged && (data.clockShiftFile || data.localAddress))
  throw new Error('The clock and address test seams are refused in a packaged build.');
const hostKeys =
  data.keyStore.kind === 'host' ? hostKeyStore(port, data.keyStore.protection) : null;
const keyStore = hostKeys ?? new FileKeyStoreTestSeam({ isPackaged: data.packaged });
const session = createDeviceSession({
  dataDir: data.dataDir,
  keyStore,
  defaultServerUrl: data.defaultServerUrl,
  demo: data.demo,
  ...(data.deviceZone ? { deviceZone: data.deviceZone } : {}),
  ...(data.localAddress ? { localAddress: data.localAddress } : {}),
  ...(data.clockShiftFile ? { now: shiftedClock(data.clockShiftFile) } : {}),
  ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
});
const core = createClinicianCore({
  host: data.host,
  appName: data.appName,
  appVersion: data.appVersion,
  platform: data.platform,
  packaged: data.packaged,
  session,
  dataDir: data.dataDir,
});
core.onEvent((channel, payload) => post({ type: 'event', channel, payload }));

port.on('message', async (raw: unknown) => {
  const message = HostToWorker.safeParse(raw);
  if (!message.success) return; // Only our own host talks to us; ignore noise rather than die.
  const m = message.data;
  if (m.type === 'keystore-result') {
    hostKeys?.receive(m);
    return;
  }
  if (m.type === 'close') {
    await core.close();
    post({ type: 'closed' });
    port.close();
    return;
  }
  const handler = resolveHandler(core.handlers, m.channel);
  const answered = core.callBegan();
  try {
    if (!handler) throw new Error(`The core has no handler for "${m.channel}".`);
    const value = await handler(m.request);
    answered();
    post({ type: 'result', id: m.id, ok: true, value });
  } catch (error) {
    answered();
    post({
      type: 'result',
      id: m.id,
      ok: false,
      message: error instanceof Error ? error.message : String(error),
      refused: isRefusal(error),
    });
  }
});

post({ type: 'ready' });
