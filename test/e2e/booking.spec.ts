import { expect, type Page, test } from '@playwright/test';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { startOwnBackend, type OwnBackend } from './support/own-backend';
import { startPreviewHost, type RunningPreview } from './support/preview-host';
import { axe, openPatient, signInAs, waitForFirstSync } from './support/workspace';

/**
 * Issue 13 item 6: book a session from the patient screen as a step 2 PWP and see it in Today;
 * at the step 2 limit see the reason a treatment session cannot be booked; the measures chart
 * with its tables; a step 3 therapist's choice of lengths. Real core, real reference server,
 * Debian's Chromium; axe at zero; screenshots under test-results.
 */
let backend: OwnBackend;
let proxy: FaultProxy;
interface Person {
  id: string;
  name: string;
}
let fresh: Person;
let atLimit: Person;

test.use({ timezoneId: 'Europe/London' });
test.setTimeout(120_000);

const openStep2 = async (therapist: string, skip: string[]): Promise<Person> => {
  const [row] = await backend.db.query<Person>(
    `SELECT p.id, p.given_name || ' ' || p.family_name AS name FROM patients p
       JOIN users u ON u.id = p.therapist_id JOIN episodes e ON e.patient_id = p.id
      WHERE u.display_name = $1 AND p.status = 'active' AND e.step = 2 AND e.closed_at IS NULL
        AND NOT (p.id = ANY($2::uuid[]))
        AND (SELECT count(*) FROM appointments a WHERE a.episode_id = e.id AND a.kind = 'treatment') >= 4
      ORDER BY p.case_reference LIMIT 1`,
    [therapist, skip],
  );
  if (!row) throw new Error(`no open step 2 episode of ${therapist}`);
  return row;
};

test.beforeAll(async () => {
  // Seeding the demo backend shares two cores with other work: give it room.
  test.setTimeout(180_000);
  backend = await startOwnBackend();
  proxy = await startFaultProxy(backend.url);
  fresh = await openStep2('Tom Reeve', []);
  atLimit = await openStep2('Tom Reeve', [fresh.id]);
  for (const p of [fresh, atLimit]) {
    // No treatment session counted and no extension request: the patient's count starts at 0.
    await backend.db.query(
      `UPDATE appointments SET outcome = 'cancelled', cancelled_by = 'therapist',
              cancelled_at = starts_at - interval '3 days'
        WHERE patient_id = $1 AND kind = 'treatment'`,
      [p.id],
    );
    await backend.db.query(
      `UPDATE tickets SET type = 'four_weekly_review'
        WHERE patient_id = $1 AND type = 'session_extension_request'`,
      [p.id],
    );
  }
  // Four treatment sessions attended in the past weeks: the step 2 limit is reached.
  await backend.db.query(
    `WITH four AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM appointments
                    WHERE patient_id = $1 AND kind = 'treatment' ORDER BY id LIMIT 4)
     UPDATE appointments a SET outcome = 'attended', cancelled_by = NULL, cancelled_at = NULL,
            duration_minutes = 45, starts_at = now() - (four.n * interval '14 days')
       FROM four WHERE a.id = four.id`,
    [atLimit.id],
  );
});
test.afterAll(async () => {
  await proxy?.close();
  await backend?.close();
});

let preview: RunningPreview;
test.afterEach(async () => preview.stop());
const start = async (page: Page, who: string, server = backend.url) => {
  preview = await startPreviewHost({ demoServer: server, deviceZone: 'Europe/London' });
  await page.goto(preview.url);
  await signInAs(page, who);
  await waitForFirstSync(page);
};

/** The UK calendar date `days` from now, as a date input takes it ("2026-12-03"). */
const ukDate = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

const bookingForm = (page: Page) => page.locator('form').filter({ hasText: 'Book a session' });

