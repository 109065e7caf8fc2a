import { readFileSync } from 'node:fs';
import type { DatabaseOptions, PgliteWorkerEntry } from '../../../server';

/** PGlite's worker entry from source (see pglite-worker-from-source.mjs). */
export const pgliteWorkerFromSource: PgliteWorkerEntry = {
  entry: new URL('../../support/pglite-worker-from-source.mjs', import.meta.url),
};

/**
 * TEST_PGLITE_THREAD=worker runs every suite's PGlite in its own worker thread, as the embedded
 * app does (server/db/pglite-worker.ts); by default it runs in the server's thread.
 */
export const pgliteThread = (): { worker?: PgliteWorkerEntry } =>
  process.env['TEST_PGLITE_THREAD'] === 'worker' ? { worker: pgliteWorkerFromSource } : {};

/**
 * A fresh in-memory PGlite database: from the migrated image the vitest global setup made
 * (test/support/vitest-global-setup.ts, TEST_PGLITE_IMAGE), or an empty one without it (the
 * proof runner, a single file run with another config).
 */
export const pgliteDatabase = async (): Promise<DatabaseOptions & { kind: 'pglite' }> => {
  const image = process.env['TEST_PGLITE_IMAGE'];
  return image
    ? { kind: 'pglite', image: new Blob([readFileSync(image)]), ...pgliteThread() }
    : { kind: 'pglite', ...pgliteThread() };
};
