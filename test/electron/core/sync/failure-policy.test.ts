import { describe, expect, it } from 'vitest';
import { ApiCallError, type ApiFailure } from '../../../../electron/core/api/failure';
import { refusalNaming, refusalText } from '../../../../electron/core/sync/refusals';
import { decideAfterFailure } from '../../../../electron/core/sync/sync-api';

/**
 * The engine's failure policy as data: every kind of failure the API client can report,
 * and what the engine does about it. Only our server's refusal refuses; the country gate
 * keeps trying; revocation and the end of the sign-in stop.
 */
const failures: [ApiFailure, ReturnType<typeof decideAfterFailure>['next'], object][] = [
  [{ kind: 'network', message: 'reset' }, 'retry', { offline: true, serviceFault: false }],
  [
    { kind: 'unavailable', status: 200, message: 'portal page', retryAfterMs: null },
    'retry',
    { offline: false, serviceFault: false, notBeforeMs: null },
  ],
  [
    { kind: 'unavailable', status: 407, message: 'proxy', retryAfterMs: null },
    'retry',
    { serviceFault: false },
  ],
  [
    { kind: 'unavailable', status: 503, message: 'down', retryAfterMs: 120_000 },
    'retry',
    { serviceFault: true, notBeforeMs: 120_000 },
  ],
  [{ kind: 'malformed', status: 200, message: 'bad page' }, 'retry', { serviceFault: true }],
  [
    { kind: 'rate-limited', message: 'slow down', retryAfterMs: 30_000 },
    'retry',
    { serviceFault: false, notBeforeMs: 30_000 },
  ],
  [{ kind: 'token-expired', code: 'TOKEN_EXPIRED', message: 'expired' }, 'retry', {}],
  [
    { kind: 'refused', status: 400, code: 'VALIDATION_FAILED', message: 'no', fieldErrors: null },
    'refused',
    {},
  ],
  [{ kind: 'country', country: 'FR', message: 'France is not approved' }, 'location', {}],
  [{ kind: 'revoked', reason: 'device', message: 'revoked' }, 'stop', {}],
  [{ kind: 'reauthenticate', code: 'REFRESH_TOKEN_REUSED', message: 'again' }, 'stop', {}],
  [{ kind: 'signed-out', message: 'signed out' }, 'stop', {}],
];

describe('decideAfterFailure', () => {
  it.each(failures)('%o → %s', (failure, next, details) => {
    expect(decideAfterFailure(new ApiCallError(failure))).toMatchObject({ next, ...details });
  });
  it('retries a failure of our own code (the disk, a bug): nothing the service said', () => {
    expect(decideAfterFailure(new Error('SQLITE_BUSY'))).toMatchObject({
      next: 'retry',
      serviceFault: false,
    });
  });
});

describe('which mutation a refused push names', () => {
  const refused = (
    code: 'VALIDATION_FAILED' | 'PAYLOAD_TOO_LARGE' | 'FORBIDDEN',
    fieldErrors: Record<string, string[]> | null,
  ) => ({
    kind: 'refused' as const,
    status: 400,
    code,
    message: 'The request body is not valid.',
    fieldErrors,
  });

  it.each([
    [
      'a field error in mutation 3',
      refused('VALIDATION_FAILED', { 'mutations.3.payload.body': ['too long'] }),
      5,
      3,
    ],
    [
      'the first of several',
      refused('VALIDATION_FAILED', { 'mutations.4.payload.x': ['a'], 'mutations.2.kind': ['b'] }),
      5,
      2,
    ],
    [
      'an error about the request, not a mutation',
      refused('VALIDATION_FAILED', { deviceId: ['bad'] }),
      5,
      null,
    ],
    ['no field errors at all', refused('VALIDATION_FAILED', null), 1, null],
    ['a wrong device (403)', refused('FORBIDDEN', null), 1, null],
    ['one mutation too large', refused('PAYLOAD_TOO_LARGE', null), 1, 0],
    ['a batch too large', refused('PAYLOAD_TOO_LARGE', null), 8, 'too-large-batch'],
  ] as const)('%s → %s', (_name, failure, length, expected) => {
    expect(refusalNaming(failure, length)).toBe(expected);
  });

  it('says what the server said about each field of the change', () => {
    expect(
      refusalText(refused('VALIDATION_FAILED', { 'mutations.0.payload.body': ['Too long'] })),
    ).toBe('The request body is not valid. body: Too long.');
  });
});
