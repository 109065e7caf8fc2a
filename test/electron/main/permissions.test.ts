import { describe, expect, it, vi } from 'vitest';
import {
  applyDenyAllPermissions,
  denyDevicePermission,
  denyPermissionCheck,
  denyPermissionRequest,
} from '../../../electron/main/security/permissions';

describe('deny-all permissions', () => {
  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'display-capture',
    'hid',
    'serial',
    'usb',
    'openExternal',
  ])('refuses a %s request', (permission) => {
    const callback = vi.fn();
    denyPermissionRequest({}, permission, callback);
    expect(callback).toHaveBeenCalledWith(false);
  });

  it('answers every permission check and device request with no', () => {
    expect(denyPermissionCheck()).toBe(false);
    expect(denyDevicePermission()).toBe(false);
  });

  it('installs all three handlers on the session', () => {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    };
    applyDenyAllPermissions(session);
    expect(session.setPermissionRequestHandler).toHaveBeenCalledWith(denyPermissionRequest);
    expect(session.setPermissionCheckHandler).toHaveBeenCalledWith(denyPermissionCheck);
    expect(session.setDevicePermissionHandler).toHaveBeenCalledWith(denyDevicePermission);
  });
});
