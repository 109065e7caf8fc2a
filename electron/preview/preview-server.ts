import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { contentSecurityPolicy } from '../../shared/security/csp';
import type { CoreBridge } from '../core/host/core-bridge';
import { contentTypeOf, resolveAssetPath } from '../core/host/asset-path';

export const bridgePath = '/__preview/bridge';
export const shimPath = '/__preview/shim.js';
const cookieName = 'clinician_preview';
/** The largest bridge message a client may send; a bigger frame closes that client (1009). */
export const MAX_BRIDGE_FRAME_BYTES = 1024 * 1024;

export interface PreviewServerOptions {
  readonly rendererRoot: string;
  readonly shimFile: string;
  readonly core: CoreBridge;
  /** Loopback only; anything else is refused. */
  readonly host?: string;
  readonly port?: number;
  readonly log?: (message: string) => void;
}

export interface PreviewServer {
  /** The one-time sign-in link: opening it exchanges the token for a session cookie. */
  readonly url: string;
  readonly origin: string;
  close(): Promise<void>;
}

const CallMessage = z
  .object({
    type: z.literal('call'),
    id: z.number().int().nonnegative(),
    channel: z.string().max(200),
    request: z.unknown(),
  })
  .strict();

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const readCookie = (request: IncomingMessage, name: string): string | undefined =>
  request.headers.cookie
    ?.split(';')
    .map((part) => part.trim().split('='))
    .find(([key]) => key === name)?.[1];

/**
 * The browser preview host: serves the built renderer on 127.0.0.1 and provides
 * window.clinician through a WebSocket shim generated from the same contract. Access needs
 * the random one-time token printed at start (exchanged for an HttpOnly cookie), the
 * exact Host (no DNS rebinding) and, for the WebSocket, our own Origin.
 */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const host = options.host ?? '127.0.0.1';
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host))
    throw new Error(`The preview host binds to loopback only, not ${host}.`);
  const log = options.log ?? (() => {});
  let token: string | null = randomBytes(32).toString('base64url');
  const sessions = new Set<string>();
  let origin = '';

  const hasSession = (request: IncomingMessage): boolean => {
    const presented = readCookie(request, cookieName);
    return presented !== undefined && [...sessions].some((s) => sameSecret(s, presented));
  };
  const refuse = (response: ServerResponse, status: number, text: string): void => {
    response
      .writeHead(status, {
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': 'no-store',
      })
      .end(text);
  };

  const server = createServer(async (request, response) => {
    try {
      if (request.headers.host !== new URL(origin).host)
        return refuse(response, 421, 'Wrong host.');
      if (request.method !== 'GET' && request.method !== 'HEAD')
        return refuse(response, 405, 'Method not allowed.');
      const url = new URL(request.url ?? '/', origin);
      const presented = url.searchParams.get('token');
      if (presented !== null) {
        if (token === null || !sameSecret(token, presented)) {
          log('refused a wrong or used token');
          return refuse(
            response,
            403,
            'This preview link is wrong or was already used. Start `npm run preview` again.',
          );
        }
        token = null; // one-time
        const session = randomBytes(32).toString('base64url');
        sessions.add(session);
        response.writeHead(303, {
          location: '/',
          'set-cookie': `${cookieName}=${session}; HttpOnly; SameSite=Strict; Path=/`,
          'cache-control': 'no-store',
        });
        return response.end();
      }
      if (!hasSession(request))
        return refuse(response, 403, 'Open the link printed by `npm run preview`.');
      const file =
        url.pathname === shimPath
          ? { ok: true as const, file: options.shimFile }
          : await resolveAssetPath(options.rendererRoot, url.pathname);
      if (!file.ok) return refuse(response, file.status, file.reason);
      let body: Buffer | string = await readFile(file.file);
      if (file.file.endsWith('index.html')) body = injectShim(body.toString('utf8'));
      response.writeHead(200, {
        'content-type': contentTypeOf(file.file),
        'content-security-policy': contentSecurityPolicy,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'cache-control': 'no-store',
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch (error) {
      log(`preview request failed: ${String(error)}`);
      if (!response.headersSent) refuse(response, 500, 'Internal error.');
    }
  });

  // One bad client never takes the host (and the core) down: every socket and server error is
  // handled here. A client that breaks the protocol (a frame over the limit, a malformed
  // frame, a reset in the middle of a frame) loses its own connection, nobody else's.
  server.on('clientError', (error, socket) => {
    log(`refused a malformed HTTP request: ${error.message}`);
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_BRIDGE_FRAME_BYTES });
  sockets.on('error', (error) => log(`bridge server error: ${error.message}`));
  server.on('upgrade', (request, socket, head) => {
    socket.on('error', (error) => log(`bridge connection error: ${error.message}`));
    const url = new URL(request.url ?? '/', origin);
    const allowed =
      url.pathname === bridgePath &&
      request.headers.host === new URL(origin).host &&
      request.headers.origin === origin &&
      hasSession(request);
    if (!allowed) {
      log(`refused a bridge connection from origin ${String(request.headers.origin)}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveBridge(ws));
  });

  /** Send to one client if it is still there; a failed send closes that client only. */
  const sendTo = (ws: WebSocket, message: string): void => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(message, (error) => {
      if (error) {
        log(`bridge send failed: ${error.message}`);
        ws.terminate();
      }
    });
  };

  const serveBridge = (ws: WebSocket): void => {
    // ws closes the connection itself after an error (1009 for a frame over maxPayload, 1002
    // for a protocol error); without this listener the error would end the whole process.
    ws.on('error', (error) => log(`bridge client dropped: ${error.message}`));
    ws.on('message', (data) => {
      let parsed: z.infer<typeof CallMessage>;
      try {
        parsed = CallMessage.parse(JSON.parse(data.toString()));
      } catch {
        sendTo(ws, JSON.stringify({ type: 'error', message: 'Malformed bridge message.' }));
        return;
      }
      // The dispatcher never throws; the catch is for a bug of ours, never the client's fault.
      void options.core.dispatcher
        .dispatch(parsed.channel, parsed.request)
        .then((result) => sendTo(ws, JSON.stringify({ type: 'result', id: parsed.id, result })))
        .catch((error: unknown) => log(`bridge call ${parsed.channel} failed: ${String(error)}`));
    });
  };

  const unsubscribe = options.core.onEvent((channel, payload) => {
    const message = JSON.stringify({ type: 'event', channel, payload });
    for (const client of sockets.clients) sendTo(client, message);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => log(`preview server error: ${error.message}`));
  const { port } = server.address() as AddressInfo;
  origin = `http://${host}:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    async close() {
      unsubscribe();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Load the shim before the app's module script so window.clinician exists when React starts. */
export function injectShim(html: string): string {
  const tag = `<script src="${shimPath}"></script>`;
  const at = html.indexOf('<script');
  return at === -1
    ? html.replace('</head>', `${tag}</head>`)
    : `${html.slice(0, at)}${tag}${html.slice(at)}`;
}
