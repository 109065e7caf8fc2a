import { expect, test, type Page } from '@playwright/test';
import { startPreviewHost, type RunningPreview } from './support/preview-host';
import { axe, signInAs, waitForFirstSync } from './support/workspace';

/**
 * Issue 13 item 5, the caseload table in Chromium through the preview (the real core and the
 * embedded reference server): search and open a patient by keyboard alone, sort by a column,
 * filter to patients with overdue deadlines, axe in light and dark, screenshots.
 */
let preview: RunningPreview;
test.beforeEach(async ({ page }) => {
  preview = await startPreviewHost();
  await page.goto(preview.url);
});
test.afterEach(async () => preview.stop());

interface Row {
  name: string;
  caseReference: string;
  overdueDeadlines: number;
  latestPhq9: number | null;
}
const caseloadOf = (page: Page): Promise<Row[]> =>
  page.evaluate(async () => {
    const list = await window.clinician.caseload.list({});
    return list.ok ? list.value.entries : [];
  });

const table = (page: Page) => page.getByRole('table', { name: 'Caseload' });

test('a PWP searches the caseload, opens a patient by keyboard alone, sorts and filters', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000); // a first sync, then many steps on a shared, busy machine
  await signInAs(page, 'Amelia Hart', 'amelia passcode');
  await waitForFirstSync(page);
  await page.getByRole('button', { name: 'Caseload' }).click();
  await expect(page.locator('#view-heading')).toBeFocused();
  await expect(table(page).getByRole('row').nth(1)).toBeVisible({ timeout: 30_000 });
  const entries = await caseloadOf(page);
  expect(entries.length).toBeGreaterThan(3);
  await expect(page.getByText(/^\d+ active patients · /)).toContainText(`${entries.length} active`);
  // Risk first by default: the risk column says so to assistive technology.
  await expect(table(page).getByRole('columnheader', { name: 'Risk' })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  expect(await axe(page), 'axe, caseload in light').toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('caseload-light.png') });

  // Keyboard alone: Tab to the search box, type part of a name, arrow down, Enter.
  const wanted = entries.at(-1) as Row;
  const search = page.getByLabel('Search by name or case reference');
  for (let i = 0; i < 12 && !(await search.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(search).toBeFocused();
  const surname = wanted.name.split(' ').at(-1) as string;
  await page.keyboard.type(surname.slice(0, 5).toLowerCase());
  const matches = entries.filter((e) =>
    `${e.name} ${e.caseReference}`.toLowerCase().includes(surname.slice(0, 5).toLowerCase()),
  );
  await expect(page.getByRole('status').filter({ hasText: /^Showing/ })).toContainText(
    matches.length === entries.length
      ? `Showing all ${entries.length}.`
      : `Showing ${matches.length} of ${entries.length}.`,
  );
  await page.keyboard.press('ArrowDown');
  const firstRow = table(page).getByRole('row').nth(1);
  await expect(firstRow).toBeFocused();
  // Down to the wanted patient's row, by keys alone.
  for (
    let i = 0;
    i < matches.length &&
    !(await page.evaluate(() => document.activeElement?.textContent ?? '')).includes(wanted.name);
    i++
  )
    await page.keyboard.press('ArrowDown');
  await expect(page.locator(':focus')).toContainText(wanted.name);
  await page.screenshot({ path: testInfo.outputPath('caseload-search.png') });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Appointments' })).toBeVisible();
  await expect(page.locator('#view-heading')).toContainText(wanted.name);

  // Back to the caseload: clear the search, sort by PHQ-9 (lowest first, no score last).
  await page.getByRole('button', { name: 'Caseload' }).click();
  await page.getByRole('button', { name: 'Clear search and filters' }).click();
  await table(page).getByRole('button', { name: 'PHQ-9' }).click();
  await expect(table(page).getByRole('columnheader', { name: 'PHQ-9' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await expect(table(page).getByRole('columnheader', { name: 'Risk' })).toHaveAttribute(
    'aria-sort',
    'none',
  );
  const scored = entries
    .map((e) => e.latestPhq9)
    .filter((s): s is number => s !== null)
    .sort((a, b) => a - b);
  // The PHQ-9 cell of each row drawn, in row order (the virtual list draws the first screens).
  const phq9Column = await table(page)
    .getByRole('columnheader')
    .evaluateAll((hs) => hs.findIndex((h) => h.textContent?.startsWith('PHQ-9')));
  const shownScores = () =>
    table(page)
      .locator('[role=row][data-index]')
      .evaluateAll(
        (rows, column) =>
          rows
            .sort(
              (a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')),
            )
            .map(
              (r) =>
                r.querySelectorAll('[role=cell]')[column]?.querySelector('.score-trend__value')
                  ?.textContent ?? null,
            )
            .filter((t): t is string => t !== null)
            .map(Number),
        phq9Column,
      );
  await expect.poll(async () => (await shownScores()).slice(0, 5)).toEqual(scored.slice(0, 5));
  // The same header by keyboard: highest first.
  await table(page).getByRole('button', { name: 'PHQ-9' }).press('Enter');
  await expect(table(page).getByRole('columnheader', { name: 'PHQ-9' })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect
    .poll(async () => (await shownScores()).slice(0, 5))
    .toEqual([...scored].reverse().slice(0, 5));
  await page.screenshot({ path: testInfo.outputPath('caseload-sorted-phq9.png') });

  // Has overdue: exactly the patients the core counts overdue deadlines for.
  const overdue = entries.filter((e) => e.overdueDeadlines > 0);
  await page.getByLabel('Has overdue deadlines').check();
  await expect(page.getByRole('status').filter({ hasText: /^Showing/ })).toContainText(
    `Showing ${overdue.length} of ${entries.length}.`,
  );
  if (overdue.length > 0) {
    const rows = table(page).getByRole('row');
    await expect(rows).toHaveCount(overdue.length + 1);
    for (const e of overdue) await expect(table(page)).toContainText(e.name);
    await expect(table(page).locator('.tag--danger', { hasText: /overdue$/ })).toHaveCount(
      overdue.length,
    );
  } else {
    await expect(page.getByText('No patient matches.')).toBeVisible();
  }
  await page.screenshot({ path: testInfo.outputPath('caseload-overdue.png') });

  // Dark: the same table, axe at zero.
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('group', { name: 'Appearance' }).getByLabel('Dark').check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: 'Caseload' }).click();
  await page.getByRole('button', { name: 'Clear search and filters' }).click();
  await expect(table(page).getByRole('row').nth(1)).toBeVisible();
  expect(await axe(page), 'axe, caseload in dark').toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('caseload-dark.png') });
});

test('a supervisor sees a supervisee’s caseload in the same table, and opens a patient from it', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await signInAs(page, 'Dr Helen Marsh');
  await waitForFirstSync(page);
  await page.getByRole('button', { name: 'My therapists' }).click();
  const therapist = page.locator('main .link-button').first();
  const therapistName = (await therapist.textContent()) ?? '';
  await therapist.click();
  await expect(page.locator('#view-heading')).toHaveText(`${therapistName}’s caseload`);
  await expect(table(page).getByRole('row').nth(1)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/^\d+ active patients? · /)).toBeVisible();
  await expect(table(page).getByRole('columnheader', { name: 'Risk' })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  expect(await axe(page), 'axe, a supervisee’s caseload').toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('caseload-supervisee.png') });
  await table(page).getByRole('row').nth(1).focus();
  const name =
    (await table(page).getByRole('row').nth(1).locator('.caseload-row__name').textContent()) ?? '';
  await page.keyboard.press('Enter');
  await expect(page.locator('#view-heading')).toContainText(name);
});
