import { describe, expect, it, vi } from 'vitest';
import { denyWindowOpen, hardenWebContents } from '../../../electron/main/security/navigation';

describe('navigation and window.open', () => {
  it('prevents every navigation, redirect and webview attach', () => {
    const handlers = new Map<string, (event: { preventDefault(): void }) => void>();
    const contents = {
      on: vi.fn((name: string, handler: (event: { preventDefault(): void }) => void) =>
        handlers.set(name, handler),
      ),
      setWindowOpenHandler: vi.fn(),
    };
    hardenWebContents(contents as never, async () => {});
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      handlers.get(name)?.(event);
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
  });

  it('denies window.open and hands only allowlisted https links to the browser', async () => {
    const open = vi.fn(async () => {});
    const handler = denyWindowOpen(open);
    expect(handler({ url: 'https://www.nhs.uk/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'app://clinician/index.html' })).toEqual({ action: 'deny' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(open).toHaveBeenCalledTimes(1);
    expect(open).toHaveBeenCalledWith('https://www.nhs.uk/');
  });
});
