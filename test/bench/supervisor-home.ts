/**
 * `npm run bench:supervisor-home`: `ui.supervisor_home_ms` — from unlocking a supervisor's
 * device whose data is cached to the supervisor's home rendered (tickets by urgency and the
 * reviews due on screen), in Chromium through the preview host, on the `large` profile. Not
 * a test: it measures and reports (bench/results/supervisor-home.json + a line).
 *
 * The large profile's supervisor oversees one therapist with 250 patients (the largest
 * realistic device of docs/domain.md), not four: the device holds the same 250 patients
 * either way, and the home's work grows with patients, not with supervisees.
 */
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startPreviewHost } from '../e2e/support/preview-host';

const root = path.resolve(import.meta.dirname, '../..');
const RUNS = 7;
const log = (message: string): void => console.error(`[bench] ${message}`);
const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

log('seeding the large profile…');
const serverProcess = fork(path.join(root, 'test/bench/support/large-server.ts'), [], {
  execArgv: ['--import', 'tsx'],
  stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
});
const serverUrl = await new Promise<string>((resolve, reject) => {
  let out = '';
  serverProcess.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const match = /LISTENING (\S+) /.exec(out);
    if (match?.[1]) resolve(match[1]);
  });
  serverProcess.once('exit', (code) => reject(new Error(`large server exited ${code}`)));
});
const host = await startPreviewHost({ demoServer: serverUrl });
const browser = await chromium.launch({
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page: Page = await browser.newPage();
const homeShown = async (): Promise<void> => {
  await page.getByRole('heading', { name: /^Open tickets, most urgent first/ }).waitFor();
  await page.getByRole('heading', { name: /^Case reviews due this week/ }).waitFor();
};
try {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Use the account of Dr Helen Marsh' }).click();
  await page.getByRole('button', { name: 'Fill in this code' }).click();
  await page.getByLabel('Local passcode for this computer').fill('bench passcode');
  await page.getByLabel('Passcode again').fill('bench passcode');
  const first = performance.now();
  await page.getByRole('button', { name: 'Sign in' }).click();
  log('first sync of the supervisor’s device (caseload, then 400k utterances)…');
  await page
    .getByRole('region', { name: 'Sync status' })
    .getByText('Up to date')
    .waitFor({ timeout: 15 * 60_000 });
  await homeShown();
  log(`synced in ${Math.round((performance.now() - first) / 1000)} s`);

  type Bridge = {
    clinician: {
      session: { lock(a: object): Promise<unknown> };
      supervision: { home(a: object): Promise<unknown> };
    };
  };
  // The core's part alone: supervision.home through the bridge, as the view calls it.
  const query: number[] = [];
  for (let run = 0; run < RUNS; run++)
    query.push(
      await page.evaluate(async () => {
        const start = performance.now();
        await (window as unknown as Bridge).clinician.supervision.home({ periodDays: 90 });
        return performance.now() - start;
      }),
    );
  const unlock: number[] = [];
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await page.evaluate(() =>
      (
        window as unknown as { clinician: { session: { lock(a: object): Promise<unknown> } } }
      ).clinician.session.lock({}),
    );
    await page.getByLabel('Passcode').waitFor();
    await page.getByLabel('Passcode').fill('bench passcode');
    const start = performance.now();
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('navigation', { name: 'Workspace' }).waitFor();
    unlock.push(performance.now() - start);
    await homeShown();
    times.push(performance.now() - start);
  }
  const figure = Math.round(median(times));
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  writeFileSync(
    path.join(root, 'bench/results/supervisor-home.json'),
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
        figures: {
          'ui.supervisor_home_ms': figure,
          'ui.supervisor_unlock_to_workspace_ms': Math.round(median(unlock)),
          'query.supervision_home_ms': Math.round(median(query)),
        },
        runs: times.map(Math.round),
      },
      null,
      2,
    )}\n`,
  );
  console.log(`| ui.supervisor_home_ms | ${figure} | < 500 |`);
  console.log(`| ui.supervisor_unlock_to_workspace_ms | ${Math.round(median(unlock))} | |`);
  console.log(`| query.supervision_home_ms | ${Math.round(median(query))} | |`);
} finally {
  await browser.close();
  await host.stop();
  serverProcess.kill('SIGTERM');
}
process.exit(0);
