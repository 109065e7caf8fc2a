import { describe, expect, it } from 'vitest';
import { desktopNotice } from '../../../electron/main/desktop-notice';

/** The main process shows an OS notification only for a notice the core marked fit for it. */
describe('desktopNotice', () => {
  const message = 'Your supervisor decided 2 tickets. See Today.';

  it('is the message of an app.notice marked desktop', () => {
    expect(desktopNotice('app.notice', { level: 'info', message, desktop: true })).toBe(message);
  });

  it('is nothing for a notice not marked desktop (the setting off, or free text)', () => {
    expect(desktopNotice('app.notice', { level: 'info', message, desktop: false })).toBeNull();
    expect(desktopNotice('app.notice', { level: 'info', message })).toBeNull();
  });

  it('is nothing for another channel or a payload the contract refuses', () => {
    expect(desktopNotice('sync.dataChanged', { message, desktop: true })).toBeNull();
    expect(desktopNotice('app.notice', { level: 'loud', message, desktop: true })).toBeNull();
    expect(
      desktopNotice('app.notice', { level: 'info', message, desktop: true, extra: 1 }),
    ).toBeNull();
  });
});
