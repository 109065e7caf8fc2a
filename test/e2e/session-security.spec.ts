import { expect, test, type Page } from '@playwright/test';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { startPreviewHost, type RunningPreview } from './support/preview-host';
import { axe } from './support/workspace';

/**
 * The session's honest screens, end to end in Chromium: after too many wrong passcodes the
 * same person signs in again online and finds their unsent reply kept; anyone else may only
 * erase the device's data knowing how many unsent changes that loses. The preview reaches the
 * shared demo backend through a fault proxy, so the test can take the network away.
 */
// Each passcode check is an scrypt of 128 MiB in the core: on a busy machine, wait for it.
const SCRYPT_WAIT_MS = 30_000;
test.describe.configure({ timeout: 180_000 });

let preview: RunningPreview;
let proxy: FaultProxy;
test.beforeEach(async ({ page }) => {
  const demoServer = process.env['E2E_DEMO_SERVER'];
  if (!demoServer) throw new Error('E2E_DEMO_SERVER is not set (see playwright.config.ts).');
  proxy = await startFaultProxy(demoServer);
  preview = await startPreviewHost({ demoServer: proxy.url });
  await page.goto(preview.url);
});
test.afterEach(async () => {
  await preview.stop();
  await proxy.close();
});

/** Signs in with a demo account; returns the authenticator code it used. */
async function signInAs(page: Page, displayName: string, passcode: string): Promise<string> {
  await page.getByRole('button', { name: `Use the account of ${displayName}` }).click();
  await page.getByRole('button', { name: 'Fill in this code' }).click();
  const code = await page.getByLabel('Six-digit authenticator code').inputValue();
  await page.getByLabel('Local passcode for this computer').fill(passcode);
  await page.getByLabel('Passcode again').fill(passcode);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Workspace' })).toBeVisible({
    timeout: 30_000,
  });
  return code;
}

/** A reply written while the server cannot be reached: it waits in the outbox. */
async function replyOffline(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: 'Caseload' }).click();
  const firstPatient = page.locator('.caseload-row__open').first();
  await expect(firstPatient).toBeVisible({ timeout: 30_000 });
  proxy.offline = true;
  await firstPatient.click();
  await page.getByLabel('Reply').fill(text);
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page.getByText(text)).toBeVisible();
}

async function fiveWrongPasscodes(page: Page): Promise<void> {
  await page.evaluate(() => window.clinician.session.lock());
  await expect(page.getByRole('heading', { name: 'Locked' })).toBeVisible();
  await expect(page.getByText(/5 attempts left.*nothing unsent is lost/)).toBeVisible();
  for (let attempt = 1; attempt <= 4; attempt++) {
    await page.getByLabel('Passcode').fill(`wrong guess ${attempt}`);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByText(`Wrong passcode. ${5 - attempt} attempt`).first()).toBeVisible({
      timeout: SCRYPT_WAIT_MS,
    });
  }
  await page.getByLabel('Passcode').fill('wrong guess 5');
  await page.getByRole('button', { name: 'Unlock' }).click();
  // The last one leads to the sign-in screen, which says why.
  await expect(page.getByRole('heading', { name: 'Sign in again to continue' })).toBeVisible({
    timeout: SCRYPT_WAIT_MS,
  });
}

test('after too many wrong passcodes, the same person signs in again and the unsent reply is kept', async ({
  page,
}, testInfo) => {
  const usedCode = await signInAs(page, 'Priya Nair', 'first passcode');
  await replyOffline(page, 'Kept through the lock-out.');
  await fiveWrongPasscodes(page);

  await expect(page.getByText('Too many wrong passcodes.').first()).toBeVisible();
  await expect(
    page.getByRole('note').filter({ hasText: 'Your 1 unsent change is kept on this computer' }),
  ).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(/Sign-in needed/);
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('1-sign-in-again.png'), fullPage: true });

  proxy.offline = false;
  const accounts = await page.evaluate(() => window.clinician.session.demoAccounts());
  if (!accounts.ok) throw new Error(accounts.error.message);
  const priya = accounts.value.accounts.find((a) => a.displayName === 'Priya Nair');
  await expect(page.getByLabel('Email')).toHaveValue(priya?.email ?? '');
  await page.getByLabel('Password').fill(priya?.password ?? '');
  // A code is used once: wait for the authenticator's next one.
  await expect(page.locator('.totp-code')).not.toHaveText(usedCode, { timeout: 40_000 });
  await page.getByRole('button', { name: 'Fill in this code' }).click();
  await page.getByLabel('New local passcode for this computer').fill('second passcode');
  await page.getByLabel('New passcode again').fill('second passcode');
  await page.getByRole('button', { name: 'Sign in again' }).click();
  await expect(page.getByRole('navigation', { name: 'Workspace' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText('No changes waiting')).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: testInfo.outputPath('2-back-in.png'), fullPage: false });

  await page.evaluate(() => window.clinician.session.lock());
  await page.getByLabel('Passcode').fill('second passcode');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('navigation', { name: 'Workspace' })).toBeVisible({
    timeout: SCRYPT_WAIT_MS,
  });
});

test('anyone else may only erase the data, with the unsent changes counted and confirmed', async ({
  page,
}, testInfo) => {
  await signInAs(page, 'Tom Reeve', 'tom passcode');
  await replyOffline(page, 'Would be lost by erasing.');
  await fiveWrongPasscodes(page);
  await expect(page.getByRole('heading', { name: 'Not Tom Reeve?' })).toBeVisible();

  await page.getByRole('button', { name: "Erase this device's data (1 unsent change)" }).click();
  const dialog = page.getByRole('dialog', { name: "Erase this device's data?" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('1 change has not reached the server yet')).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('3-erase-choice.png'), fullPage: true });
  // Escape keeps everything.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Sign in again to continue' })).toBeVisible();

  await page.getByRole('button', { name: "Erase this device's data (1 unsent change)" }).click();
  await dialog.getByRole('button', { name: "Erase this device's data (1 unsent change)" }).click();
  await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(/Signed out/);
});

test('a forgotten passcode: sign in again from the lock screen and choose a new one', async ({
  page,
}) => {
  const usedCode = await signInAs(page, 'Rhys Ellis', 'rhys passcode');
  await page.evaluate(() => window.clinician.session.lock());
  await page.getByRole('button', { name: 'Forgotten your passcode?' }).click();
  await expect(
    page.getByRole('heading', { name: 'Sign in again and choose a new passcode' }),
  ).toBeVisible();
  expect(await axe(page)).toEqual([]);
  const accounts = await page.evaluate(() => window.clinician.session.demoAccounts());
  if (!accounts.ok) throw new Error(accounts.error.message);
  const rhys = accounts.value.accounts.find((a) => a.displayName === 'Rhys Ellis');
  await page.getByLabel('Password').fill(rhys?.password ?? '');
  await expect(page.locator('.totp-code')).not.toHaveText(usedCode, { timeout: 40_000 });
  await page.getByRole('button', { name: 'Fill in this code' }).click();
  await page.getByLabel('New local passcode for this computer').fill('new rhys passcode');
  await page.getByLabel('New passcode again').fill('new rhys passcode');
  await page.getByRole('button', { name: 'Sign in again' }).click();
  await expect(page.getByRole('navigation', { name: 'Workspace' })).toBeVisible({
    timeout: 30_000,
  });
});
