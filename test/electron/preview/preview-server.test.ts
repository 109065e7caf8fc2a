import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { bridgeToCore } from '../../../electron/core/host/core-bridge';
import type { CoreWorker } from '../../../electron/core/host/core-worker';
import {
  bridgePath,
  injectShim,
  shimPath,
  startPreviewServer,
  type PreviewServer,
} from '../../../electron/preview/preview-server';
import { contentSecurityPolicy } from '../../../shared/security/csp';
import { startTestCoreWorker } from '../../support/core-worker';

let dir: string;
let worker: CoreWorker;
let server: PreviewServer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'preview-'));
  writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><head><script type="module" src="/app.js"></script></head>',
  );
  writeFileSync(path.join(dir, 'app.js'), 'export {}');
  writeFileSync(path.join(dir, 'shim.js'), 'window.shim = 1');
  worker = await startTestCoreWorker();
});
afterAll(async () => {
  await worker.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  server = await startPreviewServer({
    rendererRoot: dir,
    shimFile: path.join(dir, 'shim.js'),
    core: bridgeToCore(worker, () => {}),
  });
});
afterEach(() => server.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, { headers, redirect: 'manual' });

/** A request whose path is sent byte for byte (fetch would normalise the dots away). */
async function rawGet(rawPath: string, cookie: string): Promise<{ status: number; body: string }> {
  const { request } = await import('node:http');
  const url = new URL(server.origin);
  return new Promise((resolve, reject) => {
    request({ host: url.hostname, port: url.port, path: rawPath, headers: { cookie } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

async function signIn(): Promise<string> {
  const response = await get(server.url);
  expect(response.status).toBe(303);
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  expect(cookie).toMatch(/^clinician_preview=/);
  return cookie as string;
}

function connect(headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.origin.replace('http', 'ws')}${bridgePath}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function call(ws: WebSocket, message: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(data.toString())));
    ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}

describe('preview host', () => {
  it('binds to loopback only', async () => {
    await expect(
      startPreviewServer({
        rendererRoot: dir,
        shimFile: dir,
        core: bridgeToCore(worker, () => {}),
        host: '0.0.0.0',
      }),
    ).rejects.toThrow(/loopback/);
    expect(new URL(server.origin).hostname).toBe('127.0.0.1');
  });

  it('refuses a wrong token and a second use of the right one', async () => {
    const wrong = new URL(server.url);
    wrong.searchParams.set('token', 'A'.repeat(43));
    expect((await get(wrong.toString())).status).toBe(403);
    await signIn();
    expect((await get(server.url)).status).toBe(403);
  });

  it('serves nothing without the session cookie', async () => {
    expect((await get(`${server.origin}/`)).status).toBe(403);
    expect((await get(`${server.origin}${shimPath}`)).status).toBe(403);
  });

  it('serves the app with the CSP and the shim injected before the app script', async () => {
    const cookie = await signIn();
    const response = await get(`${server.origin}/`, { cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    const html = await response.text();
    expect(html.indexOf(shimPath)).toBeGreaterThan(-1);
    expect(html.indexOf(shimPath)).toBeLessThan(html.indexOf('/app.js'));
    expect((await get(`${server.origin}${shimPath}`, { cookie })).status).toBe(200);
    for (const rawPath of [
      '/%2e%2e/%2e%2e/etc/passwd',
      '/../../etc/passwd',
      '/..%2f..%2fetc/passwd',
    ]) {
      const { status, body } = await rawGet(rawPath, cookie);
      expect([400, 403, 404]).toContain(status);
      expect(body).not.toContain('root:');
    }
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const cookie = await signIn();
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      const url = new URL(server.origin);
      request(
        {
          host: url.hostname,
          port: url.port,
          path: '/',
          headers: { host: 'evil.example', cookie },
        },
        (res) => resolve(res.statusCode ?? 0),
      ).end();
    });
    expect(status).toBe(421);
  });

  it('refuses a bridge connection from a foreign origin or without the cookie', async () => {
    const cookie = await signIn();
    await expect(connect({ origin: 'https://evil.example', cookie })).rejects.toThrow(/403/);
    await expect(connect({ origin: server.origin })).rejects.toThrow(/403/);
  });

  it('carries contract calls over the bridge, validated, and survives junk', async () => {
    const cookie = await signIn();
    const ws = await connect({ origin: server.origin, cookie });
    try {
      expect(
        await call(ws, { type: 'call', id: 1, channel: 'app.info', request: {} }),
      ).toMatchObject({
        type: 'result',
        id: 1,
        result: { ok: true, value: { host: 'preview' } },
      });
      expect(await call(ws, '{not json')).toMatchObject({ type: 'error' });
      expect(
        await call(ws, { type: 'call', id: 2, channel: 'app.info', request: { admin: true } }),
      ).toMatchObject({
        result: { ok: false, error: { code: 'INVALID_REQUEST' } },
      });
      expect(
        await call(ws, { type: 'call', id: 3, channel: 'session.status', request: {} }),
      ).toMatchObject({
        result: { ok: true, value: { state: 'signed-out' } },
      });
    } finally {
      ws.close();
    }
  });
});

describe('injectShim', () => {
  it('puts the shim before the first script, or at the end of head', () => {
    expect(injectShim('<head><script src="a"></script></head>')).toBe(
      `<head><script src="${shimPath}"></script><script src="a"></script></head>`,
    );
    expect(injectShim('<head></head>')).toBe(`<head><script src="${shimPath}"></script></head>`);
  });
});
