import { expect, test, type Page } from '@playwright/test';
import { startPreviewHost, type RunningPreview } from './support/preview-host';
import { noteMayBeStarted } from '../../shared/clinical';
import type { AppointmentView } from '../../shared/ipc';
import { axe, openPatient, signInAs, waitForFirstSync } from './support/workspace';

/**
 * Issue 10 items 5 and 7: no typed word is lost. The page's clock is paused once the editor
 * is open, so the one-second autosave timer never fires: whatever is saved was saved by the
 * flush on leaving, blurring, locking or unloading.
 */
let preview: RunningPreview;
test.use({ timezoneId: 'Europe/London' });
test.beforeEach(async ({ page }) => {
  preview = await startPreviewHost();
  await page.clock.install();
  await page.goto(preview.url);
  await signInAs(page, 'Priya Nair', 'notes passcode');
  await waitForFirstSync(page);
});
test.afterEach(async () => preview.stop());

/**
 * Open a patient with a session that has taken place (the demo is seeded when it runs, so the
 * first row of the caseload may hold only a new referral) and start a session note, which
 * the form links to their latest such session by default.
 */
async function startNote(page: Page): Promise<string> {
  const candidates = await page.evaluate(async () => {
    const caseload = await window.clinician.caseload.list({});
    if (!caseload.ok) return [];
    const out: { name: string; appointments: unknown[] }[] = [];
    for (const entry of caseload.value.entries.slice(0, 30)) {
      const detail = await window.clinician.patients.get({ patientId: entry.patientId });
      if (detail.ok) out.push({ name: entry.name, appointments: detail.value.appointments });
    }
    return out;
  });
  const now = new Date().toISOString();
  const chosen = candidates.find((c) =>
    (c.appointments as AppointmentView[]).some((a) => noteMayBeStarted('session_note', a, now).ok),
  );
  expect(chosen, 'a patient of the caseload with a session that has taken place').toBeDefined();
  const name = chosen!.name;
  await openPatient(page, name);
  await expect(page.getByRole('heading', { name: 'Notes and letters' })).toBeVisible();
  await expect(page.locator('#new-note-appointment')).not.toHaveValue('');
  await page.getByRole('button', { name: 'Start writing' }).click();
  await expect(page.getByLabel('Text')).toBeVisible();
  // From here on no timer runs unless a test says so.
  await page.clock.pauseAt(Date.now() + 1_000);
  return name;
}

/** Every note text the core holds for a patient (draft, or the server's note once synced). */
async function textsOnDevice(page: Page, patientName: string): Promise<string[]> {
  return page.evaluate(async (name) => {
    const caseload = await window.clinician.caseload.list({});
    const entry = caseload.ok ? caseload.value.entries.find((e) => e.name === name) : null;
    if (!entry) return [];
    const detail = await window.clinician.patients.get({ patientId: entry.patientId });
    if (!detail.ok) return [];
    const out: string[] = [];
    for (const n of detail.value.notes) {
      const note = await window.clinician.notes.open({ noteId: n.noteId });
      if (note.ok) out.push(note.value.draft?.body ?? note.value.server?.body ?? '');
    }
    return out;
  }, patientName);
}

async function reopenLatestNote(page: Page) {
  await expect(page.getByRole('heading', { name: 'Notes and letters' })).toBeVisible();
  await page.locator('section[aria-labelledby="notes-heading"] .link-button').first().click();
  await expect(page.getByLabel('Text')).toBeVisible();
}

