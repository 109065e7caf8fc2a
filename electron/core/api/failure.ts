import type { ErrorCode, FieldErrors } from '../../../shared/api';

type FieldErrorMap = ReturnType<(typeof FieldErrors)['parse']>;

/**
 * Every way a call to the service can fail, decided once, where the answer is read
 * (`http-api.ts`), and nowhere else. Consumers switch on `kind` exhaustively
 * (`assertNeverFailure`), so a new kind fails to compile until every consumer decides what
 * it means. The rule of thumb: only a well-formed answer *from our server* (its ErrorBody,
 * with the server's clock) may say no to something; anything else — no answer, an HTML page
 * from a captive portal, a proxy's 407, a 5xx, a truncated body — is not a decision and is
 * retried.
 */
export type ApiFailure =
  /** No answer at all: unreachable, reset, timed out, or the body ended early. */
  | { readonly kind: 'network'; readonly message: string }
  /**
   * An answer that is not our server's word: a 5xx, an HTML or other unreadable body (captive
   * portal, proxy 407, load balancer 502/503/429 page), a redirect, a 4xx without our error
   * body. Retry with backoff, honouring Retry-After when there is one.
   */
  | {
      readonly kind: 'unavailable';
      readonly status: number;
      readonly message: string;
      readonly retryAfterMs: number | null;
    }
  /** A 200 whose body fails the API contract: nothing of it is stored; retried later. */
  | { readonly kind: 'malformed'; readonly status: number; readonly message: string }
  /** Our server is throttling this caller (RATE_LIMITED). */
  | {
      readonly kind: 'rate-limited';
      readonly message: string;
      readonly retryAfterMs: number | null;
    }
  /** The access token is no longer accepted (TOKEN_EXPIRED, UNAUTHENTICATED): refresh, retry. */
  | { readonly kind: 'token-expired'; readonly code: ErrorCode; readonly message: string }
  /**
   * The sign-in on this device can no longer be renewed (a refresh token refused, expired,
   * reused, or the account disabled): the person must sign in again online. Pending work is
   * kept — this is never a reason to erase anything.
   */
  | { readonly kind: 'reauthenticate'; readonly code: ErrorCode; readonly message: string }
  /**
   * Access has ended for good: the device was revoked or the account deleted. The only
   * answers on which a device erases its data.
   */
  | {
      readonly kind: 'revoked';
      readonly reason: 'device' | 'account-deleted';
      readonly message: string;
    }
  /** The request came from a country not approved for this user (COUNTRY_NOT_APPROVED). */
  | { readonly kind: 'country'; readonly country: string; readonly message: string }
  /** Our server refused this request, for a reason given in words (a well-formed 4xx). */
  | {
      readonly kind: 'refused';
      readonly status: number;
      readonly code: ErrorCode;
      readonly message: string;
      readonly fieldErrors: FieldErrorMap | null;
    }
  /** No one is signed in on this device: nothing was sent. */
  | { readonly kind: 'signed-out'; readonly message: string };

export type ApiFailureKind = ApiFailure['kind'];

/** Thrown by the API client; carries the one classification of what went wrong. */
export class ApiCallError extends Error {
  override readonly name = 'ApiCallError';
  constructor(readonly failure: ApiFailure) {
    super(failure.message);
  }
}

/** The classification of a thrown value, or null when it did not come from the API client. */
export const apiFailureOf = (error: unknown): ApiFailure | null =>
  error instanceof ApiCallError ? error.failure : null;

/** Which failure an ErrorBody code is: the code table of shared/api, in one place. */
/**
 * What each refusal means, in the device's own words: said when the server's message is not
 * a sentence a person can act on (empty, a word, a code), so a refusal is never shown as
 * "yesterday" or "x".
 */
const IN_OUR_WORDS: Readonly<Record<ErrorCode, string>> = {
  VALIDATION_FAILED: 'The service did not accept this change as it is.',
  PAYLOAD_TOO_LARGE: 'This is too large for the service to accept.',
  UNAUTHENTICATED: 'The service asked this device to sign in again.',
  TOKEN_EXPIRED: 'The sign-in on this device needs renewing.',
  INVALID_CREDENTIALS: 'The email, password or authenticator code is not right.',
  DEVICE_REVOKED: 'This device has been removed from the service.',
  REFRESH_TOKEN_INVALID: 'The sign-in on this device can no longer be renewed: sign in again.',
  REFRESH_TOKEN_REUSED: 'The sign-in on this device can no longer be renewed: sign in again.',
  REFRESH_TOKEN_EXPIRED: 'The sign-in on this device has expired: sign in again.',
  COUNTRY_NOT_APPROVED: 'The service does not allow access from this country.',
  FORBIDDEN: 'The service does not allow this for your account.',
  NOT_FOUND: 'The service does not hold this record for you.',
  RATE_LIMITED: 'Too many attempts: wait a moment and try again.',
  INTERNAL: 'Something went wrong on the service; it will be tried again.',
  ACCOUNT_DISABLED: 'Your account has been disabled: contact the service.',
  ACCOUNT_DELETED: 'Your account has been closed.',
};

/** The server's message when it reads as a sentence, otherwise ours for the code. */
export function messageForPeople(code: ErrorCode, message: string): string {
  const text = message.trim();
  return text.length >= 10 && /\s/.test(text) ? text : IN_OUR_WORDS[code];
}

export function failureFromErrorBody(
  status: number,
  body: {
    code: ErrorCode;
    message: string;
    fieldErrors?: FieldErrorMap | undefined;
    country?: string | undefined;
  },
  retryAfterMs: number | null,
): ApiFailure {
  const { code } = body;
  const message = messageForPeople(code, body.message);
  switch (code) {
    case 'DEVICE_REVOKED':
      return { kind: 'revoked', reason: 'device', message };
    case 'ACCOUNT_DELETED':
      return { kind: 'revoked', reason: 'account-deleted', message };
    case 'TOKEN_EXPIRED':
    case 'UNAUTHENTICATED':
      return { kind: 'token-expired', code, message };
    case 'REFRESH_TOKEN_INVALID':
    case 'REFRESH_TOKEN_REUSED':
    case 'REFRESH_TOKEN_EXPIRED':
    case 'ACCOUNT_DISABLED':
      return { kind: 'reauthenticate', code, message };
    case 'COUNTRY_NOT_APPROVED':
      return { kind: 'country', country: body.country ?? 'ZZ', message };
    case 'RATE_LIMITED':
      return { kind: 'rate-limited', message, retryAfterMs };
    case 'INTERNAL':
      return { kind: 'unavailable', status, message, retryAfterMs };
    case 'VALIDATION_FAILED':
    case 'PAYLOAD_TOO_LARGE':
    case 'INVALID_CREDENTIALS':
    case 'FORBIDDEN':
    case 'NOT_FOUND':
      return { kind: 'refused', status, code, message, fieldErrors: body.fieldErrors ?? null };
    default:
      return assertNeverCode(code);
  }
}

/** Retry-After in milliseconds (seconds or an HTTP date), or null when absent or unreadable. */
export function parseRetryAfter(header: string | undefined, nowMs: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/** For exhaustive switches over ApiFailure['kind']: a new kind fails to compile here. */
export function assertNeverFailure(failure: never): never {
  throw new Error(`Unhandled API failure: ${JSON.stringify(failure)}`);
}

function assertNeverCode(code: never): never {
  throw new Error(`Unhandled error code: ${String(code)}`);
}
