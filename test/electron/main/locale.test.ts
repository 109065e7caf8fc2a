import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * Date fields read day first (UK): Chromium formats <input type=date> by the app's locale, not
 * the page's lang, so the Electron app starts with --lang=en-GB, set before it is ready (the
 * switch is read at startup). The composition root cannot run here without Electron: this
 * reads it. The browser side is tested in test/e2e/clinical-outcome.spec.ts.
 */
describe('the Electron app starts in the UK locale', () => {
  it('appends the lang switch en-GB before the app is ready', () => {
    const source = readFileSync(
      new URL('../../../electron/main/index.ts', import.meta.url),
      'utf8',
    );
    const lang = source.indexOf("app.commandLine.appendSwitch('lang', 'en-GB')");
    expect(lang).toBeGreaterThan(-1);
    expect(lang).toBeLessThan(source.indexOf('app.whenReady()'));
  });
});