test('the editor names the patient, the session and its date; submitting asks first', async ({
  page,
}, testInfo) => {
  const name = await startNote(page);
  await expect(page.locator('#view-heading')).toHaveText(`Session note — ${name}`);
  await expect(page.locator('.note-subject')).toContainText(
    /^For .+ · (Assessment|Treatment session \d+) of \w+day \d+ \w+ \d{4}, \d\d:\d\d/,
  );
  await page.getByLabel('Text').fill('Agreed a graded exposure hierarchy.');
  await page.getByRole('button', { name: 'Submit note…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Submit this session note?' });
  await expect(dialog).toContainText(`Session note for ${name}, `);
  await expect(dialog).toContainText('can no longer be edited');
  await page.clock.resume(); // axe waits on timers
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('submit-note-dialog.png') });
  await dialog.getByRole('button', { name: 'Keep editing' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('Submitted', { exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Submit note…' }).click();
  await page.getByRole('button', { name: 'Submit note', exact: true }).click();
  await expect(page.getByText('Submitted notes cannot be edited.')).toBeVisible();
});

test('text typed and left at once is saved (navigating away within 100 ms)', async ({ page }) => {
  const name = await startNote(page);
  await page.getByLabel('Text').fill('Typed in the last second before leaving.');
  await page.getByRole('button', { name: 'Back to the patient' }).click();
  // The core has it (not only this window's memory). Polled: once the server has accepted
  // the save, the draft is dropped before the pulled note arrives (reported to sync).
  await expect
    .poll(() => textsOnDevice(page, name), { timeout: 30_000 })
    .toContain('Typed in the last second before leaving.');
  await reopenLatestNote(page);
  await expect(page.getByLabel('Text')).toHaveValue('Typed in the last second before leaving.');
});

test('text is saved when the window loses focus or is hidden', async ({ page }) => {
  await startNote(page);
  await page.getByLabel('Text').fill('Typed, then switched to another window.');
  await expect(page.getByText('Not saved yet…')).toBeVisible();
  await page.evaluate(() => window.dispatchEvent(new Event('blur')));
  await expect(page.getByText(/^Saved at /)).toBeVisible();
  await page.getByLabel('Text').fill('Typed, then the window was hidden.');
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect(page.getByText(/^Saved at /)).toBeVisible();
});

test('text typed just before the lock is kept and saved after unlocking', async ({ page }) => {
  await startNote(page);
  await page.getByLabel('Text').fill('Typed just before the screen locked.');
  await page.evaluate(() => window.clinician.session.lock({}));
  await page.getByLabel('Passcode').fill('notes passcode');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByLabel('Text')).toHaveValue('Typed just before the screen locked.');
  await expect(page.getByText(/^Saved at /)).toBeVisible();
  await page.getByRole('button', { name: 'Back to the patient' }).click();
  await reopenLatestNote(page);
  await expect(page.getByLabel('Text')).toHaveValue('Typed just before the screen locked.');
});

test('text is saved when the page unloads (quit or reload)', async ({ page }) => {
  const name = await startNote(page);
  await page.getByLabel('Text').fill('Typed, then the app was closed.');
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Workspace' })).toBeVisible({
    timeout: 30_000,
  });
  // The text is on this device (as a draft, or as the server's note once synced).
  await expect
    .poll(() => textsOnDevice(page, name), { timeout: 30_000 })
    .toContain('Typed, then the app was closed.');
});

test('a sync after saving leaves no false "not on this device" error, and the text stays', async ({
  page,
}) => {
  await startNote(page);
  await page.getByLabel('Text').fill('Saved, then synced.');
  await page.evaluate(() => window.dispatchEvent(new Event('blur')));
  await expect(page.getByText(/^Saved at /)).toBeVisible();
  await page.clock.resume();
  await page.evaluate(() => window.clinician.sync.now({}));
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const s = await window.clinician.sync.status({});
          return s.ok && s.value.phase === 'idle' && s.value.pendingChanges === 0;
        }),
      { timeout: 30_000 },
    )
    .toBe(true);
  await expect(page.getByText('This note is not on this device.')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByLabel('Text')).toHaveValue('Saved, then synced.');
});

test('a note starts from the service’s template only when asked, and the text is saved like typing', async ({
  page,
}, testInfo) => {
  const name = await startNote(page);
  const text = page.getByLabel('Text');
  await expect(text).toHaveValue('');
  const start = page.getByRole('button', {
    name: /^Start from the (assessment|treatment) session template$/,
  });
  await expect(start).toBeVisible();
  await start.click();
  await expect(text).toBeFocused();
  await expect(text).toHaveValue(
    new RegExp(`^(Assessment of|Treatment session with) ${name}, \\d+ \\w+ \\d{4}\\.`),
  );
  await expect(text).toHaveValue(/Risk \(/);
  // The offer goes once there is text: a template never replaces what was written.
  await expect(start).toHaveCount(0);
  await page.clock.resume();
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('note-from-template.png') });
  await page.getByRole('button', { name: 'Back to the patient' }).click();
  expect((await textsOnDevice(page, name)).some((t) => t.includes('Risk ('))).toBe(true);
});
