import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startPreviewHost, type RunningPreview } from './support/preview-host';
import { axe, signInAs, waitForFirstSync } from './support/workspace';

/** Issue 10 item 3: the statement of hours loads for every month of the year. */
let preview: RunningPreview;
test.beforeEach(async ({ page }) => {
  preview = await startPreviewHost();
  await page.goto(preview.url);
});
test.afterEach(async () => preview.stop());

test('the statement of hours loads for every month of a year, and August reads to the penny', async ({
  page,
}, testInfo) => {
  await signInAs(page, 'Priya Nair');
  await waitForFirstSync(page);
  await page.getByRole('button', { name: 'Hours' }).click();
  await expect(page.getByRole('heading', { name: 'Statement of hours' })).toBeVisible();
  // The default month (the one just paid for) loads.
  await expect(page.getByRole('table')).toBeVisible();
  const month = page.getByLabel('Month');
  const names = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August'];
  names.push('September', 'October', 'November', 'December');
  for (const [i, name] of names.entries()) {
    await month.fill(`2026-${String(i + 1).padStart(2, '0')}`);
    await expect(page.getByRole('table').locator('caption')).toHaveText(
      new RegExp(`^Paid events in ${name} 2026 \\(paid in \\w+ 202[67]\\)`),
    );
    await expect(page.getByText('Loading the statement…')).toHaveCount(0);
  }
  await month.fill('2026-08');
  await expect(page.getByRole('table').locator('caption')).toHaveText(
    'Paid events in August 2026 (paid in September 2026)',
  );
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('hours-august.png'), fullPage: true });

  // Issue 13 item 10: "Export CSV" saves a file whose columns a person reads, without ids.
  const saving = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await saving;
  expect(download.suggestedFilename()).toBe('statement-of-hours-2026-08.csv');
  const file = readFileSync((await download.path()) as string, 'utf8').replace(/^\uFEFF/, '');
  const rows = file.trimEnd().split('\r\n');
  expect(rows[0]).toBe(
    'Date and time (UK),Case reference,Step,Session,Minutes,Outcome,Paid as,Rate from,Hourly rate (£),Pay (£),Holiday pay (£),Total (£)',
  );
  const shownRows = await page.getByRole('table').locator('tbody tr').count();
  expect(rows).toHaveLength(1 + shownRows + 1);
  for (const row of rows.slice(1, -1))
    expect(row).toMatch(/^2026-08-\d\d \d\d:\d\d,[A-Z]+-\d{4}-\d+,[23],(assessment|treatment),/);
  expect(rows.at(-1)).toMatch(/^Total for 2026-08,/);
  expect(file).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/); // no UUIDs
});
