import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFailureOf, type ApiFailure } from '../../../../electron/core/api/failure';
import { createHttpApi } from '../../../../electron/core/api/http-api';
import { createServerClock } from '../../../../electron/core/clock';

/**
 * The API client's one classification of every answer, against a real HTTP server on
 * loopback that answers the way hotel Wi-Fi, proxies, load balancers and our own server do.
 */
type Answer = (res: ServerResponse, socket: Socket) => void;
let answer: Answer = (res) => res.end();
let server: Server;
let baseUrl: string;

const serverTime = '2026-12-01T12:00:00.000Z';
const errorBody = (code: string, message: string, extra: object = {}) =>
  JSON.stringify({ serverTime, code, message, ...extra });
const json = (status: number, body: string, headers: Record<string, string> = {}): Answer => {
  return (res) =>
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);
};
const html = (status: number, headers: Record<string, string> = {}): Answer => {
  return (res) =>
    res
      .writeHead(status, { 'content-type': 'text/html', ...headers })
      .end('<html><body>Welcome to Hotel Wi-Fi. Please sign in.</body></html>');
};

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(res, req.socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function failureOf(a: Answer, route: 'me' | 'push' = 'me'): Promise<ApiFailure> {
  answer = a;
  const clock = createServerClock();
  const api = createHttpApi({ baseUrl, clock, timeoutMs: 2_000 });
  try {
    await (route === 'me'
      ? api.call('me', { token: 't' })
      : api.call('push', { token: 't', body: { deviceId: 'd', mutations: [] } }));
  } catch (error) {
    const failure = apiFailureOf(error);
    if (!failure) throw error;
    return failure;
  }
  throw new Error('the call succeeded');
}

describe('answers that are not the service’s word are never a refusal', () => {
  it.each([
    ['a captive portal’s sign-in page (HTML 200)', html(200)],
    ['a captive portal’s redirect (302)', html(302, { location: 'http://portal.example/' })],
    ['a proxy asking for credentials (407)', html(407, { 'proxy-authenticate': 'Basic' })],
    ['a load balancer’s 429 page', html(429)],
    ['a 404 page from something else', html(404)],
    ['JSON that is not our error body (400)', json(400, '{"error":"bad"}')],
    ['a 502 from a gateway', html(502)],
    ['our server failing (500 with our body)', json(500, errorBody('INTERNAL', 'boom'))],
  ])('%s → unavailable (retried)', async (_name, a) => {
    const failure = await failureOf(a, 'push');
    expect(failure.kind).toBe('unavailable');
  });

  it('a portal page is named as such for the person reading the status', async () => {
    const failure = await failureOf(html(200));
    expect(failure.message).toMatch(/Wi-Fi sign-in page or a proxy/);
  });

  it('honours Retry-After (seconds) on an unreadable answer', async () => {
    const failure = await failureOf(html(503, { 'retry-after': '120' }));
    expect(failure).toMatchObject({ kind: 'unavailable', retryAfterMs: 120_000 });
  });

  it('a 200 that fails the contract is malformed, not a refusal', async () => {
    const failure = await failureOf(json(200, JSON.stringify({ serverTime, surprise: true })));
    expect(failure.kind).toBe('malformed');
  });
});

describe('no answer at all is a network failure', () => {
  it('a connection reset', async () => {
    const failure = await failureOf((_res, socket) => socket.destroy());
    expect(failure.kind).toBe('network');
  });

  it('a body cut off before its declared length', async () => {
    const failure = await failureOf((res, socket) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      res.write('{"serverTime":"2026-12-01T12:00:00.000Z","us');
      setTimeout(() => socket.destroy(), 20);
    });
    expect(failure.kind).toBe('network');
  });

  it('nobody listening', async () => {
    const api = createHttpApi({ baseUrl: 'http://127.0.0.1:9', clock: createServerClock() });
    const failure = await api.call('health').then(
      () => null,
      (error: unknown) => apiFailureOf(error),
    );
    expect(failure?.kind).toBe('network');
  });
});

describe('our server’s error body is its word, classified by code', () => {
  it.each([
    ['DEVICE_REVOKED', 401, { kind: 'revoked', reason: 'device' }],
    ['ACCOUNT_DELETED', 401, { kind: 'revoked', reason: 'account-deleted' }],
    ['TOKEN_EXPIRED', 401, { kind: 'token-expired' }],
    ['UNAUTHENTICATED', 401, { kind: 'token-expired' }],
    ['REFRESH_TOKEN_REUSED', 401, { kind: 'reauthenticate' }],
    ['REFRESH_TOKEN_EXPIRED', 401, { kind: 'reauthenticate' }],
    ['REFRESH_TOKEN_INVALID', 401, { kind: 'reauthenticate' }],
    ['ACCOUNT_DISABLED', 403, { kind: 'reauthenticate' }],
    ['RATE_LIMITED', 429, { kind: 'rate-limited' }],
    ['VALIDATION_FAILED', 400, { kind: 'refused', code: 'VALIDATION_FAILED', status: 400 }],
    ['FORBIDDEN', 403, { kind: 'refused', code: 'FORBIDDEN' }],
    ['NOT_FOUND', 404, { kind: 'refused', code: 'NOT_FOUND' }],
  ] as const)('%s → %o', async (code, status, expected) => {
    const failure = await failureOf(json(status, errorBody(code, 'no'), { 'retry-after': '5' }));
    expect(failure).toMatchObject(expected);
  });

  it('names the country of COUNTRY_NOT_APPROVED', async () => {
    const failure = await failureOf(
      json(403, errorBody('COUNTRY_NOT_APPROVED', 'Not from US', { country: 'US' })),
    );
    expect(failure).toEqual({ kind: 'country', country: 'US', message: 'Not from US' });
  });

  it('keeps the field errors of a refusal', async () => {
    const failure = await failureOf(
      json(
        400,
        errorBody('VALIDATION_FAILED', 'bad', {
          fieldErrors: { 'mutations.0.payload.body': ['too long'] },
        }),
      ),
    );
    expect(failure).toMatchObject({
      kind: 'refused',
      fieldErrors: { 'mutations.0.payload.body': ['too long'] },
    });
  });
});

describe('the server clock', () => {
  it('is not moved by an answer that failed its contract', async () => {
    answer = json(200, JSON.stringify({ serverTime: '2030-01-01T00:00:00.000Z', bogus: 1 }));
    const clock = createServerClock();
    const api = createHttpApi({ baseUrl, clock });
    await api.call('me', { token: 't' }).catch(() => undefined);
    expect(clock.lastServerTime).toBeNull();
  });
});

describe('answers that would hurt the reader (found by the proof suite’s response fuzz, seed 11)', () => {
  it('an answer nested 20,000 deep is malformed, never a stack overflow', async () => {
    const deep = `{"serverTime":"${serverTime}","user":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const failure = await failureOf(json(200, deep));
    expect(failure.kind).toBe('malformed');
    expect(failure.message).toMatch(/nested 64\+ levels deep/);
    expect((await failureOf(json(401, deep))).kind).toBe('unavailable');
  });

  it('a refusal whose message is not a sentence is said in the device’s own words', async () => {
    const failure = await failureOf(json(401, errorBody('ACCOUNT_DISABLED', 'yesterday')));
    expect(failure).toMatchObject({
      kind: 'reauthenticate',
      message: 'Your account has been disabled: contact the service.',
    });
    const worded = await failureOf(
      json(400, errorBody('VALIDATION_FAILED', 'The reply is longer than 10,000 characters.')),
    );
    expect(worded.message).toBe('The reply is longer than 10,000 characters.');
  });
});
