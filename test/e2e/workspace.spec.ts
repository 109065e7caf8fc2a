import { expect, test, type Page } from '@playwright/test';
import { startPreviewHost, type RunningPreview } from './support/preview-host';
import { axe } from './support/workspace';

/**
 * The workspace a therapist uses, end to end in Chromium: the preview host runs the real
 * core against the shared embedded demo backend; each test gets its own device.
 */
let preview: RunningPreview;
test.beforeEach(async ({ page }) => {
  preview = await startPreviewHost();
  await page.goto(preview.url);
});
test.afterEach(async () => preview.stop());

async function signInAs(page: Page, displayName: string, passcode = 'e2e passcode') {
  await page.getByRole('button', { name: `Use the account of ${displayName}` }).click();
  await page.getByRole('button', { name: 'Fill in this code' }).click();
  await page.getByLabel('Local passcode for this computer').fill(passcode);
  await page.getByLabel('Passcode again').fill(passcode);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Workspace' })).toBeVisible({
    timeout: 30_000,
  });
}

test('sign in with a demo account, see the caseload, open a patient, reply and write a note', async ({
  page,
}, testInfo) => {
  await expect(page.getByRole('heading', { name: 'Demo accounts' })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('1-sign-in.png'), fullPage: true });

  await signInAs(page, 'Priya Nair');
  await page.getByRole('button', { name: 'Caseload' }).click();
  await expect(page.getByRole('heading', { name: 'Caseload' })).toBeVisible();
  const firstPatient = page.locator('.caseload-row__open').first();
  await expect(firstPatient).toBeVisible({ timeout: 30_000 });
  // The virtualised list renders (and measures) more than the first row.
  const shown = Number(
    (await page.getByText(/^\d+ active patients/).textContent())?.match(/\d+/)?.[0],
  );
  await expect
    .poll(() => page.locator('.caseload-row').count())
    .toBeGreaterThanOrEqual(Math.min(shown, 4));
  const boxes = await page
    .locator('.caseload-row')
    .evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().top));
  expect(new Set(boxes.map(Math.round)).size).toBe(boxes.length); // rows do not overlap
  expect(await axe(page)).toEqual([]);
  // Not fullPage: resizing the viewport for a full-page capture catches the virtual list
  // mid-measurement (one row drawn); the assertions above check what a user sees.
  await page.screenshot({ path: testInfo.outputPath('2-caseload.png') });

  await firstPatient.click();
  await expect(page.getByRole('heading', { name: 'Messages' })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.getByLabel('Reply').fill('Thank you — see you on Thursday at 10.');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page.getByText('Thank you — see you on Thursday at 10.')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('3-patient.png'), fullPage: true });

  await page.getByRole('button', { name: 'Start writing' }).click();
  await page
    .getByLabel('Text')
    .fill('Reviewed the thought record; agreed behavioural experiment for next week.');
  await expect(page.getByText(/Saved at/)).toBeVisible({ timeout: 10_000 });
  await page.screenshot({ path: testInfo.outputPath('4-note.png'), fullPage: true });
});

test('lock and unlock with the passcode; a wrong passcode is refused in words', async ({
  page,
}) => {
  await signInAs(page, 'Tom Reeve', 'tom passcode');
  await page.evaluate(() => window.clinician.session.lock());
  await expect(page.getByLabel('Passcode')).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.getByLabel('Passcode').fill('not the passcode');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByText(/Wrong passcode/).first()).toBeVisible();
  await page.getByLabel('Passcode').fill('tom passcode');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('navigation', { name: 'Workspace' })).toBeVisible();
});

test('a supervisor reviews a transcript and works the tickets queue; every view passes axe', async ({
  page,
}, testInfo) => {
  // Five full-page axe runs (one over a whole transcript) and a first sync of a supervision
  // tree: more than the default minute on a loaded two-core machine.
  test.setTimeout(180_000);
  await signInAs(page, 'Dr Helen Marsh');
  await expect(page.getByRole('heading', { name: 'Supervision this week' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Open tickets, most urgent first/ })).toBeVisible(
    { timeout: 30_000 },
  );
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('5-today.png'), fullPage: true });

  await page.getByRole('button', { name: 'Tickets queue' }).click();
  await expect(page.getByRole('heading', { name: 'Tickets queue' })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('6-tickets.png'), fullPage: true });

  await page.getByRole('button', { name: 'Transcripts' }).click();
  const firstSession = page.locator('table.sessions tbody tr th button').first();
  await expect(firstSession).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('Search what was said').fill('homework');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: /lines? found|Nothing found/ }),
  ).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await firstSession.click();
  await expect(page.getByRole('list', { name: 'Utterances in order' })).toBeVisible();
  await page.getByRole('button', { name: 'Feedback' }).first().click();
  await page
    .getByLabel('Feedback on this line')
    .fill('Good agenda setting: collaborative and specific.');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(
    page.getByText('Supervisor: Good agenda setting: collaborative and specific.'),
  ).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('7-transcript.png'), fullPage: false });

  await page.getByRole('button', { name: 'Hours' }).click();
  await expect(page.getByRole('heading', { name: 'Statement of hours' })).toBeVisible();
  expect(await axe(page)).toEqual([]);
});

test('a deadline on Today opens the place to act: the reply box, the note editor', async ({
  page,
}, testInfo) => {
  await signInAs(page, 'Amelia Hart');
  await expect(page.getByRole('heading', { name: /^Replies due within 48 hours/ })).toBeVisible({
    timeout: 60_000,
  });
  const reply = page.getByRole('button', { name: /^Reply to / }).first();
  await expect(reply).toBeVisible({ timeout: 60_000 });
  await reply.click();
  await expect(page.getByRole('textbox', { name: 'Reply' })).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath('deadline-reply.png') });

  await page.getByRole('button', { name: 'Today and deadlines' }).click();
  const note = page.getByRole('button', { name: /^Write .+'s session note$/ }).first();
  await expect(note).toBeVisible();
  await note.click();
  await expect(page.locator('#view-heading')).toHaveText(/^Session note — /);
  await expect(page.getByLabel('Text', { exact: true })).toBeFocused();
  expect(await axe(page)).toEqual([]);
});
