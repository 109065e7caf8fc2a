import type { z } from 'zod';
import type { routes, RouteName, SessionGrant } from '../../../shared/api';
import { ApiRefusal, DeviceRevokedError, type HttpApi } from './http-api';
import type { PersistedSession } from './session-state';

/**
 * Authorised calls: the access token is refreshed without the user noticing (on expiry, or
 * when the server answers TOKEN_EXPIRED), once for all concurrent callers. A revoked
 * device, or a refresh token the server refuses (its family revoked after reuse), ends the
 * session on this device.
 */
export function refreshingApi(deps: {
  api: () => HttpApi;
  session: () => PersistedSession | null;
  onTokens: (grant: SessionGrant) => void;
  onRevoked: (why: string) => Promise<void>;
  /** Device clock (injected in tests). */
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  let refreshing: Promise<void> | null = null;

  const refresh = (): Promise<void> => {
    refreshing ??= (async () => {
      const current = deps.session();
      if (!current) throw new DeviceRevokedError('Signed out.');
      try {
        deps.onTokens(
          await deps.api().call('refresh', { body: { refreshToken: current.tokens.refreshToken } }),
        );
      } catch (error) {
        if (error instanceof ApiRefusal && error.status === 401) {
          await deps.onRevoked(
            'Your session was ended by the service (a sign-in token was used twice). Sign in again.',
          );
          throw new DeviceRevokedError(error.message);
        }
        throw error;
      }
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  };

  async function call<R extends RouteName>(
    name: R,
    input: { query?: Record<string, string | number>; body?: unknown } = {},
  ): Promise<z.infer<(typeof routes)[R]['response']>> {
    const current = deps.session();
    if (!current) throw Object.assign(new Error('Signed out.'), { name: 'SignedOutError' });
    if (Date.parse(current.tokens.accessTokenExpiresAt) - 30_000 <= now()) await refresh();
    const attempt = () =>
      deps.api().call(name, { ...input, token: deps.session()?.tokens.accessToken ?? '' });
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof DeviceRevokedError) {
        await deps.onRevoked(
          'This device was removed from your account, so its data has been erased.',
        );
        throw error;
      }
      if (
        error instanceof ApiRefusal &&
        error.status === 401 &&
        (error.code === 'TOKEN_EXPIRED' || error.code === 'UNAUTHENTICATED')
      ) {
        await refresh();
        return attempt();
      }
      throw error;
    }
  }
  return { call };
}
