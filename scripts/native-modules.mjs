#!/usr/bin/env node
/**
 * Native modules, built from source (no prebuilt binaries are downloaded).
 *
 *   node scripts/native-modules.mjs node      → node_modules/<module>/build (Node's ABI: tests, preview, server)
 *   node scripts/native-modules.mjs electron  → .native/electron-<version>/<module>.node (Electron's ABI)
 *
 * Both builds live side by side, so `npm test` (Node) and `npm start` (Electron) work one
 * after the other on one checkout: the Electron main process passes the .native binary to
 * better-sqlite3 through its `nativeBinding` option.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modules = ['better-sqlite3-multiple-ciphers'];
const nodeGyp = path.join(root, 'node_modules/node-gyp/bin/node-gyp.js');
const target = process.argv[2];
const force = process.argv.includes('--force');

/** Node's headers ship with Debian's nodejs (nodedir=/usr); elsewhere node-gyp fetches them. */
const nodeDirArgs = () => {
  const dir =
    process.env.npm_config_nodedir ??
    (existsSync('/usr/include/node/node_api.h') ? '/usr' : undefined);
  return dir ? [`--nodedir=${dir}`] : [];
};

function gyp(cwd, extra) {
  execFileSync(process.execPath, [nodeGyp, 'rebuild', '--release', `-j`, 'max', ...extra], {
    cwd,
    stdio: 'inherit',
  });
}

export function electronBindingPath(version, moduleName = modules[0]) {
  return path.join(root, '.native', `electron-${version}`, `${moduleName}.node`);
}

if (target === 'node') {
  for (const name of modules) {
    const dir = path.join(root, 'node_modules', name);
    const built = path.join(dir, 'build/Release/better_sqlite3.node');
    if (existsSync(built) && !force) {
      try {
        createRequire(import.meta.url)(built);
        console.log(`${name}: Node build present (ABI ${process.versions.modules}).`);
        continue;
      } catch {
        console.log(`${name}: present build does not load under this Node; rebuilding.`);
      }
    }
    console.log(`${name}: building from source for Node ${process.version} (about 2 minutes)…`);
    gyp(dir, nodeDirArgs());
  }
} else if (target === 'electron') {
  const version = JSON.parse(
    readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'),
  ).version;
  for (const name of modules) {
    const output = electronBindingPath(version, name);
    if (existsSync(output) && !force) {
      console.log(`${name}: Electron ${version} build present.`);
      continue;
    }
    const work = path.join(root, '.native', `build-${name}`);
    rmSync(work, { recursive: true, force: true });
    cpSync(path.join(root, 'node_modules', name), work, {
      recursive: true,
      filter: (p) => !p.includes(`${path.sep}build${path.sep}`),
    });
    console.log(
      `${name}: building from source for Electron ${version} (needs Electron's headers)…`,
    );
    gyp(work, [
      `--target=${version}`,
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
    ]);
    mkdirSync(path.dirname(output), { recursive: true });
    cpSync(path.join(work, 'build/Release/better_sqlite3.node'), output);
    rmSync(work, { recursive: true, force: true });
    console.log(`${name}: Electron build at ${path.relative(root, output)}.`);
  }
} else {
  console.error('usage: node scripts/native-modules.mjs node|electron [--force]');
  process.exit(2);
}
