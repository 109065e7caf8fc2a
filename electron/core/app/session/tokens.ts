import type { z } from 'zod';
import type {
  routes,
  RouteName,
  SessionGrant,
  TokenPair as TokenPairSchema,
} from '../../../../shared/api';

type TokenPair = z.infer<typeof TokenPairSchema>;
import { ApiCallError, apiFailureOf } from '../../api/failure';
import type { HttpApi } from '../../api/http-api';

/** Refresh this long before the access token's expiry, so a call never races it. */
const REFRESH_MARGIN_MS = 30_000;

export interface AuthorisedApi {
  call<R extends RouteName>(
    name: R,
    input?: { query?: Record<string, string | number>; body?: unknown },
  ): Promise<z.infer<(typeof routes)[R]['response']>>;
  /** Renew the tokens (and with them the offline lease and attestation) now. */
  refreshNow(): Promise<void>;
}

/**
 * Authorised calls, with the access token renewed without the user noticing (on expiry, or
 * when the server answers TOKEN_EXPIRED). As in supabase/auth-js, one refresh is in flight at
 * a time and every caller waits for it; a caller whose token was already replaced by
 * someone else's refresh simply retries with the new one, so a token is rotated once.
 *
 * A new pair is persisted (`save`, which throws when it cannot) before it is used: an
 * answer we could not keep would leave the server with a rotated token we no longer have.
 * Failures are thrown as classified; what they mean for the session (erase, sign in again)
 * is decided by the session's policy where it reads them, never here.
 */
export function authorisedApi(deps: {
  api: () => HttpApi;
  tokens: () => TokenPair | null;
  save: (grant: SessionGrant) => void;
  /** Server-corrected time (the server judges expiry by its clock). */
  now: () => number;
}): AuthorisedApi {
  let inFlight: { readonly replacing: string; readonly done: Promise<void> } | null = null;
  const signedOut = () => new ApiCallError({ kind: 'signed-out', message: 'Signed out.' });

  const current = (): TokenPair => {
    const tokens = deps.tokens();
    if (!tokens) throw signedOut();
    return tokens;
  };

  /** Replace `seen` (the refresh token the caller knew); a no-op once it has been replaced. */
  const refresh = (seen: string): Promise<void> => {
    if (inFlight?.replacing === seen) return inFlight.done;
    if (current().refreshToken !== seen) return Promise.resolve();
    const done = (async () => {
      const grant = await deps.api().call('refresh', { body: { refreshToken: seen } });
      deps.save(grant); // persisted before anyone uses it
    })().finally(() => {
      if (inFlight?.done === done) inFlight = null;
    });
    inFlight = { replacing: seen, done };
    return done;
  };

  async function call<R extends RouteName>(
    name: R,
    input: { query?: Record<string, string | number>; body?: unknown } = {},
  ): Promise<z.infer<(typeof routes)[R]['response']>> {
    current(); // nobody signed in: nothing is sent
    if (inFlight) await inFlight.done;
    let tokens = current();
    if (Date.parse(tokens.accessTokenExpiresAt) - REFRESH_MARGIN_MS <= deps.now()) {
      await refresh(tokens.refreshToken);
      tokens = current();
    }
    try {
      return await deps.api().call(name, { ...input, token: tokens.accessToken });
    } catch (error) {
      if (apiFailureOf(error)?.kind !== 'token-expired') throw error;
      await refresh(tokens.refreshToken);
      return deps.api().call(name, { ...input, token: current().accessToken });
    }
  }

  return {
    call,
    refreshNow: () => refresh(current().refreshToken),
  };
}

/**
 * The offline lease: while it lasts (on lived time, clock.ts), the passcode alone opens patient
 * data; once it is over, only a renewal from the service does. An unreadable lease is over.
 */
export const offlineLeaseOver = (expiresAt: string | undefined, livedNowMs: number): boolean =>
  !(Date.parse(expiresAt ?? '') > livedNowMs);
