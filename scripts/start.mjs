#!/usr/bin/env node
/**
 * `npm start`: build, make sure the Electron build of the native modules exists, open the
 * desktop app. Where the Electron binary is missing, say so plainly and point at the
 * browser preview, which runs the same app.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (args) => execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });

const locateElectron = () => createRequire(import.meta.url)('electron');

let electronPath;
try {
  electronPath = locateElectron();
} catch {
  // `npm ci --ignore-scripts` skips Electron's own download; try it once, quietly.
  try {
    execFileSync(process.execPath, [path.join(root, 'node_modules/electron/install.js')], {
      cwd: root,
      stdio: 'ignore',
      timeout: 120_000,
    });
  } catch {
    /* reported below */
  }
}
try {
  electronPath ??= locateElectron();
} catch (error) {
  console.error(`
  The Electron binary is not installed, so the desktop window cannot open here.
  (${error instanceof Error ? error.message : String(error)})

  What to do:
    • On a machine that can reach Electron's release downloads:
        node node_modules/electron/install.js      then   npm start
      (or set ELECTRON_MIRROR to your organisation's mirror first).
    • Right now, on this machine: run the same app in your browser with
        npm run preview
      and open the one-time link it prints.

  Starting the browser preview for you now…
`);
  run([path.join(root, 'scripts/run-preview.mjs')]);
  process.exit(0);
}

run([path.join(root, 'scripts/native-modules.mjs'), 'electron']);
run([path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']);
const child = spawn(electronPath, [root], { cwd: root, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
