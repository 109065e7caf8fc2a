// Test seam: runs PGlite's worker entry from TypeScript source (tsx), so the suites exercise
// the same worker protocol as the built out/main/pglite-worker.js.
import { register } from 'tsx/esm/api';

register();
await import('../../server/db/pglite-worker.ts');
