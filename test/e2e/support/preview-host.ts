import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface RunningPreview {
  readonly url: string;
  readonly origin: string;
  stop(): Promise<void>;
}

const entry = path.resolve('out/main/preview-host.js');

/**
 * Start the built preview host (`npm run build` first) and read its one-time link. By default
 * it talks to the shared demo backend; a spec may give its own (`demoServer`) and pin the
 * device's time zone (`deviceZone`, default Europe/London) and the loopback address its
 * requests leave from (`localAddress`: a country in the development GeoIP table); a test may
 * wind the device clock by writing milliseconds into `clockShiftFile`. `dataDir` keeps the
 * device: a host started again on the same directory is the same computer (signed in, its
 * store, its outbox), and stopping it leaves the directory for the next one; by default each
 * host is a new computer whose directory goes with it.
 */
export async function startPreviewHost(
  options: {
    demoServer?: string;
    deviceZone?: string;
    localAddress?: string;
    clockShiftFile?: string;
    dataDir?: string;
  } = {},
): Promise<RunningPreview> {
  if (!existsSync(entry))
    throw new Error(`${entry} is missing: run \`npm run build\` before the e2e tests.`);
  const demoServer = options.demoServer ?? process.env['E2E_DEMO_SERVER'];
  if (!demoServer) {
    throw new Error(
      'E2E_DEMO_SERVER is not set: run through playwright.config.ts (its globalSetup starts it).',
    );
  }
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'e2e-device-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      entry,
      `--demo-server=${demoServer}`,
      `--data-dir=${dataDir}`,
      `--device-zone=${options.deviceZone ?? 'Europe/London'}`,
      ...(options.localAddress ? [`--local-address=${options.localAddress}`] : []),
      ...(options.clockShiftFile ? [`--clock-shift-file=${options.clockShiftFile}`] : []),
    ],
    // The whole host runs in the device's zone, as a laptop set to that zone would.
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: options.deviceZone ? { ...process.env, TZ: options.deviceZone } : process.env,
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`preview host did not start:\n${output}`)),
      30_000,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /PREVIEW_URL=(\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`preview host exited with ${code}:\n${output}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
