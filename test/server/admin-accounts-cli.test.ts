import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrations';
import { seedDatabase } from '../../server/seed/seed';

const run = promisify(execFile);

describe('admin CLI: disabling and enabling an account', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'admin-accounts-'));
  let email = '';
  beforeAll(async () => {
    const db = await openDatabase({ kind: 'pglite', dataDir });
    try {
      await migrate(db);
      const report = await seedDatabase(db, { profile: 'demo', seed: 5 });
      email = report.accounts.find((a) => a.role === 'pwp')?.email ?? '';
      const [user] = await db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [
        email,
      ]);
      await db.query(
        `INSERT INTO devices (id, user_id, name, platform, public_key) VALUES (gen_random_uuid(), $1, 'laptop', 'linux', '{}'::jsonb)`,
        [user?.id],
      );
    } finally {
      await db.close();
    }
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const admin = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'server/cli/admin.ts', ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
      timeout: 60_000,
    });
  const state = async () => {
    const db = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const [row] = await db.query<{ disabled: boolean; live_devices: number }>(
        `SELECT u.disabled_at IS NOT NULL AS disabled,
                (SELECT count(*)::int8 FROM devices d WHERE d.user_id = u.id AND d.revoked_at IS NULL) AS live_devices
           FROM users u WHERE u.email = $1`,
        [email],
      );
      return row;
    } finally {
      await db.close();
    }
  };

  it('lists disable-user and enable-user in help', async () => {
    const { stdout } = await admin('help');
    expect(stdout).toMatch(/disable-user --email EMAIL/);
    expect(stdout).toMatch(/enable-user --email EMAIL/);
  });

  it('disables a user, revoking their devices, and enables them again', async () => {
    const disabled = await admin('disable-user', '--email', email);
    expect(disabled.stdout).toMatch(/disabled.*1 device/);
    expect(await state()).toEqual({ disabled: true, live_devices: 0 });
    expect((await admin('enable-user', '--email', email)).stdout).toMatch(/enabled/);
    expect(await state()).toEqual({ disabled: false, live_devices: 0 });
    await expect(admin('disable-user', '--email', 'nobody@example.org')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no user with email'),
    });
    await expect(admin('disable-user')).rejects.toMatchObject({ code: 2 });
  }, 300_000);
});
