import { expect, test, type Page } from '@playwright/test';
import { startPreviewHost, type RunningPreview } from './support/preview-host';
import { axe, signInAs, waitForFirstSync } from './support/workspace';

/**
 * Issue 13 item 2, keyboard first, in Chromium through the preview (the real core and the
 * embedded reference server): the command palette finds a patient by case reference and by
 * name, goes to views and runs actions; the single-key shortcuts act on the open patient and
 * never fire while typing; the lock shortcut locks. Screenshots; axe with the palette open.
 */
let preview: RunningPreview;
test.beforeEach(async ({ page }) => {
  preview = await startPreviewHost();
  await page.goto(preview.url);
});
test.afterEach(async () => preview.stop());

const palette = (page: Page) => page.getByRole('dialog', { name: 'Commands' });

interface Entry {
  patientId: string;
  name: string;
  caseReference: string;
}

test('a PWP works by keyboard: palette to a patient, reply, next patient, views, lock', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000); // a first sync, then many steps on a shared, busy machine
  await signInAs(page, 'Tom Reeve', 'tom passcode');
  await waitForFirstSync(page);
  const entries = await page.evaluate(async () => {
    const list = await window.clinician.caseload.list({});
    return list.ok ? list.value.entries : [];
  });
  expect(entries.length).toBeGreaterThan(2);
  const wanted = entries.at(-1) as Entry;
  // The status bar says where the location rule stands, beside the sync state.
  await expect(page.getByRole('region', { name: 'Sync status' })).toContainText(
    /Working from United Kingdom \(GB\) · confirmed until \w+day \d+ \w+ \d{4}, \d\d:\d\d/,
  );
  const heading = page.locator('#view-heading');

  // The palette by its key; a case reference finds the patient; Enter opens the record.
  await page.keyboard.press('Control+k');
  const input = page.getByRole('combobox', { name: 'Find a patient, view or action' });
  await expect(input).toBeFocused();
  expect(await axe(page), 'axe, palette open').toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('palette-open.png') });
  await input.fill(wanted.caseReference);
  await expect(palette(page).getByRole('option').first()).toContainText(wanted.name);
  await expect(palette(page).getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await page.screenshot({ path: testInfo.outputPath('palette-case-reference.png') });
  await page.keyboard.press('Enter');
  await expect(heading).toContainText(wanted.name);
  await expect(page.getByRole('dialog', { name: 'Commands' })).toHaveCount(0);

  // "r" puts the clinician in this patient's reply box; typing "j" there is just a letter.
  await page.keyboard.press('r');
  const reply = page.locator(`#reply-${wanted.patientId}`);
  await expect(reply).toBeFocused();
  await page.keyboard.type('jk gc');
  await expect(reply).toHaveValue('jk gc');
  await expect(heading).toContainText(wanted.name);
  await reply.fill('');

  // "k" (out of the field) goes to the previous patient in the caseload's risk-first order.
  await heading.focus();
  await page.keyboard.press('k');
  await expect(heading).not.toContainText(wanted.name);
  const shown = (await heading.textContent()) ?? '';
  expect(entries.some((e) => shown.includes(e.name))).toBe(true);
  await page.keyboard.press('j');
  await expect(heading).toContainText(wanted.name);

  // "n": the new-note form of this patient.
  await page.keyboard.press('n');
  await expect(page.locator('#new-note-kind')).toBeFocused();

  // A view by its sequence ("g" then "c"), shown in the navigation's tooltip.
  await heading.focus();
  await page.keyboard.press('g');
  await page.keyboard.press('c');
  await expect(page.getByRole('button', { name: 'Caseload' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(page.getByRole('button', { name: 'Caseload' })).toHaveAttribute(
    'aria-keyshortcuts',
    'G C',
  );

  // The palette by name, then an action by name: Sync now (the sync bar's button says its key).
  await page.keyboard.press('Control+k');
  await input.fill(wanted.name.split(' ')[0] as string);
  await expect(page.getByRole('option', { name: new RegExp(wanted.name) })).toBeVisible();
  await input.fill('sync');
  await expect(palette(page).getByRole('option').first()).toContainText('Sync now');
  await expect(palette(page).getByRole('option').first()).toContainText('Ctrl Shift S');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Commands' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sync now' })).toHaveAttribute(
    'aria-keyshortcuts',
    'Control+Shift+S',
  );

  // Nothing matching says so.
  await page.keyboard.press('Control+k');
  await input.fill('zzzz-no-such-thing');
  await expect(page.getByText('Nothing matches.')).toBeVisible();
  await page.keyboard.press('Escape');

  // The lock key closes patient data at once.
  await page.keyboard.press('Control+Shift+l');
  await expect(page.getByRole('heading', { name: 'Locked' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Workspace' })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('palette-locked.png') });
});

test('a supervisor finds a supervisee’s patient from the palette; no reply shortcut', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await signInAs(page, 'Dr Helen Marsh', 'helen passcode');
  await waitForFirstSync(page);
  const entries = await page.evaluate(async () => {
    const list = await window.clinician.caseload.list({});
    return list.ok ? list.value.entries : [];
  });
  expect(entries.length).toBeGreaterThan(0);
  const wanted = entries[0] as Entry;
  await page.keyboard.press('Control+k');
  const input = page.getByRole('combobox', { name: 'Find a patient, view or action' });
  await input.fill(wanted.name);
  // Only what matches every word: no fuzzy noise such as the supervision view.
  await expect(page.getByRole('option', { name: /Supervision this week/ })).toHaveCount(0);
  await expect(palette(page).getByRole('option').first()).toContainText(wanted.name);
  await expect(palette(page).getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.locator('#view-heading')).toContainText(wanted.name);
  await page.keyboard.press('r');
  await expect(page.locator(`#reply-${wanted.patientId}`)).toHaveCount(0);
  await expect(page.locator('#view-heading')).toContainText(wanted.name);
  await page.keyboard.press('Control+k');
  await input.fill('therap');
  await expect(page.getByRole('option', { name: /My therapists/ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('palette-supervisor.png') });
});
