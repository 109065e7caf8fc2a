import { readFileSync } from 'node:fs';
import type { DatabaseOptions } from '../../../server';

/**
 * A fresh in-memory PGlite database: from the migrated image the vitest global setup made
 * (test/support/vitest-global-setup.ts, TEST_PGLITE_IMAGE), or an empty one without it (the
 * proof runner, a single file run with another config).
 */
export const pgliteDatabase = async (): Promise<DatabaseOptions & { kind: 'pglite' }> => {
  const image = process.env['TEST_PGLITE_IMAGE'];
  return image ? { kind: 'pglite', image: new Blob([readFileSync(image)]) } : { kind: 'pglite' };
};
