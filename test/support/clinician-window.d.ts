import type { ClinicianApi } from '../../shared/ipc';

declare global {
  interface Window {
    /** What the preload (Electron) or the preview shim (browser) exposes to the page. */
    readonly clinician: ClinicianApi;
  }
}
export {};
