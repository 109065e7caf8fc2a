import type { ClinicianApi } from '../../shared/ipc';

declare global {
  interface Window {
    /** Provided by the sandboxed preload (Electron) or the WebSocket shim (browser preview). */
    readonly clinician: ClinicianApi;
  }
}
export {};
