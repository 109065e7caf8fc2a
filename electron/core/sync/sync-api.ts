import type {
  ChecksumsResponse,
  Lane,
  PullResponse,
  PushRequest,
  PushResponse,
} from '../../../shared/api';
import { apiFailureOf, assertNeverFailure } from '../api/failure';

/** What the sync engine needs of the authorised API client (electron/core/api). */
export interface SyncApi {
  pull(query: { lane: Lane; after: string; limit: number }): Promise<PullResponse>;
  push(request: PushRequest): Promise<PushResponse>;
  checksums(lane: Lane): Promise<ChecksumsResponse>;
}

/**
 * What the engine does about a failed call, decided from the API client's one classification
 * of the failure (electron/core/api/failure.ts), never from error names. Only our server's
 * well-formed refusal rejects a change; anything that is not the service's word (no answer,
 * a captive portal's page, a proxy's 407, a 5xx, a malformed body) is retried; the end of
 * access or of the sign-in, and the country gate, stop syncing until the session deals with
 * them.
 */
export type FailureKind = 'retry' | 'refused' | 'stop';

export function classifyFailure(error: unknown): FailureKind {
  const failure = apiFailureOf(error);
  if (!failure) return 'retry'; // our own code failed (e.g. the disk): try again later
  switch (failure.kind) {
    case 'refused':
      return 'refused';
    case 'network':
    case 'unavailable':
    case 'malformed':
    case 'rate-limited':
    case 'token-expired':
      return 'retry';
    case 'revoked':
    case 'reauthenticate':
    case 'country':
    case 'signed-out':
      return 'stop';
    default:
      return assertNeverFailure(failure);
  }
}

/** No answer reached us at all (as opposed to an answer we could not use). */
export const isOffline = (error: unknown): boolean => apiFailureOf(error)?.kind === 'network';

export const failureMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
