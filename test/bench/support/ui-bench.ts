/**
 * What the UI benchmarks share (Chromium through the preview host, the real core, a reference
 * server in its own process): starting that server, the browser, signing in, and writing the
 * figures (their own JSON, merged into bench/results/latest.json's `figures`).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from '@playwright/test';

export const root = path.resolve(import.meta.dirname, '../../..');
export const log = (message: string): void => console.error(`[bench] ${message}`);
export const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
export const round1 = (n: number): number => Math.round(n * 10) / 10;

/**
 * A server script under test/bench/support, forked; resolves once it prints
 * `LISTENING <url> <json>` (the json is the script's own facts).
 */
export async function startBenchServer(
  script: string,
): Promise<{ process: ChildProcess; url: string; facts: unknown }> {
  const child = fork(path.join(root, 'test/bench/support', script), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const { url, facts } = await new Promise<{ url: string; facts: unknown }>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /LISTENING (\S+) (.*)\n/.exec(out);
      if (match?.[1]) resolve({ url: match[1], facts: JSON.parse(match[2] ?? 'null') });
    });
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}`)));
  });
  return { process: child, url, facts };
}

export async function launchBenchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
}

/** A demo account's first sign-in on this device (its live TOTP code filled in). */
export async function benchSignIn(page: Page, displayName: string): Promise<void> {
  await page.getByRole('button', { name: `Use the account of ${displayName}` }).click();
  await page.getByRole('button', { name: 'Fill in this code' }).click();
  await page.getByLabel('Local passcode for this computer').fill('bench passcode');
  await page.getByLabel('Passcode again').fill('bench passcode');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Workspace' }).waitFor({ timeout: 120_000 });
}

/**
 * bench/results/<name>.json with the machine and the runs, the figures merged into
 * latest.json (the other benches' figures stay), and a table on stdout.
 */
export function writeBenchResults(
  name: string,
  figures: Record<string, number>,
  runs: Record<string, number[]>,
  targets: Record<string, string>,
): void {
  const machine = {
    cpus: cpus().length,
    node: process.version,
    loadavg: loadavg().map((l) => Math.round(l * 100) / 100),
  };
  const results = path.join(root, 'bench/results');
  mkdirSync(results, { recursive: true });
  writeFileSync(
    path.join(results, `${name}.json`),
    `${JSON.stringify({ at: new Date().toISOString(), machine, figures, runs }, null, 2)}\n`,
  );
  const latestPath = path.join(results, 'latest.json');
  const latest = existsSync(latestPath)
    ? (JSON.parse(readFileSync(latestPath, 'utf8')) as { figures?: Record<string, number> })
    : {};
  writeFileSync(
    latestPath,
    `${JSON.stringify({ ...latest, figures: { ...latest.figures, ...figures } }, null, 2)}\n`,
  );
  console.log('\n| figure | value | target |\n|---|---:|---|');
  for (const [figure, value] of Object.entries(figures))
    console.log(`| ${figure} | ${value} | ${targets[figure] ?? ''} |`);
  console.log(`(load average ${machine.loadavg.join(' ')})`);
}
