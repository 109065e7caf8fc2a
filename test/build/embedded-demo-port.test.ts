import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedBackend } from '../../electron/core/host/embedded-backend';

/**
 * The embedded demo backend (the built out/main/demo-server.js, as `npm start` and the preview
 * run it) listens where it listened last time. A device signed in to the demo keeps the
 * server's URL in its session: a fresh port at every start left the app offline for good
 * after the first restart ("Cannot reach 127.0.0.1:42111").
 */
const entry = path.resolve(import.meta.dirname, '../../out/main/demo-server.js');
const dataDir = mkdtempSync(path.join(tmpdir(), 'demo-port-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const health = async (url: string): Promise<number> => (await fetch(`${url}/health`)).status;

describe('the embedded demo backend across restarts', () => {
  it('comes back on the same address, and on another only when that one is taken', async () => {
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first.`);
    const first = await startEmbeddedBackend({ entry, dataDir });
    const firstUrl = first.url;
    expect(await health(firstUrl)).toBe(200);
    await first.close();

    const second = await startEmbeddedBackend({ entry, dataDir });
    try {
      expect(second.url).toBe(firstUrl);
      expect(await health(second.url)).toBe(200);
    } finally {
      await second.close();
    }

    // Something else took the port meanwhile: the demo still starts, elsewhere.
    const squatter = createServer();
    await new Promise<void>((listening) =>
      squatter.listen(Number(new URL(firstUrl).port), '127.0.0.1', listening),
    );
    try {
      const third = await startEmbeddedBackend({ entry, dataDir });
      try {
        expect(third.url).not.toBe(firstUrl);
        expect(await health(third.url)).toBe(200);
      } finally {
        await third.close();
      }
    } finally {
      await new Promise((closed) => squatter.close(closed));
    }
  }, 180_000);
});
