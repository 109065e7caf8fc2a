import { startCoreWorker } from '../../electron/core/host/core-worker';

/** Start the real core worker from source (see core-worker-from-source.mjs). */
export const startTestCoreWorker = () =>
  startCoreWorker({
    entry: new URL('./core-worker-from-source.mjs', import.meta.url),
    workerData: {
      host: 'preview',
      appName: 'Typed CBT Clinician',
      appVersion: '0.0.0-test',
      platform: 'linux',
      packaged: false,
    },
  });
