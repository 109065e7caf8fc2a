import { expect, test } from '@playwright/test';
import { urgentRiskNow } from '../../shared/clinical';
import { DEFAULT_SERVICE_CONFIG } from '../../server/seed/organisation';
import { startPreviewHost, type RunningPreview } from './support/preview-host';
import { axe, openPatient, signInAs, waitForFirstSync } from './support/workspace';

/**
 * Issue 10 item 14: the service's urgent-risk cover (from its configuration) is shown with
 * the risk flag and on the crisis panel, saying whether now is within on-call hours.
 */
let preview: RunningPreview;
test.use({ timezoneId: 'Europe/London' });
test.beforeEach(async ({ page }) => {
  preview = await startPreviewHost();
  await page.goto(preview.url);
  await signInAs(page, 'Priya Nair');
  await waitForFirstSync(page);
});
test.afterEach(async () => preview.stop());

/** What the panel must say now, by the seed's configuration (either side of a boundary). */
const expectedNow = () =>
  urgentRiskNow(new Date().toISOString(), DEFAULT_SERVICE_CONFIG.urgentRisk);

test('the crisis panel shows who to call, the numbers and whether now is within on-call hours', async ({
  page,
}, testInfo) => {
  const before = expectedNow();
  await page.getByRole('button', { name: 'Urgent risk' }).click();
  await expect(page.getByRole('heading', { name: 'Urgent risk', level: 2 })).toBeVisible();
  const panel = page.getByRole('region', { name: 'Urgent risk: who to call' });
  const status = panel.getByRole('status');
  await expect(status).toContainText(/^Now /);
  const said = (await status.textContent()) ?? '';
  expect([before.sentence, expectedNow().sentence].some((s) => said.includes(s))).toBe(true);
  await expect(panel).toContainText('Monday to Friday 09:00–17:30 · 0113 496 0123');
  await expect(panel).toContainText(
    'Monday to Friday 17:30–20:00; Saturday and Sunday 08:00–20:00 · 0161 496 0456',
  );
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('crisis-panel.png'), fullPage: true });
});

test('a PHQ-9 item 9 above 0: the risk flag, the urgent-risk cover beside it and a risk ticket due', async ({
  page,
}, testInfo) => {
  // Score a PHQ-9 with item 9 at 1 for a patient's latest attended session.
  const name = await page.evaluate(async () => {
    const caseload = await window.clinician.caseload.list({});
    if (!caseload.ok) return null;
    for (const entry of caseload.value.entries) {
      const detail = await window.clinician.patients.get({ patientId: entry.patientId });
      const session = detail.ok
        ? detail.value.appointments.find((a) => a.outcome === 'attended')
        : undefined;
      if (!session) continue;
      const recorded = await window.clinician.measures.record({
        patientId: entry.patientId,
        appointmentId: session.id,
        kind: 'PHQ9',
        items: [1, 1, 1, 1, 1, 1, 1, 1, 1],
      });
      if (recorded.ok) return entry.name;
    }
    return null;
  });
  if (!name) throw new Error('no patient to score');
  await openPatient(page, name);
  await expect(page.getByRole('note').filter({ hasText: 'Risk flag' })).toContainText(
    'Risk flag: PHQ-9 item 9',
  );
  const panel = page.getByRole('region', { name: 'Urgent risk: who to call' });
  await expect(panel.getByRole('status')).toContainText(
    /^Now (within on-call hours|within office hours|outside office and on-call hours)/,
  );
  await expect(
    page.locator('li.deadline').filter({ hasText: `Raise a non-urgent risk ticket for ${name}` }),
  ).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('risk-flag.png'), fullPage: false });
});
