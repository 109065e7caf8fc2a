import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrations';
import { postgresAvailability, startPostgresCluster } from '../server/support/postgresCluster';

/**
 * Once per `vitest run`, before any worker starts (workers inherit the environment set here):
 *
 * - TEST_PGLITE_IMAGE: a dump of an in-memory PGlite database with every migration applied.
 *   Opening PGlite in memory runs initdb inside WebAssembly (7–10 s on a loaded two-core
 *   machine); loading this image takes a fraction of that. Each server still gets its own
 *   database and its own seed, made at the moment it starts (the seed is relative to now).
 * - TEST_DATABASE_URL: one throwaway PostgreSQL cluster for the run instead of an initdb per
 *   test file; every server suite still creates (and drops) its own databases on it.
 *
 * Either is left as it is when already set, so a developer can point the suites elsewhere.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const cleanups: (() => Promise<void>)[] = [];
  if (!process.env['TEST_PGLITE_IMAGE']) {
    const dir = mkdtempSync(path.join(tmpdir(), 'pglite-image-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const dataDir = path.join(dir, 'data');
    const db = await openDatabase({ kind: 'pglite', dataDir });
    await migrate(db);
    await db.close();
    const raw = await PGlite.create(dataDir);
    const image = await raw.dumpDataDir('none');
    await raw.close();
    const file = path.join(dir, 'migrated.tar');
    writeFileSync(file, Buffer.from(await image.arrayBuffer()));
    process.env['TEST_PGLITE_IMAGE'] = file;
  }
  const availability = postgresAvailability();
  if (availability.available && availability.mode === 'local') {
    const cluster = await startPostgresCluster(availability);
    process.env['TEST_DATABASE_URL'] = cluster.adminUrl;
    cleanups.push(() => cluster.stop());
  }
  return async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
}
