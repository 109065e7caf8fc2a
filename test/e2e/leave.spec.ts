import { expect, test, type Page } from '@playwright/test';
import { startOwnBackend, type OwnBackend } from './support/own-backend';
import { startPreviewHost, type RunningPreview } from './support/preview-host';
import { axe, waitForFirstSync } from './support/workspace';

/**
 * Issue 14, item 2 — leave, in Chromium through the preview: a therapist plans annual leave
 * from today; Today, the caseload and each patient screen say the caseload is paused; a
 * deadline in the leave reads "during your leave", not overdue; the message prepared for each
 * active patient is reviewed, one edited and sent, the rest sent together, each shown pending
 * then delivered; the supervisor sees the supervisee on leave, the trip and the deadlines.
 * axe on every screen. Its own backend: the leave would pause Priya's caseload for other specs.
 */
let own: OwnBackend;
const hosts: RunningPreview[] = [];
test.beforeEach(async () => {
  test.setTimeout(180_000); // an in-memory PGlite's initdb on a loaded two-core machine
  own = await startOwnBackend();
});
test.afterEach(async () => {
  for (const host of hosts.splice(0)) await host.stop();
  await own.close();
});

async function signInAs(page: Page, displayName: string) {
  const host = await startPreviewHost({ demoServer: own.url });
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

const ukDay = (offsetDays: number): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );

