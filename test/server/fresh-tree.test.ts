import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// The README's start path on a tree that has never run: no `.data` anywhere. The standalone
// server (`npm run server` = tsx server/cli/server.ts from the project root) and the browser
// preview (`npm run preview` / `npm start`'s fallback = the built out/main/preview-host.js)
// must each create their data directories and come up. Loopback only; each start is bounded
// by a deadline (a failure to start, not a performance figure).

const repo = path.resolve(import.meta.dirname, '../..');
const START_DEADLINE_MS = 150_000;

const running: ChildProcess[] = [];
const trees: string[] = [];
afterEach(async () => {
  for (const child of running.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  }
  for (const dir of trees.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const freshDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  trees.push(dir);
  return dir;
};

/** Starts a process and resolves with the first match of `pattern` in its output. */
const startAndRead = (
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
  pattern: RegExp,
) => {
  // As from a shell with nothing configured: no backend URL, no data or database settings.
  const env = { ...process.env, ...options.env };
  for (const name of ['CLINICIAN_SERVER_URL', 'DATABASE_URL', 'DATA_DIR']) delete env[name];
  const child = spawn(command, args, {
    cwd: options.cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`did not start within ${START_DEADLINE_MS} ms:\n${output}`)),
      START_DEADLINE_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before it came up:\n${output}`));
    });
  });
};

const get = (url: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      request(url, { headers }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
        .on('error', reject)
        .end();
    },
  );

describe('a fresh tree (no .data directory)', () => {
  it(
    'starts the standalone reference server as `npm run server -- --demo` does, creating .data/server',
    async () => {
      const tree = freshDir('fresh-server-');
      expect(existsSync(path.join(tree, '.data'))).toBe(false);
      const url = await startAndRead(
        path.join(repo, 'node_modules/.bin/tsx'),
        [path.join(repo, 'server/cli/server.ts'), '--demo'],
        { cwd: tree, env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' } },
        /"url":"(http:\/\/127\.0\.0\.1:\d+)"/,
      );
      const health = await get(`${url}/health`);
      expect(health.status).toBe(200);
      expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' });
      expect((await get(`${url}/demo/accounts`)).status).toBe(200);
      expect(readdirSync(path.join(tree, '.data', 'server')).length).toBeGreaterThan(0);
    },
    START_DEADLINE_MS + 30_000,
  );

  it(
    'starts the browser preview as `npm run preview` does, creating .data/preview',
    async () => {
      const built = path.join(repo, 'out/main/preview-host.js');
      if (!existsSync(built))
        throw new Error(`${built} is missing: run \`npm run build\` first (npm test does).`);
      // The tree as `npm run preview` leaves it after its build: out/, package.json and
      // resources/ beside node_modules. out/ is copied (the host finds .data from its own path).
      const tree = freshDir('fresh-preview-');
      cpSync(path.join(repo, 'out'), path.join(tree, 'out'), { recursive: true });
      copyFileSync(path.join(repo, 'package.json'), path.join(tree, 'package.json'));
      symlinkSync(path.join(repo, 'resources'), path.join(tree, 'resources'));
      symlinkSync(path.join(repo, 'node_modules'), path.join(tree, 'node_modules'));
      expect(existsSync(path.join(tree, '.data'))).toBe(false);

      const link = await startAndRead(
        process.execPath,
        [path.join(tree, 'out/main/preview-host.js'), '--device-zone=Europe/London'],
        { cwd: tree },
        /PREVIEW_URL=(\S+)/,
      );
      expect(new URL(link).hostname).toBe('127.0.0.1');
      const exchange = await get(link);
      expect(exchange.status).toBe(303);
      const cookie = String(exchange.headers['set-cookie'] ?? '').split(';')[0] ?? '';
      const page = await get(new URL('/', link).toString(), { cookie });
      expect(page.status).toBe(200);
      expect(page.body).toContain('<!doctype html>');
      expect(existsSync(path.join(tree, '.data', 'preview', 'demo-backend'))).toBe(true);
    },
    START_DEADLINE_MS + 30_000,
  );
});
