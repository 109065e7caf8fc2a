import type { WebPreferences } from 'electron';

/**
 * The only webPreferences any window of ours gets. Every flag is explicit so that a change
 * of Electron's defaults cannot loosen it, and a test pins each one.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    // Middle-click would otherwise open links in a new window, bypassing window.open denial.
    disableBlinkFeatures: 'Auxclick',
    spellcheck: false,
    safeDialogs: true,
    devTools: true,
  };
}

/** DevTools only for developers: a packaged build never opens them. */
export function withDevTools(preferences: WebPreferences, packaged: boolean): WebPreferences {
  return { ...preferences, devTools: !packaged };
}
