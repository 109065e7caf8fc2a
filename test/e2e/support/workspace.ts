import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * axe at the WCAG 2.1 AA tags the suite uses; an empty list is the pass. A page of one frame
 * (the app has no frames of its own) is checked by axe in that frame directly: the same rules
 * on the same document in half the time, where the cross-frame run opens a blank page for
 * every check to merge the frames' results. A page with frames gets the cross-frame run.
 */
export const axe = async (page: Page): Promise<string[]> =>
  (
    await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .setLegacyMode(page.frames().length === 1)
      .analyze()
  ).violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );

/** Sign in with a demo account (its live TOTP code filled in) and wait for the workspace. */
export async function signInAs(page: Page, displayName: string, passcode = 'e2e passcode') {
  await page.getByRole('button', { name: `Use the account of ${displayName}` }).click();
  await page.getByRole('button', { name: 'Fill in this code' }).click();
  await page.getByLabel('Local passcode for this computer').fill(passcode);
  await page.getByLabel('Passcode again').fill(passcode);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Workspace' })).toBeVisible({
    timeout: 30_000,
  });
}

/** Wait until the core has synced both lanes once (the sync bar says so). */
export async function waitForFirstSync(page: Page) {
  await expect
    .poll(
      async () =>
        page.evaluate(async () => {
          const status = await window.clinician.sync.status({});
          return status.ok && status.value.progress.core.caughtUp;
        }),
      { timeout: 60_000 },
    )
    .toBe(true);
}

/** Open a patient from the caseload, scrolling the virtualised list until their row exists. */
export async function openPatient(page: Page, name: string) {
  await page.getByRole('button', { name: 'Caseload' }).click();
  const list = page.locator('.caseload-table__scroll');
  await expect(list).toBeVisible({ timeout: 30_000 });
  const row = page.locator('.caseload-row__open').filter({ hasText: name });
  for (let i = 0; i < 40 && (await row.count()) === 0; i += 1) {
    // Scroll a screenful, then let the virtual list render the rows now in view.
    await list.evaluate(
      (el) =>
        new Promise<void>((done) => {
          el.scrollBy(0, el.clientHeight);
          requestAnimationFrame(() => requestAnimationFrame(() => done()));
        }),
    );
  }
  await row.first().click();
  await expect(page.getByRole('heading', { name: 'Appointments' })).toBeVisible();
}
