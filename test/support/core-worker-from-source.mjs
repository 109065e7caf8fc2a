// Test seam: runs the core's worker entry from TypeScript source (tsx), so unit tests
// exercise the same worker protocol as the built out/main/core-worker.js.
import { register } from 'tsx/esm/api';

register();
await import('../../electron/core/worker.ts');
