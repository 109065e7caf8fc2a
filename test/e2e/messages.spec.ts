import { expect, test, type Page } from '@playwright/test';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { startOwnBackend, type OwnBackend } from './support/own-backend';
import { startPreviewHost, type RunningPreview } from './support/preview-host';
import { axe, signInAs, waitForFirstSync } from './support/workspace';

/**
 * The messages work queue and the reply box, in Chromium through the preview with the real
 * core and the reference server (its own, so the messages can be arranged at known instants),
 * behind the fault proxy that takes the network away. Screenshots in test-results/.
 */
const HOUR = 3_600_000;
const PASSCODE = 'e2e passcode';
let backend: OwnBackend;
let proxy: FaultProxy;
let preview: RunningPreview;
let soon: { id: string; name: string };
let late: { id: string; name: string };

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  backend = await startOwnBackend();
  proxy = await startFaultProxy(backend.url);
  const rows = await backend.db.query<{ id: string; name: string }>(
    `SELECT p.id, p.given_name || ' ' || p.family_name AS name FROM patients p
       JOIN users u ON u.id = p.therapist_id
      WHERE u.display_name = 'Priya Nair' AND p.status = 'active'
      ORDER BY p.case_reference LIMIT 2`,
  );
  const [a, b] = rows;
  if (!a || !b) throw new Error('Priya Nair has fewer than two active patients');
  soon = a;
  late = b;
  // One reply due in about 8 hours, one 2 hours overdue (the 48-hour rule).
  await backend.clearMessages(soon.id);
  await backend.clearMessages(late.id);
  await backend.patientMessage(
    soon.id,
    new Date(Date.now() - 40 * HOUR).toISOString(),
    'Could we move Thursday to the afternoon?',
  );
  await backend.patientMessage(
    late.id,
    new Date(Date.now() - 50 * HOUR).toISOString(),
    'The worksheet link does not open for me.',
  );
});
test.afterAll(async () => {
  await proxy?.close();
  await backend?.close();
});
test.beforeEach(async ({ page }) => {
  preview = await startPreviewHost({ demoServer: proxy.url, deviceZone: 'Europe/London' });
  await page.goto(preview.url);
});
test.afterEach(async () => {
  proxy.offline = false;
  await preview.stop();
});

const queueRow = (page: Page, name: string) =>
  page.getByRole('list', { name: /^Threads/ }).getByRole('button', { name: new RegExp(name) });

/** The refused replies in the changes list (sync.status), by their summary. */
const refusedReplies = (page: Page): Promise<string[]> =>
  page.evaluate(async () => {
    const status = await window.clinician.sync.status({});
    if (!status.ok) throw new Error(status.error.message);
    return status.value.rejected.filter((r) => r.kind === 'message.send').map((r) => r.summary);
  });

/** The patient's messages panel (thread and reply box), for a screenshot a person can read. */
const threadPanel = (page: Page) =>
  page.locator('section.panel').filter({ has: page.getByRole('heading', { name: 'Messages' }) });

async function openMessages(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Workspace' })
    .getByRole('button', { name: 'Messages' })
    .click();
  await expect(page.getByRole('list', { name: /^Threads/ })).toBeVisible({ timeout: 30_000 });
}

