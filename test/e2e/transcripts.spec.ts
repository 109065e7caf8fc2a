import { expect, test, type Page } from '@playwright/test';
import { arrangeTranscriptLength, type ArrangedTranscript } from '../support/long-transcript';
import { startOwnBackend, type OwnBackend } from './support/own-backend';
import { startPreviewHost, type RunningPreview } from './support/preview-host';
import { axe, signInAs } from './support/workspace';

/**
 * Issue 13 item 7 in Chromium through the preview, real core and reference server: a
 * 2,000-line session opens with a few dozen lines in the DOM; find (Ctrl+F) steps through
 * matches however far apart, each scrolled into view and marked; search across every
 * transcript lands on the line found. axe in light and dark. The spec has its own backend
 * (the long session is arranged before the device first syncs).
 */
let own: OwnBackend;
let host: RunningPreview;
let long: ArrangedTranscript;
const FIND = 'marmalade';
const PLANTED: Record<number, string> = {
  3: 'I had toast and marmalade before the session',
  1_200: 'The MARMALÁDE jar was still on the table when the panic started',
  1_990: 'Next week: marmalade on toast, then the walk to the shop',
  1_700: 'We talked about Café Kowalczyk, where the panic first came',
};

test.beforeEach(async () => {
  own = await startOwnBackend();
  long = await arrangeTranscriptLength(own.db, {
    therapist: 'Priya Nair',
    nth: 0,
    utterances: 2_000,
    plant: PLANTED,
  });
  host = await startPreviewHost({ demoServer: own.url });
});
test.afterEach(async () => {
  await host.stop();
  await own.close();
});

const lines = (page: Page) => page.getByRole('list', { name: 'Utterances in order' });
const line = (page: Page, position: number) =>
  lines(page).locator(`li[aria-posinset="${position}"]`);
const currentMatch = (page: Page) => lines(page).locator('mark[data-current-hit]');

/** The current match is drawn, on screen inside the scroll box, in the line expected. */
async function expectMatchShown(page: Page, position: number, text: RegExp) {
  await expect(currentMatch(page)).toHaveCount(1);
  await expect(currentMatch(page)).toHaveText(text);
  await expect(currentMatch(page)).toBeInViewport();
  await expect(line(page, position).locator('mark[data-current-hit]')).toHaveCount(1);
}

/** The line is inside the reader's scroll box as it is drawn now (no waiting). */
const insideTheBox = (page: Page, position: number) =>
  line(page, position).evaluate((li) => {
    const box = li.closest('.transcript-scroll');
    if (!box) return false;
    const a = li.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    return a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
  });

test('End shows the last line when every line is taller than the reader first guesses', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const LINES = 300;
  const wordy =
    'I kept noticing the same thought coming back whenever I tried to settle down for the evening, ';
  const tall = await arrangeTranscriptLength(own.db, {
    therapist: 'Priya Nair',
    nth: 1,
    utterances: LINES,
    plant: Object.fromEntries(
      Array.from({ length: LINES }, (_, seq) => [seq, `Line ${seq + 1}. ${wordy.repeat(3)}`]),
    ),
  });
  await page.goto(host.url);
  await signInAs(page, 'Priya Nair');
  await page.getByRole('button', { name: 'Transcripts', exact: true }).click();
  await page.getByLabel('Patient name').fill(tall.patientName);
  const row = page.locator('table.sessions tbody tr').filter({
    has: page.locator('td', { hasText: new RegExp(`^${LINES}$`) }),
  });
  await expect(row).toHaveCount(1, { timeout: 90_000 });
  await row.getByRole('button', { name: tall.patientName }).click();
  await expect(page.getByText(`${LINES} utterances`, { exact: true })).toBeVisible({
    timeout: 30_000,
  });

  await line(page, 1).focus();
  await page.keyboard.press('End');
  await expect(line(page, LINES)).toBeFocused();
  await expect(line(page, LINES)).toContainText(`Line ${LINES}.`);
  // Once the lines around it are drawn and measured (each far taller than the guess), the
  // last line is still in the box, not pushed below it.
  await expect.poll(() => insideTheBox(page, LINES)).toBe(true);
  await page.waitForTimeout(500);
  expect(await insideTheBox(page, LINES)).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('transcript-end-tall-lines.png') });
  // And Home goes back to the first, as far above.
  await page.keyboard.press('Home');
  await expect(line(page, 1)).toBeFocused();
  await page.waitForTimeout(500);
  expect(await insideTheBox(page, 1)).toBe(true);
});

