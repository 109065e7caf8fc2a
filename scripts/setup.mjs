#!/usr/bin/env node
/**
 * Idempotent machine set-up, run automatically before `npm start`, `npm run preview` and
 * `npm test` (npm's pre-scripts). Uses only Node built-ins, so it works on a fresh clone.
 *
 *   1. npm ci --ignore-scripts when node_modules is missing or older than package-lock.json
 *      (install scripts are off: nothing downloads binaries behind our back);
 *   2. the Node build of the native modules, compiled from source;
 *   3. with --system (before tests): Debian's Chromium and PostgreSQL if absent and we may
 *      use apt-get; otherwise a clear message saying what to install.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'node_modules', '.setup-lock-hash');
const lockHash = createHash('sha256')
  .update(readFileSync(path.join(root, 'package-lock.json')))
  .digest('hex');
const sh = (cmd, args, env = {}) =>
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });

if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== lockHash) {
  console.log('setup: installing dependencies (npm ci --ignore-scripts)…');
  sh('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], {
    ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
  });
  writeFileSync(stamp, lockHash);
}

sh(process.execPath, [path.join(root, 'scripts/native-modules.mjs'), 'node']);

if (process.argv.includes('--system')) {
  const missing = [];
  if (!existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) missing.push('chromium');
  // Debian's Chromium has only en-US without it: date fields would read month first.
  if (!process.env.CHROMIUM_PATH && !existsSync('/usr/lib/chromium/locales/en-GB.pak'))
    missing.push('chromium-l10n');
  if (!existsSync('/usr/lib/postgresql') && !process.env.TEST_DATABASE_URL)
    missing.push('postgresql');
  if (missing.length > 0) {
    const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
    if (!canApt) {
      console.error(
        `setup: the tests need ${missing.join(' and ')}: install with \`sudo apt-get install -y ${missing.join(' ')}\`.`,
      );
      process.exit(1);
    }
    console.log(`setup: installing ${missing.join(', ')} with apt-get…`);
    sh('apt-get', ['update', '-qq']);
    sh(
      'apt-get',
      ['install', '-y', '-qq', '--no-install-recommends', ...missing, 'fonts-dejavu-core'],
      { DEBIAN_FRONTEND: 'noninteractive' },
    );
  }
}