test('the queue: who waits and when the reply is due; a draft survives another view and the lock; a reply offline waits, then is delivered', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await signInAs(page, 'Priya Nair', PASSCODE);
  await waitForFirstSync(page);
  await openMessages(page);

  const lateRow = queueRow(page, late.name);
  const soonRow = queueRow(page, soon.name);
  await expect(lateRow).toContainText('Awaiting reply');
  await expect(lateRow).toContainText(/Reply overdue by 2 hours/);
  await expect(soonRow).toContainText(/Reply due in [78] hours/);
  // UK time beside the words, in the one format ("Wednesday 2 December 2026, 15:52").
  await expect(soonRow.locator('time').last()).toHaveText(
    /^[A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d/,
  );
  // Sorted by the deadline: the overdue one first.
  const names = await page
    .getByRole('list', { name: /^Threads/ })
    .getByRole('button')
    .allTextContents();
  const at = (name: string) => names.findIndex((n) => n.includes(name));
  expect(at(late.name)).toBeGreaterThanOrEqual(0);
  expect(at(late.name)).toBeLessThan(at(soon.name));
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('messages-queue.png'), fullPage: true });

  // Today's reply-due item opens the thread's reply box, as the queue does.
  const reply = page.getByRole('textbox', { name: 'Reply', exact: true });
  await page
    .getByRole('navigation', { name: 'Workspace' })
    .getByRole('button', { name: 'Today' })
    .click();
  await page
    .getByRole('button', { name: `Reply to ${late.name}` })
    .first()
    .click();
  await expect(reply).toBeFocused();
  await openMessages(page);

  // Opening a thread lands in its reply box.
  await soonRow.click();
  await expect(reply).toBeFocused();
  const words = 'Yes, Thursday at 3pm works — I will move it now.';
  await reply.pressSequentially(words);
  await expect(page.getByText(/^Draft saved on this computer/)).toBeVisible({ timeout: 10_000 });
  expect(await axe(page)).toEqual([]);
  await threadPanel(page).screenshot({ path: testInfo.outputPath('messages-draft-saved.png') });

  // Another view and back: the words are there, and the queue says a draft waits.
  await page
    .getByRole('navigation', { name: 'Workspace' })
    .getByRole('button', { name: 'Today' })
    .click();
  await openMessages(page);
  await expect(soonRow).toContainText('Draft waiting');
  await soonRow.click();
  await expect(reply).toHaveValue(words);

  // The lock and the passcode: still there.
  await page.evaluate(() => window.clinician.session.lock());
  await expect(page.getByRole('heading', { name: 'Locked' })).toBeVisible();
  await page.getByLabel('Passcode').fill(PASSCODE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('navigation', { name: 'Workspace' })).toBeVisible({
    timeout: 60_000,
  });
  await openMessages(page);
  await soonRow.click();
  await expect(reply).toHaveValue(words);

  // Offline: the reply waits to be sent; the box and the draft are cleared.
  proxy.offline = true;
  await page.getByRole('button', { name: 'Send reply' }).click();
  const sent = page.locator('.thread__message').filter({ hasText: words });
  await expect(sent.getByText('Waiting to send')).toBeVisible();
  await expect(reply).toHaveValue('');
  expect(await axe(page)).toEqual([]);
  await threadPanel(page).screenshot({ path: testInfo.outputPath('messages-reply-pending.png') });
  await openMessages(page);
  await expect(soonRow).toContainText('Reply waiting to send');

  // Back online: delivered.
  proxy.offline = false;
  await page.evaluate(() => window.clinician.sync.now({}));
  await expect(soonRow).toContainText('Replied', { timeout: 60_000 });
  await soonRow.click();
  await expect(sent.getByText('Delivered')).toBeVisible({ timeout: 30_000 });
  await threadPanel(page).screenshot({ path: testInfo.outputPath('messages-reply-delivered.png') });
});

test('a refused reply shows why, and is edited and sent again from the thread without being lost', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await signInAs(page, 'Priya Nair', PASSCODE);
  await waitForFirstSync(page);
  await openMessages(page);
  await queueRow(page, late.name).click();
  const reply = page.getByRole('textbox', { name: 'Reply', exact: true });
  await expect(reply).toBeFocused();

  // The service refuses it: when it arrives, the patient is allocated to someone else.
  const [owner] = await backend.db.query<{ therapist_id: string }>(
    'SELECT therapist_id FROM patients WHERE id = $1',
    [late.id],
  );
  await backend.db.query(
    `UPDATE patients SET therapist_id = (SELECT id FROM users WHERE display_name = 'Rhys Ellis') WHERE id = $1`,
    [late.id],
  );
  const original = 'Here is the worksheet again as a file.';
  await reply.fill(original);
  await page.getByRole('button', { name: 'Send reply' }).click();
  const refused = page.locator('.thread__message').filter({ hasText: original });
  await expect(refused.getByText('Refused, not sent')).toBeVisible({ timeout: 60_000 });
  await expect(refused).toContainText('Why: This patient is not on your caseload.');
  // The same refusal is in the changes list the sync bar opens (audit records of opening the
  // record while it was allocated elsewhere are refused too: hence not a count).
  await expect(
    page.getByRole('region', { name: 'Sync status' }).getByRole('heading', {
      name: /refused by the server/,
    }),
  ).toBeVisible();
  expect(await refusedReplies(page)).toEqual([`Message to ${late.name}`]);
  expect(await axe(page)).toEqual([]);
  await threadPanel(page).screenshot({ path: testInfo.outputPath('messages-reply-refused.png') });
  await backend.db.query('UPDATE patients SET therapist_id = $1 WHERE id = $2', [
    owner?.therapist_id,
    late.id,
  ]);

  // Edit and send again: the words come back in the box, kept as a draft, and replace it.
  await refused.getByRole('button', { name: 'Edit and send again' }).click();
  const again = page.getByRole('textbox', { name: /^Reply \(edit the refused reply/ });
  await expect(again).toBeFocused();
  await expect(again).toHaveValue(original);
  const edited = 'Here is the worksheet again, as a PDF this time.';
  await again.fill(edited);
  await expect(page.getByText(/^Draft saved on this computer/)).toBeVisible({ timeout: 10_000 });
  expect(await axe(page)).toEqual([]);
  await threadPanel(page).screenshot({ path: testInfo.outputPath('messages-edit-refused.png') });
  await page.getByRole('button', { name: 'Send again', exact: true }).click();
  const resent = page.locator('.thread__message').filter({ hasText: edited });
  await expect(resent.getByText('Delivered')).toBeVisible({ timeout: 60_000 });
  await expect(refused).toHaveCount(0);
  expect(await refusedReplies(page)).toEqual([]);
  expect(await axe(page)).toEqual([]);
});
