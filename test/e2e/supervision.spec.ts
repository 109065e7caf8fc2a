import { expect, test, type Page } from '@playwright/test';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { startOwnBackend, type OwnBackend } from './support/own-backend';
import { startPreviewHost, type RunningPreview } from './support/preview-host';
import { axe } from './support/workspace';

/**
 * Issue 15, a supervisor's week in Chromium through the preview: the home says what needs
 * attention; offline (the service unreachable) the supervisor comments on utterances with
 * the keyboard, rates a session on the CTS-R (a 9 and a missing item refused in words),
 * approves an extension and declines a step-up with a reason while another supervisor
 * decides a third ticket first; back online the conflict shows both decisions; then the
 * therapist, on her own device, sees the comment, every CTS-R item and the decisions with
 * their reasons. axe on every supervisor view. The spec has its own backend (tickets are
 * decided here) behind a fault proxy that plays the network going away.
 */
let own: OwnBackend;
let proxy: FaultProxy;
const hosts: RunningPreview[] = [];
test.beforeEach(async () => {
  own = await startOwnBackend();
  proxy = await startFaultProxy(own.url);
});
test.afterEach(async () => {
  for (const host of hosts.splice(0)) await host.stop();
  await proxy.close();
  await own.close();
});

async function signInAs(page: Page, displayName: string, serverUrl: string) {
  const host = await startPreviewHost({ demoServer: serverUrl });
  hosts.push(host);
  await page.goto(host.url);
  await page.getByRole('button', { name: `Use the account of ${displayName}` }).click();
  await page.getByRole('button', { name: 'Fill in this code' }).click();
  await page.getByLabel('Local passcode for this computer').fill('e2e passcode');
  await page.getByLabel('Passcode again').fill('e2e passcode');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Workspace' })).toBeVisible({
    timeout: 60_000,
  });
}

