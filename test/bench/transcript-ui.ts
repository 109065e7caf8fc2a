/**
 * `npm run bench:transcripts`: the transcript reader in Chromium through the preview host,
 * with the real core and reference server (the demo seed, one of Priya Nair's sessions given
 * 2,000 lines and another 50: test/bench/support/transcript-server.ts). Not a test: it
 * measures and reports (bench/results/transcript-ui.json, its figures merged into
 * bench/results/latest.json's `figures`).
 *
 * - `ui.transcript_open_ratio_2000_vs_50` (target ≤ 1.5): the time from the click on the
 *   session in the list to the frame after its first lines are in the DOM, for the 2,000-line
 *   session ÷ the 50-line one; medians of runs taken in turn after a warm-up of each.
 *   `ui.transcript_open_2000_ms` and `ui.transcript_open_50_ms` are those medians.
 * - `ui.transcript_dom_nodes_2000` (target < 500): every element of the document with the
 *   2,000-line session open (settled, all of it read in); `ui.transcript_lines_in_dom_2000`
 *   the lines drawn.
 *
 * Once the device has every transcript the server is stopped: the reader works offline
 * from the encrypted copy, and the server's process stays out of the figures.
 */
import type { Page } from '@playwright/test';
import { startPreviewHost } from '../e2e/support/preview-host';
import type { ArrangedTranscript } from '../support/long-transcript';
import {
  benchSignIn,
  launchBenchBrowser,
  log,
  median,
  round1,
  startBenchServer,
  writeBenchResults,
} from './support/ui-bench';

const RUNS = 9;

log('seeding the demo profile with a 2,000-line and a 50-line session…');
const server = await startBenchServer('transcript-server.ts');
const { long, short } = server.facts as { long: ArrangedTranscript; short: ArrangedTranscript };
const host = await startPreviewHost({ demoServer: server.url });
const browser = await launchBenchBrowser();
const page: Page = await browser.newPage({ viewport: { width: 1440, height: 900 } });

const sessionRow = (lines: number) =>
  page.locator('table.sessions tbody tr').filter({
    has: page.locator('td', { hasText: new RegExp(`^${lines}$`) }),
  });

/** The list of sessions, narrowed to the patient (both sessions are hers). */
async function toList(patientName: string): Promise<void> {
  await page.getByRole('button', { name: 'Transcripts', exact: true }).click();
  await page.getByLabel('Patient name').fill(patientName);
  await sessionRow(long.utterances).waitFor({ timeout: 15 * 60_000 });
  await sessionRow(short.utterances).waitFor();
  await page.waitForTimeout(200);
}

/** Click → the frame after the session's first lines are in the DOM, timed in the page. */
async function openTimed(lines: number): Promise<number> {
  await page.evaluate(() => {
    const marks: { start?: number; end?: number } = {};
    (window as unknown as { benchMarks: typeof marks }).benchMarks = marks;
    document.addEventListener('click', () => (marks.start = performance.now()), {
      capture: true,
      once: true,
    });
    const observer = new MutationObserver(() => {
      if (document.querySelector('ol[aria-label="Utterances in order"] li[data-index]')) {
        observer.disconnect();
        requestAnimationFrame(() => (marks.end = performance.now()));
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
  await sessionRow(lines).getByRole('button').click();
  const marks = await page.waitForFunction(() => {
    const m = (window as unknown as { benchMarks: { start?: number; end?: number } }).benchMarks;
    return m.start !== undefined && m.end !== undefined ? m : null;
  });
  const { start, end } = (await marks.jsonValue()) as { start: number; end: number };
  return end - start;
}

try {
  await page.goto(host.url);
  await benchSignIn(page, 'Priya Nair');
  log('first sync, transcripts included…');
  await toList(long.patientName);
  log('both sessions on the device; stopping the server');
  server.process.kill('SIGTERM');

  const times: Record<'long' | 'short', number[]> = { long: [], short: [] };
  for (let run = 0; run <= RUNS; run++) {
    for (const which of run % 2 === 0
      ? (['long', 'short'] as const)
      : (['short', 'long'] as const)) {
      const lines = which === 'long' ? long.utterances : short.utterances;
      await toList(long.patientName);
      const ms = await openTimed(lines);
      if (run > 0) times[which].push(ms); // run 0 warms each up
    }
  }

  // The long session open and settled: every line read in, nothing more to draw.
  await toList(long.patientName);
  await openTimed(long.utterances);
  await page.getByText(`${long.utterances} utterances`, { exact: true }).waitFor();
  await page.waitForTimeout(1_000);
  const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  const linesInDom = await page.locator('ol[aria-label="Utterances in order"] li').count();

  const openLong = median(times.long);
  const openShort = median(times.short);
  writeBenchResults(
    'transcript-ui',
    {
      'ui.transcript_open_ratio_2000_vs_50': Math.round((openLong / openShort) * 100) / 100,
      'ui.transcript_open_2000_ms': round1(openLong),
      'ui.transcript_open_50_ms': round1(openShort),
      'ui.transcript_dom_nodes_2000': domNodes,
      'ui.transcript_lines_in_dom_2000': linesInDom,
    },
    { open2000: times.long.map(round1), open50: times.short.map(round1) },
    { 'ui.transcript_open_ratio_2000_vs_50': '≤ 1.5', 'ui.transcript_dom_nodes_2000': '< 500' },
  );
} finally {
  await browser.close();
  await host.stop();
  if (server.process.exitCode === null) server.process.kill('SIGTERM');
}
process.exit(0);
