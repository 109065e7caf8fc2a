import type {
  ChecksumsResponse,
  Lane,
  PullResponse,
  PushRequest,
  PushResponse,
} from '../../../shared/api';

/** What the sync engine needs of the authorised API client (electron/core/api). */
export interface SyncApi {
  pull(query: { lane: Lane; after: string; limit: number }): Promise<PullResponse>;
  push(request: PushRequest): Promise<PushResponse>;
  checksums(lane: Lane): Promise<ChecksumsResponse>;
}

/**
 * How a failed call is treated. The API client's error classes are told apart by name so
 * the engine does not depend on their module: network errors and 5xx are retried with
 * backoff; a 4xx is the server's word on that request; revocation and the country gate
 * stop syncing until the session deals with them.
 */
export type FailureKind = 'retry' | 'refused' | 'stop';

export function classifyFailure(error: unknown): FailureKind {
  const name = error instanceof Error ? error.name : '';
  if (
    name === 'DeviceRevokedError' ||
    name === 'CountryNotApprovedError' ||
    name === 'SignedOutError'
  )
    return 'stop';
  if (name === 'ApiRefusal' || name === 'ApiProtocolError') return 'refused';
  return 'retry';
}

export const failureMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