test('a supervisor prepares the week offline; the therapist sees comments, CTS-R items and decisions with reasons', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(300_000); // two devices, a dozen axe runs, on a shared two-core machine
  const patient = await own.patientOf('Priya Nair');
  const extension = await own.raiseTicket(
    patient.id,
    'session_extension_request',
    'E2E: a fifth session for the panic work?',
  );
  await own.raiseTicket(patient.id, 'step_up_and_reallocate', 'E2E: step up to CBT?');
  const contested = await own.raiseTicket(patient.id, 'new_patient', 'E2E: new patient, assessed.');
  void extension;

  await signInAs(page, 'Dr Samuel Okafor', proxy.url);
  // Home: what needs attention this week.
  await expect(page.getByRole('heading', { name: 'Supervision this week' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Open tickets, most urgent first/ })).toBeVisible(
    { timeout: 30_000 },
  );
  await expect(page.getByRole('heading', { name: /^Case reviews due this week/ })).toBeVisible();
  await expect(
    page.getByRole('table').getByRole('rowheader', { name: /Priya Nair/ }),
  ).toBeVisible();
  // The home opened while the first download ran: it fills in when the caseload arrives.
  await expect(page.getByRole('row', { name: /Priya Nair/ })).toContainText(/\b[1-9]\d* active/, {
    timeout: 60_000,
  });
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('1-supervisor-home.png'), fullPage: true });

  // The transcripts arrive after the caseload: wait for the list, then go offline.
  await page.getByRole('button', { name: 'Transcripts' }).click();
  await page.getByLabel('Therapist').selectOption({ label: 'Priya Nair' });
  await expect(page.getByRole('status').filter({ hasText: /^Sessions 1–/ })).toBeVisible({
    timeout: 60_000,
  });
  await page.getByLabel('Review').selectOption('unreviewed');
  await expect(page.getByRole('columnheader', { name: 'Therapist' })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('2-transcript-list.png'), fullPage: true });
  proxy.offline = true;

  await page.locator('table.sessions tbody tr th button').first().click();
  const lines = page.getByRole('list', { name: 'Utterances in order' });
  await expect(lines).toBeVisible();
  // One tab stop for the whole transcript; arrows move line by line; C comments.
  await expect(lines.locator('li[tabindex="0"]')).toHaveCount(1);
  await lines.locator('li[data-utterance]').first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const third = lines.locator('li[data-utterance]').nth(2);
  await expect(third).toBeFocused();
  await page.keyboard.press('c');
  await expect(page.getByLabel('Feedback on this line')).toBeFocused();
  // Escape closes the box without losing the words: the line says so, and they come back.
  await page.keyboard.type('Good agenda setting:');
  await page.keyboard.press('Escape');
  await expect(third).toBeFocused();
  await expect(third.getByText('your feedback, not added yet')).toBeVisible();
  await page.keyboard.press('c');
  await expect(page.getByLabel('Feedback on this line')).toHaveValue('Good agenda setting:');
  await page.keyboard.type(' collaborative and specific.');
  await page.keyboard.press('Enter');
  await expect(
    third.getByText('Supervisor: Good agenda setting: collaborative and specific.'),
  ).toBeVisible();
  await expect(third).toBeFocused();
  await expect(third.getByText('your feedback, not added yet')).toHaveCount(0);
  await expect(lines.locator('li[tabindex="0"]')).toHaveCount(1);
  await page.getByLabel('Only lines with comments').check();
  await expect(lines.locator('li[data-utterance]')).toHaveCount(1);
  await page.getByLabel('Only lines with comments').uncheck();

  // The CTS-R panel sits beside the transcript, not below it.
  const panel = page.getByRole('region', { name: 'CTS-R', exact: true });
  const [transcriptBox, panelBox] = [await lines.boundingBox(), await panel.boundingBox()];
  expect(panelBox && transcriptBox && panelBox.x > transcriptBox.x + transcriptBox.width - 1).toBe(
    true,
  );
  expect(panelBox && transcriptBox && panelBox.y < transcriptBox.y + 200).toBe(true);
  // On this 1280 × 720 window the lines take the height the head leaves: the pane does not
  // scroll as a page (which left two lines of the session in sight), the lines' box does.
  const pane = page.locator('.split__detail');
  expect(await pane.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
  const linesBox = await page.locator('.transcript-scroll').boundingBox();
  expect(linesBox?.height ?? 0).toBeGreaterThan(720 / 3);

  const item = (name: string) => panel.getByLabel(name, { exact: true });
  await item('1. Agenda setting').fill('9');
  await expect(panel.getByText('9 is out of range: score 0 to 6.')).toBeVisible();
  await expect(item('1. Agenda setting')).toHaveAttribute('aria-invalid', 'true');
  await item('1. Agenda setting').fill('4');
  await panel.getByLabel('Note on Agenda setting').fill('Agenda set together, with timings.');
  const rest = [
    '3. Collaboration',
    '4. Pacing and efficient use of time',
    '5. Interpersonal effectiveness',
    '6. Eliciting emotional expression',
    '7. Eliciting key cognitions',
    '8. Eliciting behaviours',
    '9. Guided discovery',
    '10. Conceptual integration',
    '11. Application of change methods',
    '12. Homework setting',
  ];
  for (const name of rest) await item(name).fill('3');
  await expect(panel.getByRole('status').first()).toHaveText(
    'Scored 11 of 12 (34 so far). Not scored yet: Feedback.',
  );
  await panel.getByRole('button', { name: 'Submit rating to the therapist' }).click();
  await expect(panel.getByRole('alert')).toHaveText(
    'Not submitted. One item is not scored yet: Feedback.',
  );
  await expect(item('2. Feedback')).toBeFocused();
  await page.keyboard.type('3');
  await expect(
    panel.getByText('Total 37/72 — at or above the competence threshold of 36.'),
  ).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('3-transcript-ctsr.png') });
  await panel.getByRole('button', { name: 'Submit rating to the therapist' }).click();
  await expect(panel.getByText(/Rating submitted/)).toBeVisible();
  await expect(panel.getByRole('article')).toContainText('Agenda set together, with timings.');

  // Tickets, still offline; another supervisor decides the new-patient ticket first.
  await page.getByRole('button', { name: 'Tickets queue' }).click();
  const ticket = (body: string) => page.locator('li.panel').filter({ hasText: body });
  const ext = ticket('E2E: a fifth session for the panic work?');
  await expect(ext).toBeVisible();
  await ext.getByRole('button', { name: 'Approve' }).click();
  const step = ticket('E2E: step up to CBT?');
  await step.getByRole('button', { name: 'Decline' }).click();
  await expect(step.getByRole('alert')).toHaveText('A decline needs a reason for the therapist.');
  await step
    .getByLabel(/^Reason for the therapist/)
    .fill('Not yet: two more sessions of exposure work first.');
  await step.getByRole('button', { name: 'Decline' }).click();
  await own.decideTicket(contested, 'Dr Helen Marsh', 'Approved at the Tuesday meeting.');
  const contestedRow = ticket('E2E: new patient, assessed.');
  await contestedRow
    .getByLabel(/^Reason for the therapist/)
    .fill('Please send the assessment letter first.');
  await contestedRow.getByRole('button', { name: 'Ask for more' }).click();
  // Decided tickets leave the queue; all of them, with the three decisions pending, are here.
  await page.getByLabel('Show').selectOption('all');
  await expect(page.getByText('Pending sync')).toHaveCount(3);
  await page.getByLabel('Show').selectOption('open');

  // Back online: the second decision of the new-patient ticket is a conflict, both shown.
  proxy.offline = false;
  await page.getByRole('button', { name: 'Sync now' }).click();
  const conflict = contestedRow.getByRole('group', { name: 'Your decision was not applied' });
  await expect(conflict).toBeVisible({ timeout: 60_000 });
  await expect(contestedRow).toContainText('Approved');
  await expect(contestedRow).toContainText('Approved at the Tuesday meeting.');
  await expect(conflict).toContainText('Please send the assessment letter first.');
  await expect(page.getByText('Pending sync')).toHaveCount(0, { timeout: 60_000 });
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('4-tickets-conflict.png'), fullPage: true });

  // The therapist, on her own device.
  const priya = await (await browser.newContext()).newPage();
  await signInAs(priya, 'Priya Nair', own.url);
  await priya.getByRole('button', { name: 'Tickets' }).click();
  await priya.getByLabel('Show').selectOption('all');
  const declined = priya.locator('li.panel').filter({ hasText: 'E2E: step up to CBT?' });
  await expect(declined).toContainText('Declined', { timeout: 60_000 });
  await expect(declined).toContainText('Not yet: two more sessions of exposure work first.');
  await expect(priya.locator('li.panel').filter({ hasText: 'E2E: a fifth session' })).toContainText(
    'Approved',
  );
  await priya.getByRole('button', { name: 'Transcripts' }).click();
  const history = priya.getByRole('region', { name: 'My CTS-R ratings over time' });
  await expect(history.getByText('37/72', { exact: true })).toBeVisible({ timeout: 60_000 });
  await history.getByText('37/72', { exact: true }).click();
  await expect(
    history.getByRole('row', { name: /Agenda setting 4\/6 Agenda set together/ }),
  ).toBeVisible();
  await expect(history.getByRole('row', { name: /Feedback 3\/6/ })).toBeVisible();
  await history.getByRole('button', { name: 'Read this session' }).click();
  await expect(
    priya.getByText('Supervisor: Good agenda setting: collaborative and specific.'),
  ).toBeVisible({ timeout: 30_000 });
  await expect(priya.getByRole('region', { name: 'CTS-R', exact: true })).toContainText(
    'Total 37/72',
  );
  expect(await axe(priya)).toEqual([]);
  await priya.screenshot({ path: testInfo.outputPath('5-therapist-reader.png') });
});
