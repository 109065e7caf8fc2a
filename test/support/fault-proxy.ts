import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP hop on loopback between a client and the reference server, where tests
 * inject the network's faults: go offline, lose a response after the server committed,
 * or corrupt a response body. Test seam at the network edge; everything behind it is real.
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
  /** Rewrite response bodies of matching paths (JSON text in, JSON text out). */
  rewrite(pathPrefix: string, fn: ((body: string) => string) | null): void;
  /** Replace the bearer token of the next matching request with one the server cannot accept. */
  spoilNextToken(pathPrefix: string): void;
  /** Requests seen, by path prefix (for assertions). */
  count(pathPrefix: string): number;
  close(): Promise<void>;
}

export async function startFaultProxy(
  upstream: string,
  bindHost = '127.0.0.1',
): Promise<FaultProxy> {
  const target = new URL(upstream);
  const lose: { prefix: string; deliverToRetry: boolean }[] = [];
  const lostAnswers = new Map<
    string,
    { status: number; headers: IncomingHttpHeaders; body: Buffer }
  >();
  const rewrites = new Map<string, (body: string) => string>();
  const seen: string[] = [];
  const spoil: string[] = [];
  const state = { offline: false };

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
    const loseIndex = lose.findIndex(({ prefix }) => path.startsWith(prefix));
    const dropped = loseIndex >= 0 ? lose.splice(loseIndex, 1)[0] : undefined;
    const dropResponse = dropped !== undefined;
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
            if (dropped.deliverToRetry) {
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
          res.writeHead(upstreamRes.statusCode ?? 502, outHeaders).end(body);
        });
      },
    );
    upstreamReq.on('error', () => req.socket.destroy());
    req.pipe(upstreamReq);
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
    spoilNextToken: (prefix) => void spoil.push(prefix),
    rewrite: (prefix, fn) => void (fn ? rewrites.set(prefix, fn) : rewrites.delete(prefix)),
    count: (prefix) => seen.filter((p) => p.startsWith(prefix)).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
