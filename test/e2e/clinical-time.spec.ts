import { expect, test, type Page } from '@playwright/test';
import { startOwnBackend, type OwnBackend } from './support/own-backend';
import { startPreviewHost, type RunningPreview } from './support/preview-host';
import { axe, signInAs, waitForFirstSync } from './support/workspace';

/**
 * Issue 10 item 2: every time a person reads is UK time through one formatter, the device's
 * reading beside it when it differs. A reply deadline in British Summer Time and one in GMT,
 * arranged at fixed instants on the spec's own reference server, read the same in the
 * deadline's sentence and in the badge beside it.
 */
let backend: OwnBackend;
let patient: { id: string; name: string };
// Received Thursday 17 September 16:00 BST → due Saturday 19 September 16:00 BST (15:00 UTC).
const BST_RECEIVED = '2026-09-17T15:00:00Z';
// Received Friday 20 November 15:00 GMT → due Sunday 22 November 15:00 GMT.
const GMT_RECEIVED = '2026-11-20T15:00:00Z';

test.beforeAll(async () => {
  backend = await startOwnBackend();
  patient = await backend.patientOf('Priya Nair');
  await backend.clearMessages(patient.id);
  await backend.patientMessage(patient.id, BST_RECEIVED, 'Can we move Thursday?');
  await backend.patientMessage(patient.id, GMT_RECEIVED, 'Homework done, a question about it.');
});
test.afterAll(async () => backend.close());

const replyDeadline = (page: Page, receivedText: string) =>
  page
    .locator('li.deadline')
    .filter({ hasText: `Reply to ${patient.name}'s message from ${receivedText}` })
    .first();

async function openTodayAs(page: Page, preview: RunningPreview) {
  await page.goto(preview.url);
  await signInAs(page, 'Priya Nair');
  await waitForFirstSync(page);
  await expect(page.getByRole('heading', { name: 'Today and deadlines' })).toBeVisible();
}

test.describe('on a computer set to UK time', () => {
  test.use({ timezoneId: 'Europe/London' });
  let preview: RunningPreview;
  test.beforeEach(async () => {
    preview = await startPreviewHost({ demoServer: backend.url, deviceZone: 'Europe/London' });
  });
  test.afterEach(async () => preview.stop());

  test('a BST and a GMT reply deadline read UK time in the sentence and in the badge', async ({
    page,
  }, testInfo) => {
    await openTodayAs(page, preview);
    const summer = replyDeadline(page, 'Thursday 17 September 2026, 16:00');
    await expect(summer.locator('.deadline__sentence')).toHaveText(
      `Reply to ${patient.name}'s message from Thursday 17 September 2026, 16:00 — due Saturday 19 September 2026, 16:00`,
    );
    await expect(summer.locator('.deadline__head time')).toHaveText(
      'Saturday 19 September 2026, 16:00',
    );
    const winter = replyDeadline(page, 'Friday 20 November 2026, 15:00');
    await expect(winter.locator('.deadline__sentence')).toHaveText(
      `Reply to ${patient.name}'s message from Friday 20 November 2026, 15:00 — due Sunday 22 November 2026, 15:00`,
    );
    await expect(winter.locator('.deadline__head time')).toHaveText(
      'Sunday 22 November 2026, 15:00',
    );
    expect(await axe(page)).toEqual([]);
    await summer.screenshot({ path: testInfo.outputPath('bst-deadline.png') });
  });
});

// A laptop left on UTC (the bug's setting; the location rule accepts a zone-less clock in the UK).
test.describe('on a computer set to UTC', () => {
  test.use({ timezoneId: 'UTC' });
  let preview: RunningPreview;
  test.beforeEach(async () => {
    preview = await startPreviewHost({ demoServer: backend.url, deviceZone: 'UTC' });
  });
  test.afterEach(async () => preview.stop());

  test('UK time comes first and the device reading sits beside it when it differs', async ({
    page,
  }, testInfo) => {
    await openTodayAs(page, preview);
    // In summer UTC reads an hour behind: both readings, UK first, in the sentence and the badge.
    const summer = replyDeadline(page, 'Thursday 17 September 2026, 16:00 UK time (15:00 UTC)');
    await expect(summer.locator('.deadline__sentence')).toContainText(
      '— due Saturday 19 September 2026, 16:00 UK time (15:00 UTC)',
    );
    await expect(summer.locator('.deadline__head time')).toHaveText(
      'Saturday 19 September 2026, 16:00 UK time (15:00 UTC)',
    );
    // In winter UTC is UK time: one reading.
    const winter = replyDeadline(page, 'Friday 20 November 2026, 15:00');
    await expect(winter.locator('.deadline__sentence')).toHaveText(
      `Reply to ${patient.name}'s message from Friday 20 November 2026, 15:00 — due Sunday 22 November 2026, 15:00`,
    );
    await expect(winter.locator('.deadline__head time')).toHaveText(
      'Sunday 22 November 2026, 15:00',
    );
    await summer.screenshot({ path: testInfo.outputPath('bst-deadline-utc-laptop.png') });
  });
});
