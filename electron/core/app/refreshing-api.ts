import type { z } from 'zod';
import type { routes, RouteName, SessionGrant } from '../../../shared/api';
import { ApiCallError, apiFailureOf } from '../api/failure';
import type { HttpApi } from '../api/http-api';
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
  const signedOut = () => new ApiCallError({ kind: 'signed-out', message: 'Signed out.' });

  const refresh = (): Promise<void> => {
    refreshing ??= (async () => {
      const current = deps.session();
      if (!current) throw signedOut();
      try {
        deps.onTokens(
          await deps.api().call('refresh', { body: { refreshToken: current.tokens.refreshToken } }),
        );
      } catch (error) {
        const failure = apiFailureOf(error);
        if (failure?.kind === 'reauthenticate' || failure?.kind === 'revoked') {
          await deps.onRevoked(
            'Your session was ended by the service (a sign-in token was used twice). Sign in again.',
          );
          throw new ApiCallError({ kind: 'revoked', reason: 'device', message: failure.message });
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
    if (!current) throw signedOut();
    if (Date.parse(current.tokens.accessTokenExpiresAt) - 30_000 <= now()) await refresh();
    const attempt = () =>
      deps.api().call(name, { ...input, token: deps.session()?.tokens.accessToken ?? '' });
    try {
      return await attempt();
    } catch (error) {
      const failure = apiFailureOf(error);
      if (failure?.kind === 'revoked') {
        await deps.onRevoked(
          'This device was removed from your account, so its data has been erased.',
        );
        throw error;
      }
      if (failure?.kind === 'token-expired') {
        await refresh();
        return attempt();
      }
      throw error;
    }
  }
  return { call };
}
