import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the network between a device and the service does on a bad day. Canned answers never
 * reach the server (a captive portal or a proxy answers instead); `truncate` and
 * `lose-response` reach it — it commits — and then the answer is spoilt on the way back.
 */
export type NetworkFault =
  /** Hotel Wi-Fi's sign-in page, 200 text/html. */
  | { readonly kind: 'captive-portal' }
  /** A portal's redirect to its sign-in page (302, HTML body). */
  | { readonly kind: 'portal-redirect' }
  /** A proxy asking for credentials (407, HTML body). */
  | { readonly kind: 'proxy-auth' }
  /** A load balancer's rate-limit page (429, HTML), with Retry-After in seconds. */
  | { readonly kind: 'rate-limit-page'; readonly retryAfterSeconds: number }
  /** A gateway's error page (502/503/504, HTML), optionally with Retry-After in seconds. */
  | {
      readonly kind: 'gateway-error';
      readonly status: 502 | 503 | 504;
      readonly retryAfterSeconds?: number;
    }
  /**
   * Our server's own 500 (a well-formed ErrorBody with code INTERNAL), as when one mutation
   * trips a server defect. Answered by the proxy; the server never sees the request.
   */
  | { readonly kind: 'server-error' }
  /** Forwarded; the server's answer is cut off half way (its content-length promises more). */
  | { readonly kind: 'truncate' }
  /** Forwarded; the server commits; the connection drops before any answer comes back. */
  | { readonly kind: 'lose-response' };

export interface InjectOptions {
  /** Only requests whose body satisfies this (e.g. a push that carries one mutation). */
  readonly when?: (requestBody: string) => boolean;
  /** How many matching requests get the fault (default: every one, until cleared). */
  readonly times?: number;
}

/**
 * A real HTTP hop on loopback between a client and the reference server, where tests
 * inject the network's faults: go offline, answer like a captive portal or a proxy, lose a
 * response after the server committed, cut a body short, or corrupt a response body. Test
 * seam at the network edge; everything behind it is real.
 */
export interface FaultProxy {
  readonly url: string;
  /** Refuse every request (connection reset) until set back to false. */
  offline: boolean;
  /**
   * Forward the next request matching `path` to the server, then drop its response. With
   * `deliverToRetry`, the dropped answer is given to the next matching request instead of
   * forwarding it: what a server with a grace period for a lost refresh answer does
   * (supabase/auth returns the same child token when the parent is replayed).
   */
  loseNextResponse(pathPrefix: string, options?: { deliverToRetry?: boolean }): void;
  /** Answer requests whose path starts with `pathPrefix` with a fault (see NetworkFault). */
  inject(pathPrefix: string, fault: NetworkFault, options?: InjectOptions): void;
  /**
   * Hold the next request matching `pathPrefix` at the proxy until released (then it goes
   * to the server): something else can happen while it is in flight.
   */
  holdNext(pathPrefix: string): { readonly reached: Promise<void>; release(): void };
  /** Remove every injected fault and rewrite. */
  heal(): void;
  /** Rewrite response bodies of matching paths (JSON text in, JSON text out). */
  rewrite(pathPrefix: string, fn: ((body: string) => string) | null): void;
  /** Replace the bearer token of the next matching request with one the server cannot accept. */
  spoilNextToken(pathPrefix: string): void;
  /** Requests seen, by path prefix (for assertions). */
  count(pathPrefix: string): number;
  /** Requests that were answered with an injected fault, by path prefix. */
  faulted(pathPrefix: string): number;
  close(): Promise<void>;
}

const portalPage =
  '<!doctype html><html><head><title>Hotel Wi-Fi</title></head>' +
  '<body><h1>Welcome</h1><p>Please accept the terms to continue.</p></body></html>';

interface Injection {
  readonly prefix: string;
  readonly fault: NetworkFault;
  readonly when: ((body: string) => boolean) | undefined;
  remaining: number;
}

