import type {
  ChecksumsResponse,
  Lane,
  PullResponse,
  PushRequest,
  PushResponse,
  ScopePullQuery,
  ScopePullResponse,
} from '../../../shared/api';
import { type ApiFailure, apiFailureOf, assertNeverFailure } from '../api/failure';

/** What the sync engine needs of the authorised API client (electron/core/api). */
export interface SyncApi {
  pull(query: { lane: Lane; after: string; limit: number }): Promise<PullResponse>;
  push(request: PushRequest): Promise<PushResponse>;
  checksums(lane: Lane): Promise<ChecksumsResponse>;
  /** The server's current rows of one scope (drift repair). Optional: older sessions lack it. */
  pullScope?(query: ScopePullQuery): Promise<ScopePullResponse>;
}

/**
 * What the engine does after a failed call, decided from the API client's one
 * classification of the failure (electron/core/api/failure.ts), never from error names. The
 * switch is exhaustive: a new kind of failure does not compile until it is decided here.
 */
export type SyncDecision =
  /**
   * Try again later. Nothing is refused: no answer, or an answer that is not the service's
   * word (a captive portal's page, a proxy's 407, a gateway's 5xx), or our own server failing.
   */
  | {
      readonly next: 'retry';
      /** No answer reached us at all. */
      readonly offline: boolean;
      /** Retry-After or a rate limit: not before this many ms from now. */
      readonly notBeforeMs: number | null;
      /**
       * The service itself failed on the request (a 5xx, our INTERNAL, a malformed 200): for
       * a push of one mutation, a failure that counts toward holding it back.
       */
      readonly serviceFault: boolean;
      readonly message: string;
    }
  /** Our server refused the request, in words (a well-formed 4xx). */
  | { readonly next: 'refused'; readonly failure: Extract<ApiFailure, { kind: 'refused' }> }
  /**
   * The service refuses this location (COUNTRY_NOT_APPROVED): the session shows the location
   * screen; the engine keeps trying with backoff, so an approval, or a return to an approved
   * country, resumes sync on the next attempt.
   */
  | { readonly next: 'location'; readonly message: string }
  /** Access or the sign-in has ended (revoked, sign in again, signed out): the engine stops. */
  | { readonly next: 'stop'; readonly message: string };

export function decideAfterFailure(error: unknown): SyncDecision {
  const failure = apiFailureOf(error);
  if (failure === null) {
    // Our own code failed (e.g. the disk): nothing the service said; try again later.
    return {
      next: 'retry',
      offline: false,
      notBeforeMs: null,
      serviceFault: false,
      message: error instanceof Error ? error.message : String(error),
    };
  }
  const retry = (offline: boolean, notBeforeMs: number | null, serviceFault: boolean) =>
    ({ next: 'retry', offline, notBeforeMs, serviceFault, message: failure.message }) as const;
  switch (failure.kind) {
    case 'network':
      return retry(true, null, false);
    case 'unavailable':
      return retry(false, failure.retryAfterMs, failure.status >= 500);
    case 'malformed':
      return retry(false, null, true);
    case 'rate-limited':
      return retry(false, failure.retryAfterMs, false);
    case 'token-expired':
      // The authorised client already refreshed once and the service still says no.
      return retry(false, null, false);
    case 'refused':
      return { next: 'refused', failure };
    case 'country':
      return { next: 'location', message: failure.message };
    case 'revoked':
    case 'reauthenticate':
    case 'signed-out':
      return { next: 'stop', message: failure.message };
    default:
      return assertNeverFailure(failure);
  }
}

export const failureMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
