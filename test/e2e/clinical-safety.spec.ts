import { expect, test, type Page } from '@playwright/test';
import { startOwnBackend, type OwnBackend } from './support/own-backend';
import { startPreviewHost, type RunningPreview } from './support/preview-host';
import { axe, openPatient, signInAs, waitForFirstSync } from './support/workspace';

/**
 * Issue 16 (docs/clinical-safety/hazard-log.md, H01 and H02): "data as of" on every patient
 * screen and a warning where risk is shown once the cache is older than the service allows;
 * the crisis panel one keystroke (F2) away from every screen, the lock screen included, where
 * it shows the service's numbers and nothing about any patient.
 */
const OFFICE = '0113 496 0123';
const ON_CALL = '0161 496 0456';

let preview: RunningPreview | null = null;
let backend: OwnBackend | null = null;
test.use({ timezoneId: 'Europe/London' });
test.afterEach(async () => {
  await preview?.stop();
  preview = null;
  await backend?.close();
  backend = null;
});

/** A patient of the signed-in therapist with a local emergency contact, by the core's answer. */
async function patientWithContact(page: Page) {
  const found = await page.evaluate(async () => {
    const caseload = await window.clinician.caseload.list({});
    if (!caseload.ok) return null;
    for (const entry of caseload.value.entries) {
      const detail = await window.clinician.patients.get({ patientId: entry.patientId });
      const contact = detail.ok ? detail.value.emergencyContacts[0] : undefined;
      if (contact) return { name: entry.name, contact };
    }
    return null;
  });
  if (!found) throw new Error('no patient with a local emergency contact');
  return found;
}

test('F2 opens the crisis panel: the patient’s local emergency contacts in the workspace, the service’s numbers only on the lock screen', async ({
  page,
}, testInfo) => {
  preview = await startPreviewHost();
  await page.goto(preview.url);
  // Before anyone signs in, the key already opens the panel (no numbers synced yet).
  await page.keyboard.press('F2');
  const before = page.getByRole('dialog', { name: 'Crisis: who to call' });
  await expect(before).toBeVisible();
  await expect(before).toContainText('call 999');
  await page.keyboard.press('Escape');
  await expect(before).toBeHidden();

  await signInAs(page, 'Priya Nair');
  await waitForFirstSync(page);
  const { name, contact } = await patientWithContact(page);
  await openPatient(page, name);
  await expect(page.getByText(/^Data as of /)).toBeVisible();

  await page.keyboard.press('F2');
  const dialog = page.getByRole('dialog', { name: 'Crisis: who to call' });
  await expect(dialog).toBeVisible();
  const cover = dialog.getByRole('region', { name: 'Urgent risk: who to call' });
  await expect(cover.getByRole('status')).toContainText(/^Now /);
  await expect(cover).toContainText(OFFICE);
  await expect(cover).toContainText(ON_CALL);
  const contacts = dialog.getByRole('region', { name: 'The patient’s local emergency contacts' });
  await expect(contacts).toContainText(`${name}: ${contact.name} (${contact.relationship})`);
  await expect(contacts).toContainText(contact.phone);
  await expect(contacts).toContainText(`local emergency number ${contact.localEmergencyNumber}`);
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('crisis-workspace.png') });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Locked: the same key, the service's numbers, and nothing about any patient.
  await page.evaluate(() => window.clinician.session.lock({}));
  await expect(page.getByRole('button', { name: 'Unlock' })).toBeVisible();
  await page.keyboard.press('F2');
  const locked = page.getByRole('dialog', { name: 'Crisis: who to call' });
  await expect(locked).toBeVisible();
  await expect(locked.getByRole('region', { name: 'Urgent risk: who to call' })).toContainText(
    ON_CALL,
  );
  await expect(locked).toContainText('Patient data is closed on this screen');
  const text = (await locked.textContent()) ?? '';
  for (const secret of [name, contact.name, contact.phone]) expect(text).not.toContain(secret);
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('crisis-locked.png') });
  // The header button is the same way in, for a mouse.
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /^Crisis numbers/ }).click();
  await expect(locked).toBeVisible();
});

test('a cache older than the service’s setting: every screen showing risk warns that a risk since may not be shown', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  backend = await startOwnBackend();
  // 0.002 h = 7.2 s: the spec need not wait a day.
  await backend.serviceConfig({ staleDataWarningHours: 0.002 });
  preview = await startPreviewHost({ demoServer: backend.url });
  await page.goto(preview.url);
  await signInAs(page, 'Priya Nair');
  await waitForFirstSync(page);
  const patient = await backend.patientOf('Priya Nair');
  await openPatient(page, patient.name);
  await expect(page.getByText(/^Data as of /)).toBeVisible();

  // The service goes away: no more complete syncs, and the cached data ages.
  await backend.close();
  backend = null;
  const warning = page.getByRole('alert').filter({ hasText: 'Data may be out of date.' });
  // Re-read when the window regains focus (as a person coming back to it would), or every 30 s.
  await expect(async () => {
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect(warning).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(warning).toContainText('including any risk, are not shown');
  await expect(page.getByText(/^Data as of /)).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('stale-patient.png') });

  await page.getByRole('button', { name: 'Today and deadlines' }).click();
  await expect(page.getByRole('heading', { name: 'Today and deadlines' })).toBeVisible();
  await expect(warning).toBeVisible();
  // The statement of hours shows no patient's risk: "data as of" only.
  await page.getByRole('button', { name: 'Hours', exact: true }).click();
  await expect(page.getByText(/^Data as of /)).toBeVisible();
  await expect(warning).toBeHidden();
});
