import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { demoModeFromEnv, parseFlags } from '../../server/cli/env';
import { openDatabase } from '../../server/db/database';
import { call } from './support/client';
import { pgliteBackend } from './support/backends';
import { startTestServer } from './support/harness';

// Item 6 of issue 9: `npm run server` served the demo accounts, their passwords and TOTP
// secrets by default. The standalone server now starts with demo mode off unless asked, and
// says which it is when it starts.

interface Started {
  child: ChildProcess;
  url: string;
  logs: { msg?: string; level?: number; demoMode?: boolean }[];
}

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
});

const startCli = (env: Record<string, string>, args: string[] = []) =>
  new Promise<Started>((resolve, reject) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'standalone-'));
    dirs.push(dataDir);
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/server.ts', ...args], {
      env: { ...process.env, PORT: '0', DATABASE_URL: '', DATA_DIR: dataDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const logs: Started['logs'] = [];
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const entry = JSON.parse(line) as Started['logs'][number] & { url?: string };
        logs.push(entry);
        if (entry.msg === 'reference server listening' && entry.url)
          resolve({ child, url: entry.url, logs });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });

const seeded = async (dataDir: string) => {
  const db = await openDatabase({ kind: 'pglite', dataDir });
  try {
    return (await db.query('SELECT 1 FROM organisations')).length > 0;
  } finally {
    await db.close();
  }
};

describe('npm run server', () => {
  it('starts with demo mode off: no demo accounts, no seeded accounts, and it says so', async () => {
    const server = await startCli({});
    expect((await call(server.url, 'GET', '/demo/accounts')).status).toBe(404);
    expect((await call(server.url, 'GET', '/health')).status).toBe(200);
    expect(server.logs).toContainEqual(
      expect.objectContaining({ demoMode: false, msg: expect.stringMatching(/demo mode is off/i) }),
    );
    const stopped = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    await stopped;
    expect(await seeded(dirs.at(-1) ?? '')).toBe(false);
  }, 240_000);

  it('serves the synthetic demo when asked, and says so', async () => {
    const server = await startCli({ DEMO_MODE: 'true' });
    const accounts = await call(server.url, 'GET', '/demo/accounts');
    expect(accounts.status).toBe(200);
    expect(server.logs).toContainEqual(
      expect.objectContaining({ demoMode: true, msg: expect.stringMatching(/demo mode is on/i) }),
    );
  }, 240_000);

  it.each<[string, Record<string, string>, string[], boolean]>([
    ['nothing', {}, [], false],
    ['DEMO_MODE=false', { DEMO_MODE: 'false' }, [], false],
    ['DEMO_MODE=true', { DEMO_MODE: 'true' }, [], true],
    ['--demo', {}, ['--demo'], true],
  ])('reads demo mode from %s', (_, env, args, on) => {
    expect(demoModeFromEnv(env, parseFlags(args).flags)).toBe(on);
  });

  it('refuses a DEMO_MODE it does not understand', async () => {
    await expect(startCli({ DEMO_MODE: 'maybe' })).rejects.toThrow(/exited with 2/);
  }, 60_000);
});

describe('a server with demo mode off on a database seeded for the demo', () => {
  it('warns at start that its demo accounts are public', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const t = await startTestServer(pgliteBackend, { demoMode: false, logger });
    try {
      expect(lines.join('')).toMatch(/demo accounts whose passwords and TOTP secrets are public/);
    } finally {
      await t.close();
    }
  }, 120_000);
});

process.once('exit', () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
