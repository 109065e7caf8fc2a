import type { ClinicianApi, IpcError, IpcResult } from '../../shared/ipc';

/** A refusal or failure from the core, with the code and field errors it came with. */
export class ClinicianError extends Error {
  override readonly name = 'ClinicianError';
  constructor(readonly detail: IpcError) {
    super(detail.message);
  }
}

/** The app's only way out of the renderer. Missing means the page runs outside its host. */
export function clinician(): ClinicianApi {
  if (!('clinician' in window)) {
    throw new ClinicianError({
      code: 'CORE_UNAVAILABLE',
      message: 'This page must be opened by the desktop app or by `npm run preview`.',
    });
  }
  return window.clinician;
}

/** Unwrap a result envelope: the value, or a ClinicianError to show to the user. */
export async function unwrap<T>(result: Promise<IpcResult<T>>): Promise<T> {
  const settled = await result;
  if (settled.ok) return settled.value;
  throw new ClinicianError(settled.error);
}
