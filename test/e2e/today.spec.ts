import { expect, test, type Locator, type Page } from '@playwright/test';
import { formatForPeople } from '../../shared/clinical';
import { startOwnBackend, type OwnBackend } from './support/own-backend';
import { startPreviewHost, type RunningPreview } from './support/preview-host';
import { axe, signInAs, waitForFirstSync } from './support/workspace';

/**
 * Issue 13 item 4: Today puts what needs doing now first — risk flags, replies due within 48
 * hours, today's sessions, notes due — then the overdue backlog; each item opens the place to
 * act. In Chromium through the preview with the real core and the reference server (its own,
 * so a reply and a session can be arranged at known instants), keyboard only, for a step 2
 * PWP and a step 3 therapist; axe in light and dark; screenshots in test-results/.
 */
const HOUR = 3_600_000;
let backend: OwnBackend;
let preview: RunningPreview;

/** The sections a therapist's Today shows, in the order the work is done. */
const SECTION_ORDER = [
  'Risk flags',
  'Replies due within 48 hours',
  'Sessions today',
  'Notes and letters due',
  'Tickets and other deadlines due soon',
  'Overdue backlog',
  'Sessions later this week',
  'Due later',
];

interface Arranged {
  replyTo: { id: string; name: string };
  noteFor: { id: string; name: string };
  appointmentId: string;
  /** The session written up, as the note deadline's sentence reads it (UK time). */
  sessionAt: string;
  sessionNumber: number;
}
const arranged = new Map<string, Arranged>();

/** Two active patients of a therapist: a message to answer for one, a session to write up. */
async function arrange(therapist: string, minutes: number): Promise<Arranged> {
  const rows = await backend.db.query<{ id: string; name: string }>(
    `SELECT p.id, p.given_name || ' ' || p.family_name AS name FROM patients p
       JOIN users u ON u.id = p.therapist_id
      WHERE u.display_name = $1 AND p.status = 'active'
        AND (SELECT count(*) FROM appointments a WHERE a.patient_id = p.id AND a.kind = 'treatment') >= 1
      ORDER BY p.case_reference LIMIT 2`,
    [therapist],
  );
  const [replyTo, noteFor] = rows;
  if (!replyTo || !noteFor) throw new Error(`${therapist} has fewer than two active patients`);
  // A message received 40 hours ago: its reply is due in about 8 hours.
  await backend.clearMessages(replyTo.id);
  await backend.patientMessage(
    replyTo.id,
    new Date(Date.now() - 40 * HOUR).toISOString(),
    'Is the worksheet for this week the same as last week?',
  );
  // A treatment session with no note, moved to have ended an hour ago and attended: its note
  // is due in about 47 hours.
  const sessions = await backend.db.query<{ id: string; noted: boolean }>(
    `SELECT a.id, EXISTS (SELECT 1 FROM notes n WHERE n.appointment_id = a.id) AS noted
       FROM appointments a WHERE a.patient_id = $1 AND a.kind = 'treatment' ORDER BY a.id`,
    [noteFor.id],
  );
  const nth = sessions.findIndex((s) => !s.noted);
  if (nth < 0) throw new Error(`${noteFor.name} has no treatment session without a note`);
  const startsAt = Date.now() - HOUR - minutes * 60_000;
  const appointmentId = await backend.arrangeAppointment(
    noteFor.id,
    nth,
    startsAt - Date.now(),
    minutes,
  );
  await backend.outcomeFromAnotherDevice(appointmentId, 'attended');
  // A session of the other patient in 20 minutes: today's sessions (still to happen).
  const comingAt = Date.now() + 20 * 60_000;
  await backend.arrangeAppointment(replyTo.id, 0, comingAt - Date.now(), minutes);
  // The session's own number, as the service recorded it (the editor names the session by it).
  const [numbered] = await backend.db.query<{ n: number }>(
    'SELECT session_number AS n FROM appointments WHERE id = $1',
    [appointmentId],
  );
  const [arrangedAt] = await backend.db.query<{ starts_at: Date }>(
    'SELECT starts_at FROM appointments WHERE id = $1',
    [appointmentId],
  );
  return {
    replyTo,
    noteFor,
    appointmentId,
    sessionAt: formatForPeople(new Date(arrangedAt?.starts_at ?? startsAt).toISOString()),
    sessionNumber: numbered?.n ?? 0,
  };
}

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  test.setTimeout(180_000); // PGlite's initdb and the demo seed on a busy machine
  backend = await startOwnBackend();
  arranged.set('Amelia Hart', await arrange('Amelia Hart', 45));
  arranged.set('Priya Nair', await arrange('Priya Nair', 60));
});
test.afterAll(async () => backend?.close());
test.beforeEach(async ({ page }) => {
  preview = await startPreviewHost({ demoServer: backend.url, deviceZone: 'Europe/London' });
  await page.goto(preview.url);
});
test.afterEach(async () => preview.stop());

