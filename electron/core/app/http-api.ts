import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { z } from 'zod';
import {
  ErrorBody,
  LOCATION_ATTESTATION_HEADER,
  parsePullResponse,
  routes,
  type RouteContract,
  type RouteName,
} from '../../../shared/api';
import type { ServerClock } from '../clock';

/** The network or the server's process failed: retry with backoff. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}
export class ServerError extends Error {
  override readonly name = 'ServerError';
}
/** The server said no to this request (4xx), with a reason for people. */
export class ApiRefusal extends Error {
  override readonly name = 'ApiRefusal';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
  }
}
export class DeviceRevokedError extends Error {
  override readonly name = 'DeviceRevokedError';
}
export class CountryNotApprovedError extends Error {
  override readonly name = 'CountryNotApprovedError';
  constructor(
    readonly country: string,
    message: string,
  ) {
    super(message);
  }
}
/** The answer did not match the API contract: nothing of it may reach the cache. */
export class ApiProtocolError extends Error {
  override readonly name = 'ApiProtocolError';
}

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
    const sentAt = Date.now();
    const response = await new Promise<{ status: number; body: string; attestation?: string }>(
      (resolve, reject) => {
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
                  new ApiProtocolError(
                    `The server's answer to ${route.path} is larger than ${maxBytes} bytes.`,
                  ),
                );
                return;
              }
              chunks.push(chunk);
            });
            res.on('end', () => {
              const header = res.headers[LOCATION_ATTESTATION_HEADER];
              resolve({
                status: res.statusCode ?? 0,
                body: Buffer.concat(chunks).toString('utf8'),
                ...(typeof header === 'string' ? { attestation: header } : {}),
              });
            });
            res.on('error', (error) => reject(new NetworkError(error.message)));
          },
        );
        req.on('timeout', () =>
          req.destroy(
            new NetworkError(`No answer from ${base.host} within ${timeoutMs / 1000} s.`),
          ),
        );
        req.on('error', (error) =>
          reject(
            error instanceof ApiProtocolError || error instanceof NetworkError
              ? error
              : new NetworkError(`Cannot reach ${base.host}: ${error.message}`),
          ),
        );
        req.end(payload);
      },
    );
    const receivedAt = Date.now();

    let json: unknown;
    try {
      json = JSON.parse(response.body);
    } catch {
      if (response.status >= 500)
        throw new ServerError(`The server failed (HTTP ${response.status}).`);
      throw new ApiProtocolError(
        `The server's answer to ${route.path} is not JSON (HTTP ${response.status}).`,
      );
    }
    const serverTime = (json as { serverTime?: unknown } | null)?.serverTime;
    if (typeof serverTime === 'string') options.clock.observe(serverTime, sentAt, receivedAt);

    if (response.status !== 200) {
      if (response.status >= 500)
        throw new ServerError(`The server failed (HTTP ${response.status}).`);
      const error = ErrorBody.safeParse(json);
      if (!error.success)
        throw new ApiProtocolError(
          `The server refused ${route.path} without a readable reason (HTTP ${response.status}).`,
        );
      const { code, message, fieldErrors, country } = error.data;
      if (code === 'DEVICE_REVOKED') throw new DeviceRevokedError(message);
      if (code === 'COUNTRY_NOT_APPROVED')
        throw new CountryNotApprovedError(country ?? 'ZZ', message);
      throw new ApiRefusal(response.status, code, message, fieldErrors);
    }
    const parsed = validate(route, name, json);
    if (!parsed.ok) {
      throw new ApiProtocolError(
        `The server's answer to ${route.path} was malformed (${parsed.message}); nothing was stored.`,
      );
    }
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
