import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { z } from 'zod';
import {
  ErrorBody,
  MAX_JSON_DEPTH,
  nestsDeeperThan,
  LOCATION_ATTESTATION_HEADER,
  parsePullResponse,
  routes,
  type RouteContract,
  type RouteName,
} from '../../../shared/api';
import type { ServerClock } from '../clock';
import { ApiCallError, failureFromErrorBody, parseRetryAfter, type ApiFailure } from './failure';

type ResponseOf<R extends RouteName> = z.infer<(typeof routes)[R]['response']>;

export interface HttpApiOptions {
  readonly baseUrl: string;
  readonly clock: ServerClock;
  /** Bind outgoing sockets here (tests place a client in a country by its loopback address). */
  readonly localAddress?: string;
  readonly timeoutMs?: number;
  readonly maxResponseBytes?: number;
  /** Every response may carry a fresh location attestation. */
  readonly onAttestation?: (jws: string) => void;
}

/**
 * The reference API over node:http(s), driven by the route table of shared/api: every
 * request is built from a route, every response body is parsed with that route's schema
 * before anyone sees it, and every serverTime feeds the server-corrected clock.
 */
export function createHttpApi(options: HttpApiOptions) {
  const base = new URL(options.baseUrl);
  const send = base.protocol === 'https:' ? httpsRequest : httpRequest;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBytes = options.maxResponseBytes ?? 64 * 1024 * 1024;

  async function call<R extends RouteName>(
    name: R,
    input: { query?: Record<string, string | number>; body?: unknown; token?: string } = {},
  ): Promise<ResponseOf<R>> {
    const route: RouteContract = routes[name];
    const url = new URL(route.path, base);
    for (const [key, value] of Object.entries(input.query ?? {}))
      url.searchParams.set(key, String(value));
    const payload = input.body === undefined ? undefined : Buffer.from(JSON.stringify(input.body));
    const sentAt = options.clock.deviceNowMs();
    const response = await new Promise<{
      status: number;
      body: string;
      attestation?: string;
      retryAfter?: string;
      contentType: string;
    }>((resolve, reject) => {
      const fail = (failure: ApiFailure) => reject(new ApiCallError(failure));
      const req = send(
        url,
        {
          method: route.method,
          headers: {
            accept: 'application/json',
            ...(payload
              ? { 'content-type': 'application/json', 'content-length': String(payload.length) }
              : {}),
            ...(input.token ? { authorization: `Bearer ${input.token}` } : {}),
          },
          ...(options.localAddress ? { localAddress: options.localAddress } : {}),
          timeout: timeoutMs,
        },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              req.destroy(
                new ApiCallError({
                  kind: 'unavailable',
                  status: res.statusCode ?? 0,
                  message: `The answer to ${route.path} is larger than ${maxBytes} bytes; nothing was stored.`,
                  retryAfterMs: null,
                }),
              );
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () => {
            // A body shorter than its declared length was cut off on the way: no answer.
            const declared = Number(res.headers['content-length']);
            if (res.complete === false || (Number.isFinite(declared) && declared > size)) {
              fail({
                kind: 'network',
                message: `The answer from ${base.host} was cut off (${size} of ${declared} bytes).`,
              });
              return;
            }
            const header = res.headers[LOCATION_ATTESTATION_HEADER];
            const retryAfter = res.headers['retry-after'];
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              contentType: String(res.headers['content-type'] ?? ''),
              ...(typeof header === 'string' ? { attestation: header } : {}),
              ...(typeof retryAfter === 'string' ? { retryAfter } : {}),
            });
          });
          res.on('aborted', () =>
            fail({ kind: 'network', message: `The answer from ${base.host} was cut off.` }),
          );
          res.on('error', (error) => fail({ kind: 'network', message: error.message }));
        },
      );
      req.on('timeout', () =>
        req.destroy(
          new ApiCallError({
            kind: 'network',
            message: `No answer from ${base.host} within ${timeoutMs / 1000} s.`,
          }),
        ),
      );
      req.on('error', (error) =>
        reject(
          error instanceof ApiCallError
            ? error
            : new ApiCallError({
                kind: 'network',
                message: `Cannot reach ${base.host}: ${error.message}`,
              }),
        ),
      );
      req.end(payload);
    });
    const receivedAt = options.clock.deviceNowMs();

    const retryAfterMs = parseRetryAfter(response.retryAfter, receivedAt);
    const notOurs = (why: string): ApiCallError =>
      new ApiCallError({
        kind: 'unavailable',
        status: response.status,
        message: `${why} (HTTP ${response.status}); will try again.`,
        retryAfterMs,
      });

    // Nothing walks an answer nested deeper than any of ours (it would overflow the stack).
    if (nestsDeeperThan(response.body, MAX_JSON_DEPTH)) {
      if (response.status !== 200)
        throw notOurs(
          response.status >= 500
            ? 'The service is unavailable'
            : `The answer to ${route.path} did not come from the service`,
        );
      throw new ApiCallError({
        kind: 'malformed',
        status: response.status,
        message: `The answer to ${route.path} was malformed (nested ${MAX_JSON_DEPTH}+ levels deep); nothing was stored.`,
      });
    }
    let json: unknown;
    try {
      json = JSON.parse(response.body);
    } catch {
      // A captive portal's sign-in page, a proxy's 407, a load balancer's error page…
      throw notOurs(
        response.status >= 500
          ? `The service is unavailable`
          : `The answer to ${route.path} did not come from the service${/html/i.test(response.contentType) ? ' (a web page: perhaps a Wi-Fi sign-in page or a proxy)' : ''}`,
      );
    }

    if (response.status !== 200) {
      // Only our server's error body, with its clock, is the service's word on a request.
      const error = ErrorBody.safeParse(json);
      if (!error.success) {
        throw notOurs(
          response.status >= 500
            ? 'The service is unavailable'
            : `The answer to ${route.path} did not come from the service`,
        );
      }
      options.clock.observe(error.data.serverTime, sentAt, receivedAt);
      throw new ApiCallError(failureFromErrorBody(response.status, error.data, retryAfterMs));
    }
    const serverTime = (json as { serverTime?: unknown } | null)?.serverTime;
    const parsed = validate(route, name, json);
    if (!parsed.ok) {
      throw new ApiCallError({
        kind: 'malformed',
        status: response.status,
        message: `The answer to ${route.path} was malformed (${parsed.message}); nothing was stored.`,
      });
    }
    if (typeof serverTime === 'string') options.clock.observe(serverTime, sentAt, receivedAt);
    if (response.attestation) options.onAttestation?.(response.attestation);
    return parsed.data as ResponseOf<R>;
  }

  return { call, baseUrl: base.toString() };
}

/** The route's response schema; the pull feed uses its equally strict, faster parser. */
function validate(
  route: RouteContract,
  name: RouteName,
  json: unknown,
): { ok: true; data: unknown } | { ok: false; message: string } {
  if (name === 'pull') {
    const page = parsePullResponse(json);
    return page.success ? { ok: true, data: page.data } : { ok: false, message: page.message };
  }
  const parsed = route.response.safeParse(json);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, message: issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid' };
}
export type HttpApi = ReturnType<typeof createHttpApi>;
