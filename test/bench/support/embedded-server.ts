/**
 * The reference server as the desktop app and the preview embed it: the built
 * out/main/demo-server.js (server/embedded-worker.ts) in a worker thread, started by the
 * hosts' own code, on PGlite in a data directory,
 * seeded with the demo caseload. In its own process, so its CPU is not the load generator's.
 * Prints `LISTENING <url>`; SIGTERM closes it and removes the data directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedBackend } from '../../../electron/core/host/embedded-backend';

const root = path.resolve(import.meta.dirname, '../../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'load-embedded-'));
const backend = await startEmbeddedBackend({
  entry: path.join(root, 'out/main/demo-server.js'),
  dataDir: path.join(dataDir, 'server'),
});
console.log(`LISTENING ${backend.url}`);
process.on('SIGTERM', () => {
  void backend
    .close()
    .finally(() => rmSync(dataDir, { recursive: true, force: true }))
    .then(() => process.exit(0));
});