test('a PWP books a 45-minute treatment session and sees it in Today', async ({
  page,
}, testInfo) => {
  await start(page, 'Tom Reeve');
  await openPatient(page, fresh.name);
  const form = bookingForm(page);
  await expect(form).toContainText('0 of 4 treatment sessions used; 0 booked');
  await form.getByLabel('Assessment').check();
  await expect(form.getByLabel('Length')).toHaveValue('60');
  await expect(form).toContainText('Step 2 assessments are 60 minutes.');
  await form.getByLabel('Treatment session').check();
  await expect(form.getByLabel('Length')).toHaveValue('45');
  await expect(form).toContainText('Step 2 treatment sessions are 45 minutes.');
  await form.getByLabel('Date').fill(ukDate(1));
  await form.getByLabel('Start (UK time)').fill('07:15');
  await expect(form.getByRole('status')).toContainText('07:15');
  expect(await axe(page), 'axe, booking form').toEqual([]);
  await form.screenshot({ path: testInfo.outputPath('booking-form-pwp.png') });
  await form.getByRole('button', { name: 'Book treatment session' }).click();
  await expect(form.getByText(/pending until the server confirms it/)).toBeVisible();
  const row = page.locator('.list-row').filter({ hasText: '07:15' });
  await expect(row).toContainText('45-minute treatment');
  // Confirmed by the server: no longer pending; the count moves on.
  await expect(row.getByText('Pending sync')).toHaveCount(0, { timeout: 60_000 });
  await expect(form).toContainText('0 of 4 treatment sessions used; 1 booked');
  await expect(row.getByRole('button', { name: 'Cancel session' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('patient-booked-pwp.png'), fullPage: true });

  await page.getByRole('button', { name: 'Today and deadlines' }).click();
  const coming = page.getByRole('region', { name: 'Tomorrow' });
  await expect(coming).toContainText(fresh.name);
  await expect(coming).toContainText('07:15 — 45 min treatment');
  expect(await axe(page), 'axe, Today').toEqual([]);
  await page
    .locator('section.panel')
    .filter({ hasText: 'Sessions later this week' })
    .screenshot({ path: testInfo.outputPath('today-sessions-pwp.png') });

  // Cancel it again: asked first, then gone from Today.
  await openPatient(page, fresh.name);
  await row.getByRole('button', { name: 'Cancel session' }).click();
  await row.getByRole('button', { name: 'Yes, cancel it' }).click();
  await expect(row).toContainText('Cancelled');
});

test('a session booked offline is cancelled before the service confirmed it', async ({
  page,
}, testInfo) => {
  await start(page, 'Tom Reeve', proxy.url);
  await openPatient(page, fresh.name);
  const row = page.locator('.list-row').filter({ hasText: '08:45' });
  proxy.offline = true;
  try {
    const form = bookingForm(page);
    await form.getByLabel('Treatment session').check();
    await form.getByLabel('Date').fill(ukDate(3));
    await form.getByLabel('Start (UK time)').fill('08:45');
    await form.getByRole('button', { name: 'Book treatment session' }).click();
    await expect(row.getByText('Pending sync')).toBeVisible();
    // The app has tried to send it and found no network: it may be on its way, so the
    // cancellation goes after it (one never tried is withdrawn: the device tests).
    await expect(
      page.getByRole('region', { name: 'Sync status' }).getByText('Offline', { exact: true }),
    ).toBeVisible({ timeout: 30_000 });
    await row.getByRole('button', { name: 'Cancel session' }).click();
    await expect(row.getByRole('group', { name: 'Cancel this session?' })).toContainText(
      'The booking is still waiting to be sent',
    );
    expect(await axe(page), 'axe, cancelling a pending booking').toEqual([]);
    await row.getByRole('button', { name: 'Yes, cancel it' }).click();
    await expect(row.getByText('Cancelled', { exact: true })).toBeVisible();
    await expect(row.getByText('Pending sync')).toBeVisible();
    await row.screenshot({ path: testInfo.outputPath('pending-booking-cancelled.png') });
  } finally {
    proxy.offline = false;
  }
  await page.evaluate(() => window.clinician.sync.now({}));
  await expect(row.getByText('Pending sync')).toHaveCount(0, { timeout: 60_000 });
  await expect(row.getByText('Cancelled', { exact: true })).toBeVisible();
  await expect(row.locator('.notice--danger')).toHaveCount(0);
});

test('at the step 2 limit a treatment session is refused with the reason', async ({
  page,
}, testInfo) => {
  await start(page, 'Tom Reeve');
  await openPatient(page, atLimit.name);
  const form = bookingForm(page);
  await expect(form).toContainText(
    '4 of 4 treatment sessions used; 0 booked; an extension is needed before another is booked',
  );
  const notice = form.getByRole('note');
  await expect(notice).toContainText('A treatment session cannot be booked now.');
  await expect(notice).toContainText(
    'Step 2 allows 4 treatment sessions before a session extension is approved; this patient has 4 used and 0 booked.',
  );
  await form.getByLabel('Date').fill(ukDate(2));
  await form.getByLabel('Start (UK time)').fill('07:30');
  await form.getByRole('button', { name: 'Book treatment session' }).click();
  await expect(form.getByRole('alert')).toContainText(
    'No session extension request has been raised: raise one in Tickets for the supervisor to approve.',
  );
  // What was typed stays; an assessment is no treatment session and may still be booked.
  await expect(form.getByLabel('Start (UK time)')).toHaveValue('07:30');
  expect(await axe(page), 'axe, refusal at the limit').toEqual([]);
  await form.screenshot({ path: testInfo.outputPath('booking-limit-pwp.png') });
});

test('the measures chart: caseness lines, the reliable-change band, the outcome in words and the tables', async ({
  page,
}, testInfo) => {
  await start(page, 'Amelia Hart');
  const patient = await backend.patientOf('Amelia Hart', 3);
  await openPatient(page, patient.name);
  const measures = page.locator('section.panel').filter({
    has: page.getByRole('heading', { name: 'Measures' }),
  });
  await expect(measures.getByText(/^Outcome so far:/)).toBeVisible();
  const phq9 = measures.getByRole('img', { name: /^PHQ-9/ });
  await expect(phq9).toBeVisible();
  await expect(measures).toContainText('Caseness (10 and above): dashed line at 10.');
  await measures.getByRole('button', { name: 'Show the scores as tables' }).click();
  await expect(measures.getByRole('table', { name: 'PHQ-9 scores, oldest first' })).toBeVisible();
  expect(await axe(page), 'axe, measures chart (light)').toEqual([]);
  await measures.screenshot({ path: testInfo.outputPath('measures-chart-pwp-light.png') });

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('group', { name: 'Appearance' }).getByLabel('Dark').check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await openPatient(page, patient.name);
  await expect(phq9).toBeVisible();
  expect(await axe(page), 'axe, measures chart (dark)').toEqual([]);
  await measures.screenshot({ path: testInfo.outputPath('measures-chart-pwp-dark.png') });
});

test('a step 3 therapist chooses 60, 45 or 30 minutes; the chart shows their patient', async ({
  page,
}, testInfo) => {
  await start(page, 'Rhys Ellis');
  const patient = await backend.patientOf('Rhys Ellis', 2);
  await openPatient(page, patient.name);
  const form = bookingForm(page);
  await expect(form).toContainText('no hard limit at step 3');
  await form.getByLabel('Treatment session').check();
  await expect(form.getByLabel('Length').locator('option')).toHaveText([
    '60 minutes',
    '45 minutes',
    '30 minutes',
  ]);
  await expect(form).toContainText(
    'Step 3 treatment sessions are 60, 45 or 30 minutes; shorter sessions as the patient improves.',
  );
  expect(await axe(page), 'axe, step 3 patient').toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('patient-step3.png'), fullPage: true });
});
