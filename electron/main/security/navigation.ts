import type { WebContents } from 'electron';
import { openExternalSafe } from './open-external';

interface PreventableEvent {
  preventDefault(): void;
}

/** Our window never navigates anywhere: the app is a single page on app://. */
export const preventNavigation = (event: PreventableEvent): void => event.preventDefault();

/** window.open never opens a window; an allowlisted https link goes to the user's browser. */
export function denyWindowOpen(open: (url: string) => Promise<void>) {
  return ({ url }: { url: string }): { action: 'deny' } => {
    void openExternalSafe(url, open);
    return { action: 'deny' };
  };
}

/** Applied to every webContents the app ever creates, including any a bug might create. */
export function hardenWebContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  open: (url: string) => Promise<void>,
): void {
  contents.on('will-navigate', preventNavigation);
  contents.on('will-redirect', preventNavigation);
  contents.on('will-attach-webview', preventNavigation);
  contents.setWindowOpenHandler(denyWindowOpen(open));
}
