import { describe, expect, it } from 'vitest';
import {
  secureWebPreferences,
  withDevTools,
} from '../../../electron/main/security/web-preferences';

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences('/app/out/preload/index.cjs');

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['webviewTag', false],
    ['navigateOnDragDrop', false],
  ] as const)('pins %s to %s', (flag, value) => {
    expect(prefs[flag]).toBe(value);
  });

  it('disables middle-click (auxclick) navigation', () => {
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
  });

  it('loads only the given preload', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
  });

  it('opens DevTools only when unpackaged', () => {
    expect(withDevTools(prefs, true).devTools).toBe(false);
    expect(withDevTools(prefs, false).devTools).toBe(true);
    expect(withDevTools(prefs, true).sandbox).toBe(true);
  });
});