export async function startFaultProxy(
  upstream: string,
  bindHost = '127.0.0.1',
): Promise<FaultProxy> {
  const target = new URL(upstream);
  let injections: Injection[] = [];
  const rewrites = new Map<string, (body: string) => string>();
  const seen: string[] = [];
  const faultedPaths: string[] = [];
  const spoil: string[] = [];
  const lose: { prefix: string; deliverToRetry: boolean }[] = [];
  const lostAnswers = new Map<
    string,
    { status: number; headers: IncomingHttpHeaders; body: Buffer }
  >();
  const holds: { prefix: string; arrived: () => void; released: Promise<void> }[] = [];
  const state = { offline: false };

  const take = (path: string, body: string): NetworkFault | null => {
    const found = injections.find(
      (i) => path.startsWith(i.prefix) && i.remaining > 0 && (i.when?.(body) ?? true),
    );
    if (!found) return null;
    found.remaining -= 1;
    injections = injections.filter((i) => i.remaining > 0);
    faultedPaths.push(path);
    return found.fault;
  };

  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    seen.push(path);
    if (state.offline) {
      req.socket.destroy();
      return;
    }
    const lost = [...lostAnswers.entries()].find(([prefix]) => path.startsWith(prefix));
    if (lost) {
      lostAnswers.delete(lost[0]);
      req.resume();
      req.on('end', () => res.writeHead(lost[1].status, lost[1].headers).end(lost[1].body));
      return;
    }
    const received: Buffer[] = [];
    req.on('data', (chunk: Buffer) => received.push(chunk));
    req.on('end', () => void answer());
    const answer = async (): Promise<unknown> => {
      const holdIndex = holds.findIndex((h) => path.startsWith(h.prefix));
      if (holdIndex >= 0) {
        const [hold] = holds.splice(holdIndex, 1);
        hold?.arrived();
        await hold?.released;
      }
      const requestBody = Buffer.concat(received);
      const fault = take(path, requestBody.toString('utf8'));
      const html = (status: number, headers: Record<string, string> = {}) =>
        res
          .writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers })
          .end(portalPage);
      switch (fault?.kind) {
        case 'captive-portal':
          return html(200);
        case 'portal-redirect':
          return html(302, { location: 'http://wifi-portal.example/login' });
        case 'proxy-auth':
          return html(407, { 'proxy-authenticate': 'Basic realm="office proxy"' });
        case 'rate-limit-page':
          return html(429, { 'retry-after': String(fault.retryAfterSeconds) });
        case 'gateway-error':
          return html(
            fault.status,
            fault.retryAfterSeconds === undefined
              ? {}
              : { 'retry-after': String(fault.retryAfterSeconds) },
          );
        case 'server-error':
          return res.writeHead(500, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              serverTime: new Date().toISOString(),
              code: 'INTERNAL',
              message: 'Something went wrong on the server. Try again.',
            }),
          );
        default:
          forward(fault?.kind ?? null);
      }
    };

    const forward = (spoilt: 'truncate' | 'lose-response' | null): void => {
      const requestBody = Buffer.concat(received);
      const loseIndex = lose.findIndex(({ prefix }) => path.startsWith(prefix));
      const dropped = loseIndex >= 0 ? lose.splice(loseIndex, 1)[0] : undefined;
      const dropResponse = spoilt === 'lose-response' || dropped !== undefined;
      const rewrite = [...rewrites.entries()].find(([prefix]) => path.startsWith(prefix))?.[1];
      const headers: IncomingHttpHeaders = { ...req.headers, host: target.host };
      const spoilIndex = spoil.findIndex((prefix) => path.startsWith(prefix));
      if (spoilIndex >= 0 && headers.authorization) {
        spoil.splice(spoilIndex, 1);
        headers.authorization = 'Bearer eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c3BvaWxlZA';
      }
      const upstreamReq = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path,
          headers,
          // Keep the client's source address so the server's country gate still sees it.
          localAddress: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? undefined,
        },
        (upstreamRes) => {
          const chunks: Buffer[] = [];
          upstreamRes.on('data', (chunk: Buffer) => chunks.push(chunk));
          upstreamRes.on('end', () => {
            if (dropResponse) {
              if (dropped?.deliverToRetry) {
                const body = Buffer.concat(chunks);
                const headers = { ...upstreamRes.headers, 'content-length': String(body.length) };
                delete headers['transfer-encoding'];
                lostAnswers.set(dropped.prefix, {
                  status: upstreamRes.statusCode ?? 502,
                  headers,
                  body,
                });
              }
              req.socket.destroy();
              return;
            }
            let body = Buffer.concat(chunks);
            if (rewrite) body = Buffer.from(rewrite(body.toString('utf8')));
            const outHeaders = { ...upstreamRes.headers, 'content-length': String(body.length) };
            delete outHeaders['transfer-encoding'];
            res.writeHead(upstreamRes.statusCode ?? 502, outHeaders);
            if (spoilt === 'truncate') {
              // Half the body, then the connection goes: the length promised more.
              res.write(body.subarray(0, Math.floor(body.length / 2)), () => req.socket.destroy());
              return;
            }
            res.end(body);
          });
        },
      );
      upstreamReq.on('error', () => req.socket.destroy());
      upstreamReq.end(requestBody);
    };
  });
  await new Promise<void>((resolve) => server.listen(0, bindHost, () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${bindHost}:${port}`,
    get offline() {
      return state.offline;
    },
    set offline(value: boolean) {
      state.offline = value;
    },
    loseNextResponse: (prefix, options = {}) =>
      void lose.push({ prefix, deliverToRetry: options.deliverToRetry ?? false }),
    inject: (prefix, fault, options = {}) =>
      void injections.push({
        prefix,
        fault,
        when: options.when,
        remaining: options.times ?? Number.POSITIVE_INFINITY,
      }),
    holdNext: (prefix) => {
      let arrived = (): void => undefined;
      let release = (): void => undefined;
      const reached = new Promise<void>((resolve) => (arrived = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      holds.push({ prefix, arrived, released });
      return { reached, release };
    },
    heal: () => {
      injections = [];
      rewrites.clear();
      lose.length = 0;
      lostAnswers.clear();
    },
    spoilNextToken: (prefix) => void spoil.push(prefix),
    rewrite: (prefix, fn) => void (fn ? rewrites.set(prefix, fn) : rewrites.delete(prefix)),
    count: (prefix) => seen.filter((p) => p.startsWith(prefix)).length,
    faulted: (prefix) => faultedPaths.filter((p) => p.startsWith(prefix)).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
