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
});
