import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionGrant } from '../../../../shared/api';
import { createHttpApi } from '../../../../electron/core/api/http-api';
import { authorisedApi, offlineLeaseOver } from '../../../../electron/core/app/session/tokens';
import { createServerClock } from '../../../../electron/core/clock';
import { signIn, type TestServer } from '../../../server/support/harness';
import type { FaultProxy } from '../../../support/fault-proxy';
import { useReferenceServer } from '../../../support/reference-server';

/**
 * Token renewal on its own, against the real server behind the counting fault proxy: one
 * renewal however many calls need it, and a renewed pair that could not be kept is never used.
 */
const reference = useReferenceServer();
let server: TestServer;
let proxy: FaultProxy;
beforeAll(() => {
  server = reference.server();
  proxy = reference.proxy();
});

/** A fresh sign-in whose access token the client believes has expired. */
async function expiredTokens(name: string): Promise<SessionGrant['tokens']> {
  const session = await signIn(server, server.account(name));
  return { ...session.grant.tokens, accessTokenExpiresAt: new Date(0).toISOString() };
}

describe('authorised calls', () => {
  it('renew once for five calls that need it together', async () => {
    let tokens = await expiredTokens('Amelia Hart');
    const api = authorisedApi({
      api: () => createHttpApi({ baseUrl: proxy.url, clock: createServerClock() }),
      tokens: () => tokens,
      save: (grant) => void (tokens = grant.tokens),
      now: Date.now,
    });
    const refreshes = proxy.count('/auth/refresh');
    const calls = proxy.count('/me');
    await Promise.all(Array.from({ length: 5 }, () => api.call('me')));
    expect(proxy.count('/auth/refresh')).toBe(refreshes + 1);
    expect(proxy.count('/me')).toBe(calls + 5);
  });

  it('never use a renewed pair that could not be kept', async () => {
    const tokens = await expiredTokens('Tom Reeve');
    const api = authorisedApi({
      api: () => createHttpApi({ baseUrl: proxy.url, clock: createServerClock() }),
      tokens: () => tokens,
      save: () => {
        throw new Error('The disk is full.');
      },
      now: Date.now,
    });
    const calls = proxy.count('/me');
    await expect(api.call('me')).rejects.toThrow(/disk is full/);
    expect(proxy.count('/me')).toBe(calls);
  });
});

describe('the offline lease', () => {
  it('is over at its expiry instant, and when it cannot be read', () => {
    const at = Date.parse('2026-03-01T12:00:00Z');
    expect(offlineLeaseOver('2026-03-01T12:00:00.001Z', at)).toBe(false);
    expect(offlineLeaseOver('2026-03-01T12:00:00Z', at)).toBe(true);
    expect(offlineLeaseOver('not a time', at)).toBe(true);
    expect(offlineLeaseOver(undefined, at)).toBe(true);
  });
});
