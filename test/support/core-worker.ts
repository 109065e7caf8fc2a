import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startCoreWorker } from '../../electron/core/host/core-worker';

/** Start the real core worker from source (see core-worker-from-source.mjs), signed out. */
export const startTestCoreWorker = () =>
  startCoreWorker({
    entry: new URL('./core-worker-from-source.mjs', import.meta.url),
    workerData: {
      host: 'preview',
      appName: 'Typed CBT Clinician',
      appVersion: '0.0.0-test',
      platform: 'linux',
      packaged: false,
      dataDir: mkdtempSync(path.join(tmpdir(), 'core-worker-')),
      // Nothing listens here: these tests never sign in.
      defaultServerUrl: 'http://127.0.0.1:9',
      demo: false,
      keyStore: { kind: 'file-test-seam' },
    },
  });
