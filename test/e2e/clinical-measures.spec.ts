import { expect, test } from '@playwright/test';
import { startOwnBackend, type OwnBackend } from './support/own-backend';
import { startPreviewHost, type RunningPreview } from './support/preview-host';
import { axe, openPatient, signInAs, waitForFirstSync } from './support/workspace';

/**
 * Issue 10 item 4: a new PHQ-9/GAD-7 is filed against the session it was taken for — today's
 * if there is one, otherwise chosen explicitly (never the newest attended session by
 * default) — and the form shows each item's question.
 */
let backend: OwnBackend;
let today: { id: string; name: string };
let noSessionToday: { id: string; name: string };

test.use({ timezoneId: 'Europe/London' });
test.beforeAll(async () => {
  backend = await startOwnBackend();
  today = await backend.patientOf('Amelia Hart', 3);
  // Today's session started a minute ago; its outcome is not recorded yet.
  await backend.arrangeAppointment(today.id, 2, -60_000, 45);
  const others = await backend.db.query<{ id: string; name: string }>(
    `SELECT p.id, p.given_name || ' ' || p.family_name AS name FROM patients p JOIN users u ON u.id = p.therapist_id
      WHERE u.display_name = 'Amelia Hart' AND p.status = 'active' AND p.id <> $1
        AND EXISTS (SELECT 1 FROM appointments a WHERE a.patient_id = p.id AND a.outcome = 'attended')
        AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.patient_id = p.id
                          AND a.starts_at > now() - interval '24 hours' AND a.starts_at < now())
      ORDER BY p.case_reference LIMIT 1`,
    [today.id],
  );
  if (!others[0]) throw new Error('no second patient');
  noSessionToday = others[0];
});
test.afterAll(async () => backend.close());

let preview: RunningPreview;
test.beforeEach(async ({ page }) => {
  preview = await startPreviewHost({ demoServer: backend.url, deviceZone: 'Europe/London' });
  await page.goto(preview.url);
  await signInAs(page, 'Amelia Hart');
  await waitForFirstSync(page);
});
test.afterEach(async () => preview.stop());

test("scores default to today's session and the form asks each item's question", async ({
  page,
}, testInfo) => {
  await openPatient(page, today.name);
  const form = page.locator('form').filter({ hasText: 'Record a questionnaire' });
  const session = form.getByLabel('Taken at the session');
  await expect(session.locator('option:checked')).toHaveText(/^Today, /);
  await expect(form.getByLabel('1. Little interest or pleasure in doing things')).toBeVisible();
  await expect(
    form.getByLabel(
      '9. Thoughts that you would be better off dead or of hurting yourself in some way',
    ),
  ).toBeVisible();
  await expect(form.getByText(/^Item \d/)).toHaveCount(0);
  for (let i = 0; i < 9; i += 1) {
    await form
      .locator('select')
      .nth(i + 2)
      .selectOption(i === 8 ? '0' : '1');
  }
  expect(await axe(page)).toEqual([]);
  await form.screenshot({ path: testInfo.outputPath('phq9-form.png') });
  await form.getByRole('button', { name: 'Score and record' }).click();
  await expect(form.getByRole('status')).toHaveText(/PHQ-9 \(depression\): total 8 recorded/);
});

test('with no session today the session must be chosen: no silent default', async ({ page }) => {
  await openPatient(page, noSessionToday.name);
  const form = page.locator('form').filter({ hasText: 'Record a questionnaire' });
  const session = form.getByLabel('Taken at the session');
  await expect(session).toHaveValue('');
  await expect(session.locator('option:checked')).toHaveText('Choose the session…');
  await form.getByLabel('Questionnaire').selectOption('GAD7');
  for (let i = 0; i < 7; i += 1)
    await form
      .locator('select')
      .nth(i + 2)
      .selectOption('2');
  await form.getByRole('button', { name: 'Score and record' }).click();
  await expect(form.getByText('Choose the session the scores were taken at.')).toBeVisible();
});
