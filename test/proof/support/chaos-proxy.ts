import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Random } from './random';

/**
 * A real HTTP hop on loopback that injects the network's faults at random, at a given rate,
 * between one client device and a pool of reference-server instances (round-robin: the way
 * the service scales past one machine). Every fault is one the field produces: a dropped
 * connection, a reset, a slow answer, a body cut short, a load balancer's 5xx, a captive
 * portal's HTML, a proxy's 407, an answer lost after the server committed, a rejected token.
 */
export const FAULTS = [
  'reset-before',
  'delay',
  'truncate',
  'server-error-json',
  'bad-gateway-html',
  'portal-html',
  'proxy-407',
  'lost-after-commit',
  '502-after-commit',
  'spoil-token',
] as const;
export type Fault = (typeof FAULTS)[number];

/** Where requests go; restarts and scale-out change it while the proxies keep running. */
export class UpstreamPool {
  private urls: string[] = [];
  private turn = 0;
  set(urls: readonly string[]): void {
    this.urls = [...urls];
  }
  size(): number {
    return this.urls.length;
  }
  next(): URL | null {
    if (this.urls.length === 0) return null;
    const url = this.urls[this.turn % this.urls.length] ?? '';
    this.turn += 1;
    return new URL(url);
  }
}

export interface ChaosPlan {
  /** Probability that one request meets a fault. */
  rate: number;
  readonly random: Random;
  /** Counts of injected faults, by kind (shared by every proxy of a run). */
  readonly injected: Record<Fault | 'mid-pull-event', number>;
  /**
   * Run beside a pull request, racing the server's reads: a reallocation or an end of
   * supervision committed while the pull is being answered.
   */
  midPull?: (() => Promise<void>) | null;
  midPullRate: number;
  /** The faults this run may inject (default: all of them). */
  kinds: readonly Fault[];
  /** Only requests whose path starts with one of these meet faults (default: every path). */
  paths: readonly string[] | null;
}

export const newPlan = (
  random: Random,
  rate: number,
  midPullRate = 0,
  kinds: readonly Fault[] = FAULTS,
): ChaosPlan => ({
  rate,
  kinds,
  paths: null,
  random,
  midPullRate,
  injected: Object.fromEntries([...FAULTS, 'mid-pull-event'].map((f) => [f, 0])) as Record<
    Fault | 'mid-pull-event',
    number
  >,
});

export interface ChaosProxy {
  readonly url: string;
  /** This device has no network at all (every connection reset). */
  offline: boolean;
  /** Requests forwarded, by path prefix. */
  count(pathPrefix: string): number;
  close(): Promise<void>;
}

const HTML_PORTAL =
  '<!doctype html><html><head><title>Hotel Wi-Fi</title></head><body><form>Accept the terms to continue</form></body></html>';
const HTML_502 = '<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>';
const HTML_407 =
  '<html><body><h1>407 Proxy Authentication Required</h1><p>Sign in to the corporate proxy.</p></body></html>';

export async function startChaosProxy(pool: UpstreamPool, plan: ChaosPlan): Promise<ChaosProxy> {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const state = { offline: false };
  const pending = new Set<Promise<unknown>>();

  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    seen.push(path);
    const target = pool.next();
    if (state.offline || !target) {
      req.socket.destroy();
      return;
    }
    const eligible = plan.paths === null || plan.paths.some((p) => path.startsWith(p));
    const fault: Fault | null =
      eligible && plan.random.chance(plan.rate) ? plan.random.pick(plan.kinds) : null;
    if (fault) plan.injected[fault] += 1;
    const answer = (status: number, type: string, body: string) =>
      void res.writeHead(status, { 'content-type': type }).end(body);
    switch (fault) {
      case 'reset-before':
        req.socket.destroy();
        return;
      case 'server-error-json':
        return answer(503, 'application/json', '{"message":"upstream unavailable"}');
      case 'bad-gateway-html':
        return answer(502, 'text/html', HTML_502);
      case 'portal-html':
        return answer(200, 'text/html; charset=utf-8', HTML_PORTAL);
      case 'proxy-407':
        res.setHeader('proxy-authenticate', 'Basic realm="corp"');
        return answer(407, 'text/html', HTML_407);
      default:
        break;
    }
    if (path.startsWith('/sync/pull') && plan.midPull && plan.random.chance(plan.midPullRate)) {
      plan.injected['mid-pull-event'] += 1;
      const event = plan.midPull().catch(() => undefined);
      pending.add(event);
      void event.finally(() => pending.delete(event));
    }
    const headers: IncomingHttpHeaders = { ...req.headers, host: target.host };
    if (fault === 'spoil-token' && headers.authorization)
      headers.authorization = 'Bearer eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c3BvaWxlZA';
    const forward = () => {
      const upstreamReq = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path,
          headers,
          localAddress: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? undefined,
        },
        (upstreamRes) => {
          const chunks: Buffer[] = [];
          upstreamRes.on('data', (chunk: Buffer) => chunks.push(chunk));
          upstreamRes.on('error', () => req.socket.destroy());
          upstreamRes.on('end', () => {
            const body = Buffer.concat(chunks);
            if (fault === 'lost-after-commit') return void req.socket.destroy();
            if (fault === '502-after-commit') return answer(502, 'text/html', HTML_502);
            const outHeaders = { ...upstreamRes.headers, 'content-length': String(body.length) };
            delete outHeaders['transfer-encoding'];
            res.writeHead(upstreamRes.statusCode ?? 502, outHeaders);
            if (fault === 'truncate' && body.length > 1) {
              // The declared length stays; the body stops half-way and the connection drops.
              res.write(body.subarray(0, Math.floor(body.length / 2)), () => req.socket.destroy());
              return;
            }
            res.end(body);
          });
        },
      );
      upstreamReq.on('error', () => req.socket.destroy());
      req.pipe(upstreamReq);
    };
    if (fault === 'delay') setTimeout(forward, plan.random.int(20, 400));
    else forward();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get offline() {
      return state.offline;
    },
    set offline(value: boolean) {
      state.offline = value;
    },
    count: (prefix) => seen.filter((p) => p.startsWith(prefix)).length,
    close: async () => {
      await Promise.allSettled([...pending]);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