test('leave pauses the caseload, the messages to patients are reviewed and sent, the supervisor sees it', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(300_000); // two devices and several axe runs on a shared two-core machine
  await signInAs(page, 'Priya Nair');
  await waitForFirstSync(page);

  // Plan annual leave from today for two weeks: no approved country needed.
  await page.getByRole('button', { name: 'Working abroad' }).click();
  await page.getByLabel('Why you are away').selectOption({ label: 'Annual leave' });
  await page.getByLabel('First day', { exact: true }).fill(ukDay(0));
  await page.getByLabel('Last day', { exact: true }).fill(ukDay(13));
  await page.getByRole('button', { name: 'Plan this leave' }).click();
  await expect(page.getByText(/^Planned: annual leave, /)).toBeVisible();
  const row = page.getByRole('listitem').filter({ hasText: /^Annual leave, / });
  await expect(row.getByText('Confirmed by the service')).toBeVisible({ timeout: 30_000 });

  // A later sick leave, its dates changed before it starts (offline-first, confirmed).
  await page.getByLabel('Why you are away').selectOption({ label: 'Sick leave' });
  await page.getByLabel('First day', { exact: true }).fill(ukDay(30));
  await page.getByLabel('Last day', { exact: true }).fill(ukDay(31));
  await page.getByRole('button', { name: 'Plan this leave' }).click();
  const later = page.getByRole('listitem').filter({ hasText: /^Sick leave, / });
  await expect(later.getByText('Confirmed by the service')).toBeVisible({ timeout: 30_000 });
  await later.getByRole('button', { name: /^Change the dates: / }).click();
  await later.getByLabel('New first day').fill(ukDay(32));
  await later.getByLabel('New last day').fill(ukDay(34));
  expect(await axe(page)).toEqual([]);
  await later.getByRole('button', { name: 'Save the new dates' }).click();
  // The row now says the new dates, and the service has them.
  const movedRow = page.getByRole('listitem').filter({ hasText: /^Sick leave, / });
  await expect(movedRow.getByLabel('New first day')).toHaveCount(0);
  await expect
    .poll(
      async () =>
        (
          await own.db.query<{ from: string; to: string }>(
            `SELECT to_char(date_from, 'YYYY-MM-DD') AS "from", to_char(date_to, 'YYYY-MM-DD') AS "to"
               FROM work_abroad_declarations WHERE purpose = 'sick_leave'`,
          )
        )[0],
      { timeout: 30_000 },
    )
    .toEqual({ from: ukDay(32), to: ukDay(34) });
  await expect(movedRow.getByText('Confirmed by the service')).toBeVisible({ timeout: 30_000 });

  // Today: paused at the top; a deadline in the leave reads "during your leave".
  await page.getByRole('button', { name: 'Today' }).click();
  const paused = page.getByRole('heading', {
    name: /^You are on annual leave: your caseload is paused, \d+ \w+ \d{4} to \d+ \w+ \d{4}$/,
  });
  await expect(paused).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/deadlines? falls? in your leave/).first()).toBeVisible();
  const duringLeave = page.locator('.deadline--leave').first();
  await expect(duringLeave).toBeVisible();
  await expect(duringLeave.locator('.tag').first()).toHaveText(/^During your leave, \d+ \w+ \d{4}/);
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('1-today-paused.png'), fullPage: true });

  // The prepared messages: one edited and sent alone, then the rest together.
  await page.locator('summary', { hasText: 'Messages to your patients about your leave' }).click();
  const messages = page.getByRole('list', { name: 'Prepared messages' });
  const items = messages.getByRole('listitem');
  await expect(items.first()).toBeVisible();
  const count = await items.count();
  expect(count).toBeGreaterThan(1);
  await expect(messages.getByText('Not sent yet')).toHaveCount(count);
  const first = items.first();
  const box = first.getByRole('textbox');
  await expect(box).toHaveValue(/^Dear \S+,\n\nI am away from /);
  await expect(box).toHaveValue(/call 999 or go to A&E/);
  await box.fill(`${await box.inputValue()}\n\nP.S. Your next session is on the 20th.`);
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('2-prepared-messages.png'), fullPage: true });
  await first.getByRole('button', { name: /^Send the message to / }).click();
  await expect(first.getByText(/^(Sent, waiting for the service|Delivered)/)).toBeVisible();
  await expect(first.getByText('Delivered')).toBeVisible({ timeout: 30_000 });
  // Delivered: nothing offers to send it a second time.
  await expect(first.getByRole('button', { name: /^Send the message to / })).toHaveCount(0);
  await page.getByRole('button', { name: `Send all not yet sent (${count - 1})` }).click();
  await expect(messages.getByText('Delivered', { exact: true })).toHaveCount(count, {
    timeout: 60_000,
  });
  await expect(page.getByText(`${count} of ${count} delivered.`)).toBeVisible();
  const [edited] = await own.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM messages WHERE direction = 'outbound' AND body LIKE '%P.S. Your next session is on the 20th.'`,
  );
  expect(edited?.n).toBe(1);
  await page.screenshot({ path: testInfo.outputPath('3-messages-delivered.png'), fullPage: true });

  // The caseload and a patient screen say it too.
  await page.getByRole('button', { name: 'Caseload' }).click();
  await expect(page.getByText(/^Your caseload is paused for your leave, /)).toBeVisible({
    timeout: 30_000,
  });
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('4-caseload-paused.png'), fullPage: true });
  await page.locator('.caseload-row__open').first().click();
  await expect(
    page.getByText(/^This patient’s treatment is paused for your leave, /),
  ).toBeVisible();
  expect(await axe(page)).toEqual([]);

  // The supervisor, on her own device: Priya on leave, the trip, the deadlines during it.
  const context = await browser.newContext();
  const supervisor = await context.newPage();
  await signInAs(supervisor, 'Dr Helen Marsh');
  const away = supervisor.getByRole('region', { name: 'Priya Nair: trips and leave' });
  await expect(away).toBeVisible({ timeout: 60_000 });
  await expect(away.getByText(/^On annual leave now, caseload paused, /)).toBeVisible();
  await expect(away.getByText(/^Annual leave, \d+ \w+ \d{4} to /)).toBeVisible();
  await expect(away.getByText(/^During Priya Nair’s leave, \d+ \w+ \d{4}/)).toBeVisible();
  await expect(
    away.getByRole('list', { name: 'Deadlines during Priya Nair’s leave' }).getByRole('listitem'),
  ).not.toHaveCount(0);
  expect(await axe(supervisor)).toEqual([]);
  await away.scrollIntoViewIfNeeded();
  await supervisor.screenshot({
    path: testInfo.outputPath('5-supervisor-home.png'),
    fullPage: true,
  });
  await context.close();
});
