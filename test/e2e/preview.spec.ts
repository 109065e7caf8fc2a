import AxeBuilder from '@axe-core/playwright';
import { axe } from './support/workspace';
import { expect, test } from '@playwright/test';
import { clinicianContract, contractEntries } from '../../shared/ipc';
import { startPreviewHost, type RunningPreview } from './support/preview-host';

let preview: RunningPreview;

test.beforeEach(async ({ page }) => {
  preview = await startPreviewHost();
  await page.goto(preview.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Typed CBT Clinician' })).toBeVisible();
});
test.afterEach(async () => preview.stop());

test('the app loads in the browser preview and talks to the core', async ({ page }) => {
  await expect(page.getByRole('status')).toHaveText(/Signed out/);
  await expect(page.getByText('Browser preview', { exact: true }).first()).toBeVisible();
  const about = page.getByRole('region', { name: 'About this app' });
  await expect(about.getByText('Development build')).toBeVisible();
  await expect(page).toHaveURL(`${preview.origin}/`);
});

test('window.clinician is exactly the contract, frozen', async ({ page }) => {
  const exposed = await page.evaluate(() => {
    const api = window.clinician as unknown as Record<string, Record<string, unknown>>;
    return {
      frozen: Object.isFrozen(api),
      entries: Object.entries(api).flatMap(([ns, group]) =>
        Object.keys(group).map((name) => `${ns}.${name}`),
      ),
    };
  });
  expect(exposed.frozen).toBe(true);
  expect(exposed.entries.sort()).toEqual(
    contractEntries(clinicianContract)
      .map((e) => e.channel)
      .sort(),
  );
  const refused = await page.evaluate(() => window.clinician.app.info({ sneaky: true } as never));
  expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
});

test('an injected inline script is blocked by the CSP', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const ran = await page.evaluate(async () => {
    const blocked = new Promise<string>((resolve) =>
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), {
        once: true,
      }),
    );
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.head.appendChild(script);
    const directive = await blocked;
    return {
      directive,
      injected: (window as unknown as { __injected?: boolean }).__injected ?? false,
    };
  });
  expect(ran.injected).toBe(false);
  expect(ran.directive).toMatch(/^script-src/);
  // An injected inline event handler (the classic HTML-injection vector) is blocked too.
  await page.evaluate(() => {
    const div = document.createElement('div');
    div.innerHTML = '<img src="data:," onerror="window.__handler = true" alt="">';
    document.body.appendChild(div);
  });
  await page.waitForTimeout(200);
  expect(
    await page.evaluate(() => (window as unknown as { __handler?: boolean }).__handler ?? false),
  ).toBe(false);
  expect(violations.length).toBeGreaterThan(0);
});

test('axe finds no accessibility violations', async ({ page }) => {
  await expect(page.getByRole('status')).toHaveText(/Signed out/);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test("the suite's axe check finds what it is for: a field without a label, a colour too faint", async ({
  page,
}) => {
  await expect(page.getByRole('status')).toHaveText(/Signed out/);
  await page.evaluate(() => {
    const field = document.createElement('input');
    field.type = 'text';
    const faint = document.createElement('p');
    faint.textContent = 'Barely there';
    faint.style.color = '#f4f4f4';
    faint.style.background = '#ffffff';
    document.querySelector('main')?.append(field, faint);
  });
  const found = (await axe(page)).map((v) => v.split(':')[0]);
  expect(found).toEqual(expect.arrayContaining(['label', 'color-contrast']));
  // The same page in a frame gets axe's cross-frame run, and the same findings.
  const framed = await page.evaluate(() => {
    const frame = document.createElement('iframe');
    frame.title = 'Framed';
    frame.srcdoc = '<main><input type="text"></main>';
    document.body.append(frame);
    return new Promise<boolean>((resolve) => frame.addEventListener('load', () => resolve(true)));
  });
  expect(framed).toBe(true);
  expect(page.frames().length).toBeGreaterThan(1);
  const label = (await axe(page)).find((v) => v.startsWith('label:'));
  expect(label).toContain('iframe');
});

test('keyboard: the skip link is first and moves focus to the content', async ({ page }) => {
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
});

test('screenshot of the preview', async ({ page }, testInfo) => {
  await expect(page.getByRole('status')).toHaveText(/Signed out/);
  const file = testInfo.outputPath('preview.png');
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach('preview', { path: file, contentType: 'image/png' });
});
