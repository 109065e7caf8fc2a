import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatePatientsOnce } from '../../server/simulate/patients';
import { pgliteBackend } from './support/backends';
import { startTestServer, type TestServer } from './support/harness';

const run = promisify(execFile);
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(pgliteBackend);
}, 120_000);
afterAll(async () => server?.close());

describe('patient simulator', () => {
  it('writes inbound messages and questionnaires to the change feed, deterministically', async () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const before = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sync_feed');
    const tick = await simulatePatientsOnce(server.db, { share: 0.5, random });
    expect(tick.messages + tick.measures).toBeGreaterThan(0);
    const after = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sync_feed');
    expect((after[0]?.n ?? 0) - (before[0]?.n ?? 0)).toBe(tick.messages + tick.measures);
    const [bad] = await server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM measures WHERE kind = 'PHQ9' AND total > 27`,
    );
    expect(bad?.n).toBe(0);
  });
});

describe('admin CLI', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'admin-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const admin = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'server/cli/admin.ts', ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
      timeout: 60_000,
    });

  it('refuses an unknown command and a missing option with usage, and creates a user with a TOTP secret', async () => {
    await expect(admin('frobnicate')).rejects.toMatchObject({ code: 2 });
    await expect(admin('create-user', '--email', 'x@example.org')).rejects.toMatchObject({
      code: 2,
    });
    // A fresh database has no organisation: a clear refusal, not a crash.
    const create = [
      'create-user',
      '--email',
      'new.pwp@example.org',
      '--name',
      'New PWP',
      '--role',
      'pwp',
      '--password',
      'a long passphrase',
    ];
    await expect(admin(...create)).rejects.toMatchObject({
      stderr: expect.stringContaining('no organisation'),
    });
    await run(
      process.execPath,
      ['--import', 'tsx', 'server/cli/seed.ts', '--profile', 'demo', '--seed', '3'],
      {
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
        timeout: 90_000,
      },
    );
    const { stdout } = await admin(...create);
    expect(stdout).toMatch(/"totpSecret": "[A-Z2-7]{16,}"/);
    await expect(admin(...create)).rejects.toMatchObject({ code: 1 }); // the email is taken
    expect((await admin('approve-country', 'PT')).stdout).toContain('done');
  }, 300_000); // a CLI seed and four CLI runs, each opening PGlite: slow on a shared machine
});
