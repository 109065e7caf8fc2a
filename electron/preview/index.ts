/**
 * `npm run preview`: the app in a browser, without Electron or a display server. Runs the
 * same core (the same built worker file as the desktop app) and serves the built renderer.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bridgeToCore } from '../core/host/core-bridge';
import { startCoreWorker } from '../core/host/core-worker';
import { startEmbeddedBackend, type EmbeddedBackend } from '../core/host/embedded-backend';
import { startPreviewServer } from './preview-server';

const here = path.dirname(fileURLToPath(import.meta.url)); // out/main when built
const outDir = path.resolve(here, '..');
const rendererRoot = path.join(outDir, 'renderer');
const shimFile = path.join(outDir, 'preview', 'shim.js');
const packageJson = JSON.parse(
  readFileSync(path.resolve(outDir, '..', 'package.json'), 'utf8'),
) as {
  productName: string;
  version: string;
};

for (const required of [path.join(rendererRoot, 'index.html'), shimFile]) {
  if (!existsSync(required)) {
    console.error(
      `Missing ${required}: build first with \`npm run build\` (npm run preview does it for you).`,
    );
    process.exit(1);
  }
}

const log = (message: string, error?: unknown): void =>
  console.error(`[preview] ${message}`, error ?? '');
const argument = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
// Device and demo-backend data persist between runs (the device's cursors match the backend).
const dataRoot = path.resolve(argument('data-dir') ?? path.join(outDir, '..', '.data', 'preview'));
// --server=URL: a real backend (no demo accounts). --demo-server=URL: an embedded demo
// backend already running (the e2e tests share one). Neither: start the embedded demo here.
const configuredServer = argument('server') ?? process.env['CLINICIAN_SERVER_URL'];
const sharedDemo = argument('demo-server');
if (!configuredServer && !sharedDemo) {
  console.log('  Starting the embedded demo backend (its first start seeds it: ~10 s)…');
}
const demoBackend: EmbeddedBackend | null =
  configuredServer || sharedDemo
    ? null
    : await startEmbeddedBackend({
        entry: new URL('./demo-server.js', import.meta.url),
        dataDir: path.join(dataRoot, 'demo-backend'),
      });
const deviceZone = argument('device-zone');
// Test seam: the address the device's requests leave from (a country in the dev GeoIP table).
const localAddress = argument('local-address');
// Test seam: a file whose number of milliseconds shifts the device clock.
const clockShiftFile = argument('clock-shift-file');
const worker = await startCoreWorker({
  entry: new URL('./core-worker.js', import.meta.url),
  workerData: {
    host: 'preview',
    appName: packageJson.productName,
    appVersion: packageJson.version,
    platform: process.platform,
    packaged: false,
    dataDir: path.join(dataRoot, 'device'),
    defaultServerUrl: configuredServer ?? sharedDemo ?? demoBackend?.url ?? '',
    demo: !configuredServer,
    ...(deviceZone ? { deviceZone } : {}),
    ...(localAddress ? { localAddress } : {}),
    ...(clockShiftFile ? { clockShiftFile } : {}),
    // No OS keychain without Electron: the file-key test seam, and the UI says so.
    keyStore: { kind: 'file-test-seam' },
  },
  onExit: (code) => log(`core worker exited with ${code}`),
});
const portArg = argument('port');
const server = await startPreviewServer({
  rendererRoot,
  shimFile,
  core: bridgeToCore(worker, log),
  ...(portArg ? { port: Number(portArg) } : {}),
  log: (message) => log(message),
});

console.log(`\n  ${packageJson.productName} — browser preview\n`);
console.log(
  `  Open this one-time link in Chromium or Chrome (it works once; restart for a new one):`,
);
console.log(`\n  PREVIEW_URL=${server.url}\n`);
console.log('  Press Ctrl+C to stop.');

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  await server.close();
  await worker.close();
  await demoBackend?.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