const section = (page: Page, title: string): Locator =>
  page.getByRole('region', { name: new RegExp(`^${title}( \\(\\d+\\))?$`) });

/** Tab (forwards only) until the control has focus: keyboard only, as a person would. */
async function tabTo(page: Page, control: Locator): Promise<void> {
  await expect(control).toBeVisible();
  for (let i = 0; i < 200; i += 1) {
    if (await control.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('the control was never reached with Tab');
}

/** Back to Today by the palette (the reply box takes the single-key shortcuts as text). */
async function backToToday(page: Page): Promise<void> {
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Find a patient, view or action' }).fill('Today');
  await page.keyboard.press('Enter');
  await expect(page.locator('#view-heading')).toHaveText('Today and deadlines');
}

for (const [therapist, role] of [
  ['Amelia Hart', 'step 2 PWP'],
  ['Priya Nair', 'step 3 therapist'],
] as const) {
  test(`a ${role}'s Today: now first, then the backlog; a reply and a note open where to act`, async ({
    page,
  }, testInfo) => {
    test.setTimeout(240_000);
    const facts = arranged.get(therapist);
    if (!facts) throw new Error('not arranged');
    await signInAs(page, therapist);
    await waitForFirstSync(page);
    await expect(page.locator('#view-heading')).toHaveText('Today and deadlines');

    // The sections, in the order of the work.
    const headings = page.locator('.today-section > h3');
    await expect(headings).toHaveCount(SECTION_ORDER.length, { timeout: 60_000 });
    expect((await headings.allTextContents()).map((t) => t.replace(/ \(\d+\)$/, ''))).toEqual(
      SECTION_ORDER,
    );
    // The arranged reply under replies, the coming session under today's sessions (when it
    // falls on today's UK date) and the note of the session held an hour ago under notes.
    const replies = section(page, 'Replies due within 48 hours');
    const replyButton = replies.getByRole('button', { name: `Reply to ${facts.replyTo.name}` });
    await expect(replyButton).toBeVisible({ timeout: 60_000 });
    const notes = section(page, 'Notes and letters due');
    const noteButton = notes
      .locator('li.deadline')
      .filter({ hasText: `${facts.noteFor.name}'s treatment on ${facts.sessionAt}` })
      .getByRole('button', { name: `Write ${facts.noteFor.name}'s session note` });
    await expect(noteButton).toBeVisible();
    const ukDay = (ms: number) =>
      new Date(ms).toLocaleDateString('en-GB', { timeZone: 'Europe/London' });
    if (ukDay(Date.now() + HOUR) === ukDay(Date.now()))
      await expect(section(page, 'Sessions today')).toContainText(facts.replyTo.name);
    expect(await axe(page), 'axe, Today (light)').toEqual([]);
    await page.screenshot({
      path: testInfo.outputPath(`today-${role.replace(/ /g, '-')}-light.png`),
      fullPage: true,
    });

    // The reply item, by keyboard: focus lands in that thread's reply box.
    await tabTo(page, replyButton);
    await page.keyboard.press('Enter');
    await expect(page.locator('#view-heading')).toContainText(facts.replyTo.name);
    await expect(page.locator(`#reply-${facts.replyTo.id}`)).toBeFocused();
    await expect(page.getByRole('textbox', { name: 'Reply', exact: true })).toBeFocused();

    // The note item, by keyboard: that session's note opens in the editor, its text focused.
    await backToToday(page);
    await tabTo(page, noteButton);
    await page.keyboard.press('Enter');
    await expect(page.locator('#view-heading')).toHaveText(`Session note — ${facts.noteFor.name}`);
    await expect(page.locator('.note-subject')).toContainText(
      `Treatment session ${facts.sessionNumber} of`,
    );
    await expect(page.getByLabel('Text', { exact: true })).toBeFocused();
    expect(await axe(page), 'axe, note from Today').toEqual([]);
    await page.screenshot({
      path: testInfo.outputPath(`today-${role.replace(/ /g, '-')}-note.png`),
    });
    // Again from Today: the same note, not a second one.
    await backToToday(page);
    await tabTo(page, noteButton);
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Text', { exact: true })).toBeFocused();
    const notesOfSession = await page.evaluate(
      async ({ patientId, appointmentId }) => {
        const detail = await window.clinician.patients.get({ patientId });
        if (!detail.ok) throw new Error(detail.error.message);
        return detail.value.notes.filter((n) => n.appointmentId === appointmentId).length;
      },
      { patientId: facts.noteFor.id, appointmentId: facts.appointmentId },
    );
    expect(notesOfSession, 'one note for the session, however often it is opened').toBe(1);

    // A PHQ-9 with item 9 above 0 for the written-up session: the risk flag goes first, and its
    // item opens the ticket form with the non-urgent risk ticket chosen (keyboard only).
    const scored = await page.evaluate(
      async ({ patientId, appointmentId }) =>
        window.clinician.measures.record({
          patientId,
          appointmentId,
          kind: 'PHQ9',
          items: [1, 1, 1, 1, 1, 1, 1, 1, 1],
        }),
      { patientId: facts.noteFor.id, appointmentId: facts.appointmentId },
    );
    expect(scored.ok).toBe(true);
    await backToToday(page);
    const risk = section(page, 'Risk flags');
    // One item for this patient's flag (the demo may hold other patients' flags: it is seeded
    // at the moment it runs).
    await expect(risk.locator('li.deadline').filter({ hasText: facts.noteFor.name })).toHaveCount(
      1,
    );
    await expect(risk).toContainText(
      `Raise a non-urgent risk ticket for ${facts.noteFor.name} (PHQ-9 item 9 scored 1 on`,
    );
    expect(await axe(page), 'axe, Today with a risk flag').toEqual([]);
    await risk.screenshot({
      path: testInfo.outputPath(`today-${role.replace(/ /g, '-')}-risk.png`),
    });
    await tabTo(
      page,
      risk.getByRole('button', {
        name: `Raise the non-urgent risk ticket for ${facts.noteFor.name}`,
      }),
    );
    await page.keyboard.press('Enter');
    const ticketType = page.getByLabel('Raise a ticket');
    await expect(ticketType).toBeFocused();
    await expect(ticketType).toHaveValue('non_urgent_risk');

    // Dark: the same Today, axe at zero.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('group', { name: 'Appearance' }).getByLabel('Dark').check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.getByRole('button', { name: 'Today and deadlines' }).click();
    await expect(section(page, 'Replies due within 48 hours')).toBeVisible();
    expect(await axe(page), 'axe, Today (dark)').toEqual([]);
    await page.screenshot({
      path: testInfo.outputPath(`today-${role.replace(/ /g, '-')}-dark.png`),
      fullPage: true,
    });
  });
}
