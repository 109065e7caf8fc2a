import { clinicianContract } from '../../shared/ipc';

/**
 * The text of an OS notification for a core event, or null: only an `app.notice` the core
 * marked `desktop` (a message without patient-identifiable text, the person's setting on),
 * parsed against the contract like every payload.
 */
export function desktopNotice(channel: string, payload: unknown): string | null {
  if (channel !== 'app.notice') return null;
  const notice = clinicianContract.app.notice.payload.safeParse(payload);
  return notice.success && notice.data.desktop ? notice.data.message : null;
}
