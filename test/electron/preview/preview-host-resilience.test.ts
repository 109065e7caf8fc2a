import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect as connectTcp } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';

/**
 * One bad client must never take the preview host (and with it the core) down. The host
 * runs in its own process here, so "the process exited" is what the test would see.
 */
const childEntry = fileURLToPath(new URL('./preview-host-child.ts', import.meta.url));
let child: ChildProcess;
let url: URL;
let output = '';

beforeEach(async () => {
  output = '';
  child = spawn(process.execPath, ['--import', 'tsx', childEntry], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  url = await new Promise<URL>((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /PREVIEW_URL=(\S+)/.exec(seen);
      if (match?.[1]) resolve(new URL(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`preview host exited with ${code}\n${output}`)));
  });
}, 60_000);
afterEach(async () => {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
});

async function cookie(): Promise<string> {
  const response = await fetch(url, { redirect: 'manual' });
  return response.headers.get('set-cookie')?.split(';')[0] ?? '';
}

function open(sessionCookie: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${url.host}/__preview/bridge`, {
      headers: { origin: url.origin, cookie: sessionCookie },
    });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, id: number, channel: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (ws.readyState !== ws.OPEN) return reject(new Error(`socket not open\n${output}`));
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { id?: number };
      if (message.id === id) resolve(message);
    });
    ws.once('close', () => reject(new Error(`socket closed\n${output}`)));
    ws.send(JSON.stringify({ type: 'call', id, channel, request: {} }));
  });
}

/** A raw upgrade on a plain TCP socket, so the test can write bytes no WebSocket client would. */
async function rawBridgeSocket(sessionCookie: string) {
  const socket = connectTcp(Number(url.port), url.hostname);
  await once(socket, 'connect');
  socket.write(
    [
      'GET /__preview/bridge HTTP/1.1',
      `Host: ${url.host}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version: 13',
      `Origin: ${url.origin}`,
      `Cookie: ${sessionCookie}`,
      '',
      '',
    ].join('\r\n'),
  );
  await new Promise<void>((resolve) =>
    socket.once('data', (chunk: Buffer) => {
      expect(chunk.toString()).toMatch(/^HTTP\/1\.1 101/);
      resolve();
    }),
  );
  socket.on('error', () => undefined);
  return socket;
}

const stillServing = async (sessionCookie: string): Promise<void> => {
  expect(child.exitCode, output).toBeNull();
  const ws = await open(sessionCookie);
  try {
    expect(await call(ws, 7, 'app.info')).toMatchObject({ result: { ok: true } });
  } finally {
    ws.close();
  }
};

describe('preview host under a misbehaving client', () => {
  it('survives a frame over the 1 MiB limit and keeps serving another client', async () => {
    const session = await cookie();
    const good = await open(session);
    const bad = await open(session);
    const closed = once(bad, 'close');
    bad.on('error', () => undefined);
    bad.send(Buffer.alloc(1024 * 1024 + 1, 0x61));
    const [code] = (await closed) as [number];
    expect(code).toBe(1009); // "message too big", said to the bad client only
    expect(await call(good, 1, 'app.info')).toMatchObject({ result: { ok: true } });
    good.close();
    await stillServing(session);
  });

  it('survives a malformed WebSocket frame', async () => {
    const session = await cookie();
    const socket = await rawBridgeSocket(session);
    // An unmasked client frame with reserved bits set: a protocol error.
    socket.write(Buffer.from([0xf1, 0x05, 0x68, 0x65, 0x6c, 0x6c, 0x6f]));
    await once(socket, 'close');
    await stillServing(session);
  });

  it('survives a client that vanishes in the middle of a call', async () => {
    const session = await cookie();
    const socket = await rawBridgeSocket(session);
    // A masked text frame announcing 100 bytes, of which only a few arrive, then a reset.
    socket.write(Buffer.from([0x81, 0xe4, 1, 2, 3, 4, 0x7a, 0x20]));
    socket.resetAndDestroy();
    const ws = await open(session);
    ws.send(JSON.stringify({ type: 'call', id: 3, channel: 'session.status', request: {} }));
    ws.terminate(); // gone before the answer
    await stillServing(session);
  });
});
