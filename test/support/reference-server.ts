import { afterAll, beforeAll } from 'vitest';
import type { ReferenceServerOptions } from '../../server';
import { pgliteBackend } from '../server/support/backends';
import { startTestServer, type TestServer } from '../server/support/harness';
import { startFaultProxy, type FaultProxy } from './fault-proxy';

/**
 * For a test file: the real reference server (in-memory PGlite, demo seed) on loopback and a
 * fault-injecting hop in front of it, started once and stopped after the file.
 */
export function useReferenceServer(options: Partial<ReferenceServerOptions> = {}): {
  server(): TestServer;
  proxy(): FaultProxy;
} {
  let server: TestServer | undefined;
  let proxy: FaultProxy | undefined;
  beforeAll(async () => {
    server = await startTestServer(pgliteBackend, options);
    proxy = await startFaultProxy(server.url);
  }, 120_000);
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
  });
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the reference server is not started yet');
    return value;
  };
  return { server: () => need(server), proxy: () => need(proxy) };
}
