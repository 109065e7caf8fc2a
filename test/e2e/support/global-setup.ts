import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedBackend } from '../../../electron/core/host/embedded-backend';

/**
 * One embedded demo backend (the built out/main/demo-server.js, seeded on PGlite) shared by
 * every preview host the e2e tests start: seeding once keeps the suite fast, and each test
 * still gets its own device data directory.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'e2e-demo-backend-'));
  const backend = await startEmbeddedBackend({
    entry: path.resolve('out/main/demo-server.js'),
    dataDir,
  });
  process.env['E2E_DEMO_SERVER'] = backend.url;
  return async () => {
    await backend.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
