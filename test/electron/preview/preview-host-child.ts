/**
 * A preview host in its own process (run with `node --import tsx`), so a test can see
 * whether one bad client takes the whole host down: the real preview server, the real core
 * worker (from source), a minimal renderer folder. Prints `PREVIEW_URL=…` when ready.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bridgeToCore } from '../../../electron/core/host/core-bridge';
import { startPreviewServer } from '../../../electron/preview/preview-server';
import { startTestCoreWorker } from '../../support/core-worker';

const dir = mkdtempSync(path.join(tmpdir(), 'preview-child-'));
writeFileSync(path.join(dir, 'index.html'), '<!doctype html><head></head>');
writeFileSync(path.join(dir, 'shim.js'), 'window.shim = 1');
const worker = await startTestCoreWorker();
const server = await startPreviewServer({
  rendererRoot: dir,
  shimFile: path.join(dir, 'shim.js'),
  core: bridgeToCore(worker, () => {}),
  log: (message) => console.error(`[preview] ${message}`),
});
console.log(`PREVIEW_URL=${server.url}`);
process.on('SIGTERM', () => {
  void server
    .close()
    .then(() => worker.close())
    .then(() => process.exit(0));
});
