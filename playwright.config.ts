import { defineConfig } from '@playwright/test';

/**
 * The UI is tested in Debian's Chromium against the preview host (the Electron binary
 * cannot be downloaded on our CI machines); the Electron smoke test runs where it can.
 */
export default defineConfig({
  testDir: 'test',
  testMatch: ['e2e/**/*.spec.ts', 'e2e-electron/**/*.spec.ts'],
  outputDir: 'test-results/playwright',
  globalSetup: './test/e2e/support/global-setup.ts',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    // People read dates day first (UK). The page's locale is emulated, but a date field's
    // format follows the browser's own locale: on Linux the environment's language (with the
    // chromium-l10n package's en-GB), elsewhere --lang.
    locale: 'en-GB',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      env: { ...process.env, LANG: 'en_GB.UTF-8', LANGUAGE: 'en_GB' },
      args: [
        '--lang=en-GB',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    {
      name: 'preview',
      testMatch: 'e2e/**/*.spec.ts',
      use: { browserName: 'chromium', headless: true },
    },
    { name: 'electron', testMatch: 'e2e-electron/**/*.spec.ts' },
  ],
});
