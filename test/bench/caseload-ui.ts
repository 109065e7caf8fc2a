/**
 * `npm run bench:caseload`: the caseload table with 250 patients, in Chromium through the
 * preview host, on the `large` profile (Jordan Blake, a busy therapist). Not a test: it
 * measures and reports (bench/results/caseload-ui.json, and its figures merged into
 * bench/results/latest.json's `figures` without dropping the others).
 *
 * - `ui.caseload_render_ms` (target < 100): from the click on "Caseload" to the frame after
 *   the table's rows are in the DOM (first paint of the table), the view opened from Today,
 *   timed inside the page; median of the runs after the first. `ui.caseload_render_first_ms`
 *   is the first opening (the core's query and the IPC hops included).
 * - `ui.caseload_filter_ms` (target < 50): from a keystroke in the search box to the frame
 *   after the table shows the narrowed (or widened) rows; median over typed and deleted
 *   characters.
 *
 * Once the device has the caseload (the core lane caught up) the server is stopped: the
 * transcripts' download (400k utterances) would otherwise share the two cores with the
 * figures, and the table works offline from the encrypted copy like everything else.
 */
import type { Page } from '@playwright/test';
import { startPreviewHost } from '../e2e/support/preview-host';
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

log('seeding the large profile…');
const server = await startBenchServer('large-server.ts');
const serverProcess = server.process;
const host = await startPreviewHost({ demoServer: server.url });
const browser = await launchBenchBrowser();
const page: Page = await browser.newPage({ viewport: { width: 1440, height: 900 } });

type Bridge = {
  clinician: {
    sync: {
      status(
        a: object,
      ): Promise<{ ok: boolean; value?: { progress: { core: { caughtUp: boolean } } } }>;
    };
    caseload: {
      list(
        a: object,
      ): Promise<{ ok: boolean; value?: { entries: { name: string; caseReference: string }[] } }>;
    };
  };
};

try {
  await page.goto(host.url);
  await benchSignIn(page, 'Jordan Blake');
  log('first sync of the caseload…');
  const started = performance.now();
  for (;;) {
    const caughtUp = await page.evaluate(async () => {
      const s = await (window as unknown as Bridge).clinician.sync.status({});
      return s.ok && s.value?.progress.core.caughtUp === true;
    });
    if (caughtUp) break;
    if (performance.now() - started > 15 * 60_000) throw new Error('the caseload never arrived');
    await page.waitForTimeout(500);
  }
  const entries = await page.evaluate(async () => {
    const list = await (window as unknown as Bridge).clinician.caseload.list({});
    return list.ok && list.value ? list.value.entries : [];
  });
  log(`caseload of ${entries.length} patients on the device; stopping the server`);
  serverProcess.kill('SIGTERM');

  // Render: Today → Caseload, timed in the page from the click to the frame after the rows.
  const render: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await page.getByRole('button', { name: 'Today and deadlines' }).click();
    await page.locator('#view-heading').waitFor();
    await page.waitForTimeout(200);
    await page.evaluate(() => {
      const marks: { start?: number; end?: number } = {};
      (window as unknown as { benchMarks: typeof marks }).benchMarks = marks;
      const nav = [...document.querySelectorAll('nav button')].find(
        (b) => b.textContent?.trim() === 'Caseload',
      );
      nav?.addEventListener('click', () => (marks.start = performance.now()), {
        capture: true,
        once: true,
      });
      const observer = new MutationObserver(() => {
        if (document.querySelector('[role=table][aria-label=Caseload] [role=row][data-index]')) {
          observer.disconnect();
          requestAnimationFrame(() => (marks.end = performance.now()));
        }
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
    await page.getByRole('button', { name: 'Caseload', exact: true }).click();
    await page.locator('[role=row][data-index]').first().waitFor();
    const marks = await page.waitForFunction(() => {
      const m = (window as unknown as { benchMarks: { start?: number; end?: number } }).benchMarks;
      return m.start !== undefined && m.end !== undefined ? m : null;
    });
    const { start, end } = (await marks.jsonValue()) as { start: number; end: number };
    render.push(end - start);
  }
  const rowsInDom = await page.locator('[role=row][data-index]').count();

  // Filter: a keystroke in the search box to the frame after the table changed.
  const search = page.getByLabel('Search by name or case reference');
  const letters = 'abcdefghijklmnopqrstuvwxyz'.split('');
  const narrowing = letters.filter((c) => {
    const n = entries.filter((e) =>
      `${e.name} ${e.caseReference}`.toLowerCase().includes(c),
    ).length;
    return n > 0 && n < entries.length;
  });
  const filter: number[] = [];
  for (let run = 0; run < RUNS * 2; run++) {
    const typing = run % 2 === 0;
    const key = typing ? (narrowing[run % narrowing.length] ?? 'q') : 'Backspace';
    await search.focus();
    await page.evaluate(() => {
      const marks: { start?: number; end?: number } = {};
      (window as unknown as { benchMarks: typeof marks }).benchMarks = marks;
      const input = document.querySelector('input[type=search]');
      input?.addEventListener('keydown', () => (marks.start = performance.now()), {
        capture: true,
        once: true,
      });
      const status = [...document.querySelectorAll('[role=status]')].find((s) =>
        s.textContent?.startsWith('Showing'),
      );
      const observer = new MutationObserver(() => {
        observer.disconnect();
        requestAnimationFrame(() => (marks.end = performance.now()));
      });
      if (status) observer.observe(status, { childList: true, subtree: true, characterData: true });
    });
    await page.keyboard.press(key);
    const marks = await page.waitForFunction(() => {
      const m = (window as unknown as { benchMarks: { start?: number; end?: number } }).benchMarks;
      return m.start !== undefined && m.end !== undefined ? m : null;
    });
    const { start, end } = (await marks.jsonValue()) as { start: number; end: number };
    filter.push(end - start);
    await page.waitForTimeout(100);
  }

  const figures = {
    'ui.caseload_render_ms': round1(median(render.slice(1))),
    'ui.caseload_render_first_ms': round1(render[0] ?? NaN),
    'ui.caseload_filter_ms': round1(median(filter)),
    'ui.caseload_patients': entries.length,
    'ui.caseload_rows_in_dom': rowsInDom,
  };
  writeBenchResults(
    'caseload-ui',
    figures,
    { render: render.map(round1), filter: filter.map(round1) },
    { 'ui.caseload_render_ms': '< 100', 'ui.caseload_filter_ms': '< 50' },
  );
} finally {
  await browser.close();
  await host.stop();
  if (serverProcess.exitCode === null) serverProcess.kill('SIGTERM');
}
process.exit(0);
