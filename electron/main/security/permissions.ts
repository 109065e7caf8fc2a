import type { Session } from 'electron';

/**
 * Deny-all: the app needs no camera, microphone, geolocation, notifications-by-web-API,
 * clipboard-read, HID, serial or USB. Location for the country rule comes from the server,
 * never from the browser's geolocation.
 */
export const denyPermissionRequest = (
  _webContents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void => callback(false);

export const denyPermissionCheck = (): boolean => false;
export const denyDevicePermission = (): boolean => false;

export function applyDenyAllPermissions(
  session: Pick<
    Session,
    'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
  >,
): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
  session.setDevicePermissionHandler(denyDevicePermission);
}
