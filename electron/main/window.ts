import { BrowserWindow } from 'electron';
import { appOrigin } from '../../shared/security/csp';
import { secureWebPreferences, withDevTools } from './security/web-preferences';

export interface MainWindowOptions {
  readonly preloadPath: string;
  readonly packaged: boolean;
  readonly title: string;
}

/** The therapist's window: sandboxed, content-protected (no patient data in screen shares). */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: options.title,
    backgroundColor: '#f7f7f4',
    webPreferences: withDevTools(secureWebPreferences(options.preloadPath), options.packaged),
  });
  window.setContentProtection(true);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${appOrigin}/index.html`);
  return window;
}
