import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { parsers } from './types';

/**
 * Opens PGlite as the server uses it, in this thread (database.ts) or in its worker
 * (pglite-worker.ts): the same parsers as node-postgres (int8 → number, date → 'YYYY-MM-DD',
 * timestamptz → ISO string) and a UTC session.
 */
export const createPglite = async (
  dataDir: string | undefined,
  image: Blob | undefined,
): Promise<PGlite> => {
  // PGlite creates only the last path segment: on a fresh tree `.data/` does not exist yet.
  if (dataDir) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = await PGlite.create(dataDir, {
    ...(image ? { loadDataDir: image } : {}),
    parsers,
  });
  await db.exec(`SET TIME ZONE 'UTC'`);
  return db;
};
