import { expect, test } from '@playwright/test';
import { startOwnBackend, type OwnBackend } from './support/own-backend';
import { startPreviewHost, type RunningPreview } from './support/preview-host';
import { axe } from './support/workspace';

/**
 * Issue 15, "the therapist sees decisions with reasons, notified", in Chromium through the
 * preview: the therapist's device has synced; her supervisor then decides a ticket of hers
 * with a reason; at the next sync a notice (no patient in it) is read out in the notices
 * area, dismissible by keyboard, and Today lists the decision with the reason, the
 * supervisor's name, the UK time and the case reference until she opens it. axe-clean.
 */
let own: OwnBackend;
const hosts: RunningPreview[] = [];
test.beforeEach(async () => {
  own = await startOwnBackend();
});
test.afterEach(async () => {
  for (const host of hosts.splice(0)) await host.stop();
  await own.close();
});

test('the therapist is told of her supervisor’s decision and sees it, with the reason, on Today', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const patient = await own.patientOf('Priya Nair');
  const ticketId = await own.raiseTicket(
    patient.id,
    'session_extension_request',
    'E2E: a fifth session for the panic work?',
  );

  const later = await own.raiseTicket(patient.id, 'new_patient', 'E2E: new patient, assessed.');

  const host = await startPreviewHost({ demoServer: own.url });
  hosts.push(host);
  // Desktop notifications allowed in this browser, and every one recorded.
  await page.context().grantPermissions(['notifications'], { origin: new URL(host.url).origin });
  await page.addInitScript(() => {
    const Real = window.Notification;
    const shown: { title: string; body: string | undefined }[] = [];
    (window as unknown as { desktopShown: typeof shown }).desktopShown = shown;
    window.Notification = class extends Real {
      constructor(title: string, options?: NotificationOptions) {
        shown.push({ title, body: options?.body });
        super(title, options);
      }
    };
  });
  const desktopShown = () =>
    page.evaluate(
      () =>
        (window as unknown as { desktopShown: { title: string; body?: string }[] }).desktopShown,
    );
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Use the account of Priya Nair' }).click();
  await page.getByRole('button', { name: 'Fill in this code' }).click();
  await page.getByLabel('Local passcode for this computer').fill('e2e passcode');
  await page.getByLabel('Passcode again').fill('e2e passcode');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Workspace' })).toBeVisible({
    timeout: 60_000,
  });
  const notices = page.getByRole('region', { name: 'Notices' });
  const decisions = page.getByRole('region', { name: /Decisions from your supervisor/ });
  // The first download over, both lanes (it records what was already decided, as seen).
  await expect(page.getByText(/Last synced/)).toBeVisible({ timeout: 90_000 });
  await expect(page.getByText('First download')).toHaveCount(0, { timeout: 90_000 });
  // The first sync brought old decisions: not announced.
  await expect(notices.getByRole('listitem')).toHaveCount(0);
  await expect(decisions).toHaveCount(0);

  const reason = 'Agreed: one more session for the panic work, then review.';
  await own.decideTicket(ticketId, 'Dr Samuel Okafor', reason);
  await page.getByRole('button', { name: 'Sync now' }).click();

  const notice = notices.getByRole('listitem');
  await expect(notice).toHaveText(/Your supervisor decided 1 ticket\. See Today\./, {
    timeout: 60_000,
  });
  await expect(notices.locator('[aria-live="polite"]')).toHaveCount(1);
  for (const secret of [patient.name, ...patient.name.split(' ')])
    await expect(notice).not.toContainText(secret);

  // The same words on the desktop (the setting is on by default), and no more.
  expect(await desktopShown()).toEqual([
    { title: 'Typed CBT Clinician', body: 'Your supervisor decided 1 ticket. See Today.' },
  ]);
  // The setting lives in Settings.
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(
    page.getByLabel(
      'Desktop notifications for deadlines falling due, refused changes and my supervisor’s decisions',
    ),
  ).toBeChecked();
  await page.getByRole('button', { name: 'Today and deadlines' }).click();

  await expect(decisions).toBeVisible({ timeout: 30_000 });
  await expect(decisions).toContainText('Approved');
  await expect(decisions).toContainText('Session extension request');
  await expect(decisions).toContainText(`Reason: ${reason}`);
  await expect(decisions).toContainText('Dr Samuel Okafor');
  await expect(decisions).toContainText(
    /(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} \w+/,
  );
  await expect(decisions).toContainText(/case [A-Z]+-\d{4}-\d+/);
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('today-decisions.png'), fullPage: true });
  await decisions.screenshot({ path: testInfo.outputPath('today-decisions-section.png') });

  // Keyboard: the notice's Dismiss button is reachable and clears it.
  const dismiss = notices.getByRole('button', { name: /^Dismiss/ });
  await dismiss.focus();
  await page.keyboard.press('Enter');
  await expect(notice).toHaveCount(0);

  // Opening the decision shows the ticket and marks it seen: it leaves Today.
  await decisions.getByRole('button', { name: /Open the ticket/ }).click();
  const shown = page.locator('li.panel').filter({ hasText: 'E2E: a fifth session' });
  await expect(shown).toBeFocused();
  await expect(shown).toContainText(reason);
  expect(await axe(page)).toEqual([]);
  await page.getByRole('button', { name: 'Today and deadlines' }).click();
  await expect(page.getByRole('heading', { name: 'Today and deadlines' })).toBeVisible();
  await expect(decisions).toHaveCount(0);

  // Desktop notifications turned off: the next decision is told in the app only.
  await page.getByRole('button', { name: 'Settings' }).click();
  const setting = page.getByLabel(
    'Desktop notifications for deadlines falling due, refused changes and my supervisor’s decisions',
  );
  await setting.focus();
  await page.keyboard.press('Space');
  await expect(setting).not.toBeChecked();
  await page.getByRole('button', { name: 'Today and deadlines' }).click();
  await own.decideTicket(later, 'Dr Samuel Okafor', 'Assessment letter read: agreed.');
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(notices.getByRole('listitem')).toHaveText(/Your supervisor decided 1 ticket/, {
    timeout: 60_000,
  });
  await expect(decisions).toContainText('Assessment letter read: agreed.');
  expect(await desktopShown()).toHaveLength(1);
});
