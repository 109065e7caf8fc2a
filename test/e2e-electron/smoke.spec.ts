import { _electron as electron, expect, test } from '@playwright/test';
import { createRequire } from 'node:module';

/** Where is the Electron binary? null (with the reason) where it could not be installed. */
function electronBinary(): { path: string } | { reason: string } {
  try {
    const path = createRequire(import.meta.url)('electron') as string;
    return { path };
  } catch (error) {
    return { reason: error instanceof Error ? error.message : String(error) };
  }
}

test('the desktop app starts, is sandboxed and shows the shell', async () => {
  const binary = electronBinary();
  if ('reason' in binary) {
    const why = `Electron smoke test skipped: the Electron binary is not installed here (${binary.reason}). It runs wherever \`npx electron --version\` works.`;
    console.log(why);
    test.skip(true, why);
    return;
  }
  const app = await electron.launch({ executablePath: binary.path, args: ['.'] });
  try {
    const page = await app.firstWindow();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Typed CBT Clinician' }),
    ).toBeVisible();
    expect(new URL(page.url()).protocol).toBe('app:');
    const isolated = await page.evaluate(
      () => typeof (globalThis as { require?: unknown }).require === 'undefined',
    );
    expect(isolated).toBe(true);
    const info = await page.evaluate(() => window.clinician.app.info());
    expect(info).toMatchObject({ ok: true, value: { host: 'electron' } });
  } finally {
    await app.close();
  }
});