test('a 2,000-line session: virtualised, find steps through far-apart matches, search lands on the line', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  await page.goto(host.url);
  await signInAs(page, 'Priya Nair');

  // The list of sessions: the long one, by its patient and its 2,000 lines.
  await page.getByRole('button', { name: 'Transcripts', exact: true }).click();
  await page.getByLabel('Patient name').fill(long.patientName);
  const row = page.locator('table.sessions tbody tr').filter({
    has: page.locator('td', { hasText: /^2000$/ }),
  });
  await expect(row).toHaveCount(1, { timeout: 90_000 });
  await row.getByRole('button', { name: long.patientName }).click();
  await expect(
    page.getByRole('heading', { name: `Session with ${long.patientName}` }),
  ).toBeVisible();
  await expect(page.getByText('2000 utterances', { exact: true })).toBeVisible({
    timeout: 30_000,
  });

  // Virtualised: a screenful of lines in the DOM, each saying where it sits in the 2,000.
  const drawn = await lines(page).locator('li').count();
  expect(drawn).toBeGreaterThan(3);
  expect(drawn).toBeLessThan(60);
  await expect(lines(page).locator('li').first()).toHaveAttribute('aria-setsize', '2000');
  await expect(lines(page).locator('li').first()).toHaveAttribute('aria-posinset', '1');
  expect(await page.evaluate(() => document.getElementsByTagName('*').length)).toBeLessThan(500);
  await expect(line(page, 1)).toContainText('Therapist');

  // The keyboard scrolls: one tab stop, Page Down by ten, End to the last line.
  await line(page, 1).focus();
  await page.keyboard.press('PageDown');
  await expect(line(page, 11)).toBeFocused();
  await page.keyboard.press('End');
  await expect(line(page, 2000)).toBeFocused();
  await expect(line(page, 2000)).toBeInViewport();
  await expect(lines(page).locator('li[tabindex="0"]')).toHaveCount(1);
  await page.keyboard.press('Home');
  await expect(line(page, 1)).toBeFocused();

  // Find: Ctrl+F, the word, Enter / Shift+Enter and the buttons; accents and case ignored.
  await page.keyboard.press('Control+f');
  const find = page.getByRole('searchbox', { name: 'Find in this transcript' });
  await expect(find).toBeFocused();
  await find.fill(FIND);
  const status = page.locator('#transcript-find-status');
  await expect(status).toHaveText('1 of 3');
  await expectMatchShown(page, 4, /^marmalade/);
  await find.press('Enter');
  await expect(status).toHaveText('2 of 3');
  await expectMatchShown(page, 1_201, /^MARMALÁDE/);
  await page.screenshot({ path: testInfo.outputPath('transcript-find-light.png') });
  expect(await axe(page), 'axe, reader with find, light').toEqual([]);
  await find.press('Enter');
  await expect(status).toHaveText('3 of 3');
  await expectMatchShown(page, 1_991, /^marmalade/);
  await find.press('Shift+Enter');
  await expect(status).toHaveText('2 of 3');
  await expectMatchShown(page, 1_201, /^MARMALÁDE/);
  await page.getByRole('button', { name: 'Previous match' }).click();
  await page.getByRole('button', { name: 'Previous match' }).click();
  await expect(status).toHaveText('3 of 3'); // round the start
  await expectMatchShown(page, 1_991, /^marmalade/);
  // Escape: back to the line of the match, and the arrows go on from there.
  await find.press('Escape');
  await expect(line(page, 1_991)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(line(page, 1_992)).toBeFocused();
  expect(await page.evaluate(() => document.getElementsByTagName('*').length)).toBeLessThan(500);
  await find.fill('zebra crossing');
  await expect(status).toHaveText('No match');

  // Search every transcript: the result names the patient and session; it opens at the line.
  const searchAndOpen = async () => {
    await page.getByRole('button', { name: 'Transcripts', exact: true }).click();
    await page.getByLabel('Search what was said').fill('cafe kowalczyk');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: '1 line found.' })).toBeVisible();
    const hit = page.locator('.search-hit');
    await expect(hit).toHaveCount(1);
    await expect(hit).toContainText(long.patientName);
    await expect(hit).toContainText('line 1701');
    await expect(hit.locator('mark')).toHaveText(['Café', 'Kowalczyk']);
    await expect(hit.locator('time')).toHaveAttribute('datetime', /.+/);
    await hit.getByRole('button').click();
    const found = line(page, 1_701);
    await expect(found).toHaveAttribute('aria-current', 'true');
    await expect(found).toContainText('Café Kowalczyk');
    await expect(found).toBeInViewport();
    await expect(found).toBeFocused();
  };
  await searchAndOpen();
  await page.screenshot({ path: testInfo.outputPath('transcript-search-landed-light.png') });
  expect(await axe(page), 'axe, reader opened at a search result, light').toEqual([]);

  // Dark: the search results and the reader, axe at zero.
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('group', { name: 'Appearance' }).getByLabel('Dark').check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: 'Transcripts', exact: true }).click();
  await page.getByLabel('Search what was said').fill('marmalade');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.locator('.search-hit')).toHaveCount(3);
  await page.screenshot({
    path: testInfo.outputPath('transcript-search-dark.png'),
    fullPage: true,
  });
  expect(await axe(page), 'axe, search results, dark').toEqual([]);
  await searchAndOpen();
  await page.keyboard.press('Control+f');
  await page.getByRole('searchbox', { name: 'Find in this transcript' }).fill('panic');
  await expect(status).toHaveText(/^1 of \d+$/);
  await page.screenshot({ path: testInfo.outputPath('transcript-find-dark.png') });
  expect(await axe(page), 'axe, reader with find, dark').toEqual([]);
});
