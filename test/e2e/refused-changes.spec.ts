import { generateKeyPairSync } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { generate } from 'otplib';
import { call } from '../server/support/client';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { startPreviewHost, type RunningPreview } from './support/preview-host';
import { axe, waitForFirstSync } from './support/workspace';

/**
 * A change the server refused, as a supervisor meets it in Chromium through the preview:
 * the sync bar says so, the list opens from it, the change reads in full (why, when, what
 * it said), copies, is edited and sent again as a new change, and goes only after a
 * confirmed discard. Keyboard only, axe clean at each step. The refusal is real: another
 * device of the same supervisor decides the ticket first, on the shared demo backend.
 */
let proxy: FaultProxy;
let preview: RunningPreview;
test.beforeEach(async ({ page, context }) => {
  const backend = process.env['E2E_DEMO_SERVER'] ?? '';
  proxy = await startFaultProxy(backend);
  preview = await startPreviewHost({ demoServer: proxy.url });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: preview.origin,
  });
  await page.goto(preview.url);
});
test.afterEach(async () => {
  await preview.stop();
  await proxy.close();
});

interface DemoAccount {
  email: string;
  password: string;
  displayName: string;
  totpSecret: string;
}

/** The same supervisor on another device, straight against the service's API. */
async function otherDeviceDecides(account: DemoAccount, ticketId: string): Promise<void> {
  const backend = process.env['E2E_DEMO_SERVER'] ?? '';
  const { publicKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  const signIn = await call(backend, 'POST', '/auth/sign-in', {
    email: account.email,
    password: account.password,
    totp: await generate({ secret: account.totpSecret }),
    device: {
      name: 'The supervisor’s other laptop',
      platform: 'linux',
      publicKey: { kty: 'OKP', crv: 'Ed25519', x: String(jwk.x) },
    },
  });
  expect(signIn.status).toBe(200);
  const grant = signIn.json as { deviceId: string; tokens: { accessToken: string } };
  const push = await call(
    backend,
    'POST',
    '/sync/push',
    {
      deviceId: grant.deviceId,
      mutations: [
        {
          seq: 1,
          id: crypto.randomUUID(),
          kind: 'ticket.decide',
          payload: { ticketId, decision: 'approve', comment: 'Approved from the other laptop.' },
        },
      ],
    },
    { token: grant.tokens.accessToken },
  );
  expect(JSON.stringify(push.body)).toContain('"applied"');
}

test('a refused change reads in full, copies, is edited and sent again, and is discarded only when confirmed', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000); // two sign-ins and a dozen sync rounds on a shared, busy machine
  const accounts = (await call(process.env['E2E_DEMO_SERVER'] ?? '', 'GET', '/demo/accounts'))
    .json as unknown as { accounts: DemoAccount[] };
  const helen = accounts.accounts.find((a) => a.displayName === 'Dr Helen Marsh');
  if (!helen) throw new Error('no demo supervisor');

  await page.getByRole('button', { name: `Use the account of ${helen.displayName}` }).click();
  await page.getByRole('button', { name: 'Fill in this code' }).click();
  await page.getByLabel('Local passcode for this computer').fill('e2e passcode');
  await page.getByLabel('Passcode again').fill('e2e passcode');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Workspace' })).toBeVisible({
    timeout: 30_000,
  });
  // The whole queue first: tickets arriving while the test picks one would reorder it.
  await waitForFirstSync(page);
  await page.getByRole('button', { name: 'Tickets queue' }).click();
  const firstOpen = page.locator('textarea[id^="decision-"]').first();
  await expect(firstOpen).toBeVisible({ timeout: 30_000 });
  const ticketId = ((await firstOpen.getAttribute('id')) ?? '').replace('decision-', '');
  // From here on, that ticket: its own box and its own Decline, wherever it sits in the list.
  const decide = page.locator(`[id="decision-${ticketId}"]`);
  const itsTicket = page.getByRole('listitem').filter({ has: decide });

  // This device hears nothing new from now on; the other laptop decides the ticket first.
  proxy.inject('/sync/pull', { kind: 'gateway-error', status: 503 });
  await otherDeviceDecides(helen, ticketId);

  const comment = 'Please gather two more weeks of sleep diaries before we decide.';
  await decide.fill(comment);
  await itsTicket.getByRole('button', { name: 'Decline' }).click();
  const bar = page.getByRole('region', { name: 'Sync status' });
  await expect(
    bar.getByRole('heading', { name: '1 change was refused by the server' }),
  ).toBeVisible({
    timeout: 30_000,
  });
  proxy.heal();

  // Keyboard only from here.
  const review = bar.getByRole('button', { name: 'Review changes that need you' });
  await review.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Changes that need you' });
  await expect(dialog.getByRole('heading', { name: 'Refused by the server' })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await dialog.getByRole('button', { name: /^Read in full: Ticket decision for / }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByText(/This ticket was already decided/)).toBeVisible();
  const text = dialog.getByRole('textbox', { name: /^Comment/ });
  await expect(text).toHaveValue(comment);
  await expect(text).toHaveAttribute('readonly', '');
  expect(await axe(page)).toEqual([]);
  await page.screenshot({
    path: testInfo.outputPath('refused-change-in-full.png'),
  });

  await dialog.getByRole('button', { name: 'Copy everything' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(comment);
  expect(copied).toContain('already decided');

  // Edited and sent again as a new change: the service refuses it again (the ticket is
  // decided), and the list shows the new text.
  await dialog.getByRole('button', { name: 'Edit and send again' }).focus();
  await page.keyboard.press('Enter');
  const edited = 'Agreed with the approval; please add the sleep diaries to the next review.';
  await text.fill(edited);
  await dialog.getByRole('button', { name: 'Send as a new change' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByText('Sent again as a new change')).toBeVisible();
  await expect(
    dialog.getByRole('button', { name: /^Read in full: Ticket decision for / }),
  ).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole('button', { name: /^Read in full: Ticket decision for / }).focus();
  await page.keyboard.press('Enter');
  await expect(text).toHaveValue(edited);

  // Discarded only after saying so twice; the safe answer has the focus.
  await dialog.getByRole('button', { name: 'Discard…' }).focus();
  await page.keyboard.press('Enter');
  const confirm = dialog.getByRole('alertdialog', { name: 'Discard this change?' });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Keep it' })).toBeFocused();
  expect(await axe(page)).toEqual([]);
  await page.screenshot({
    path: testInfo.outputPath('refused-change-discard.png'),
  });
  await confirm.getByRole('button', { name: 'Discard for good' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByText('Discarded. It will not be sent.')).toBeVisible();
  await expect(dialog.getByText(/Nothing needs you/)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(bar.getByText(/refused by the server/)).toBeHidden();
  expect(await axe(page)).toEqual([]);
});
