import { expect, test, type Page } from '@playwright/test';
import { approveCountry, withdrawCountry } from '../../server/admin/operations';
import { startOwnBackend, type OwnBackend } from './support/own-backend';
import { startPreviewHost, type RunningPreview } from './support/preview-host';
import { axe, signInAs, waitForFirstSync } from './support/workspace';

/**
 * Issue 14 item 4: the location screen says exactly why patient data is closed and what to
 * do, keeps the service's crisis numbers on screen, keeps unsent work, and "Check again now"
 * asks the service and opens the data when the rule passes. The device's requests leave from
 * loopback addresses the development GeoIP table maps to countries (127.0.1.0/24 is France).
 */
let backend: OwnBackend;
test.beforeAll(async () => {
  backend = await startOwnBackend();
});
test.afterAll(async () => backend.close());

/** Sign in when the location screen, not the workspace, is expected next. */
async function signInToLocationScreen(page: Page, displayName: string) {
  await page.getByRole('button', { name: `Use the account of ${displayName}` }).click();
  await page.getByRole('button', { name: 'Fill in this code' }).click();
  await page.getByLabel('Local passcode for this computer').fill('e2e passcode');
  await page.getByLabel('Passcode again').fill('e2e passcode');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Location check needed: patient data is closed')).toBeVisible({
    timeout: 30_000,
  });
}

async function expectCrisisNumbersAndSafeWork(page: Page) {
  await expect(page.getByRole('heading', { name: 'Urgent risk: who to call' })).toBeVisible();
  // The demo service's on-call number, synced behind the closed screen.
  await expect(page.getByText(/0161 496 0456/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/kept safely on this computer/)).toBeVisible();
}

test.describe('a computer whose time zone does not fit the country', () => {
  test.use({ timezoneId: 'America/New_York' });
  let preview: RunningPreview;
  test.beforeEach(async () => {
    preview = await startPreviewHost({ demoServer: backend.url, deviceZone: 'America/New_York' });
  });
  test.afterEach(async () => preview.stop());

  test('says the zone does not fit, what to do, and that checking again keeps it closed', async ({
    page,
  }, testInfo) => {
    await page.goto(preview.url);
    await signInToLocationScreen(page, 'Priya Nair');
    await expect(
      page.getByRole('heading', { name: 'Your time zone does not fit your country' }),
    ).toBeVisible();
    await expect(
      page.getByText(/America\/New_York, which does not fit United Kingdom \(GB\)/),
    ).toBeVisible();
    await expect(
      page.getByText(/set the computer’s time zone to that of United Kingdom/),
    ).toBeVisible();
    await expectCrisisNumbersAndSafeWork(page);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('location-zone.png'), fullPage: true });

    await page.getByRole('button', { name: 'Check again now' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Checked / })).toHaveText(
      /the service answered, and patient data stays closed/,
    );
    await expect(page.getByRole('navigation', { name: 'Workspace' })).toHaveCount(0);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({
      path: testInfo.outputPath('location-zone-checked.png'),
      fullPage: true,
    });
  });
});

test.describe('working from France (127.0.1.5)', () => {
  test.use({ timezoneId: 'Europe/Paris' });
  let preview: RunningPreview;
  test.beforeEach(async () => {
    await approveCountry(backend.db, 'FR');
    preview = await startPreviewHost({
      demoServer: backend.url,
      deviceZone: 'Europe/Paris',
      localAddress: '127.0.1.5',
    });
  });
  test.afterEach(async () => {
    await preview.stop();
    await withdrawCountry(backend.db, 'FR');
  });

  test('names France once it is no longer approved, and "Check again now" opens the data once it is', async ({
    page,
  }, testInfo) => {
    await page.goto(preview.url);
    await signInAs(page, 'Tom Reeve');
    await waitForFirstSync(page);

    await withdrawCountry(backend.db, 'FR');
    await page.evaluate(async () => {
      await window.clinician.sync.now({});
    });
    await expect(
      page.getByRole('heading', { name: 'France (FR) is not approved for working with patients' }),
    ).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/saw this computer connect from France \(FR\)/)).toBeVisible();
    await expect(page.getByText(/ask your supervisor to have the country approved/)).toBeVisible();
    await expectCrisisNumbersAndSafeWork(page);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({
      path: testInfo.outputPath('location-not-approved.png'),
      fullPage: true,
    });

    await approveCountry(backend.db, 'FR');
    await page.getByRole('button', { name: 'Check again now' }).click();
    await expect(page.getByRole('navigation', { name: 'Workspace' })).toBeVisible({
      timeout: 30_000,
    });
  });
});
