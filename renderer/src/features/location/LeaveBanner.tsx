import { useCallback } from 'react';
import { LEAVE_WORDS, leaveDates } from '../../../../shared/clinical';
import type { LeaveToday } from '../../../../shared/ipc';
import { clinician, unwrap } from '../../bridge';
import { usePolledRead } from '../../ui/usePolledRead';
import { useSync } from '../sync/sync-store';

/** The signed-in therapist's leave covering today (UK date), kept current; null when none. */
export function useLeaveToday(): LeaveToday | null {
  const sync = useSync((s) => s.status);
  const refreshKey = `${sync?.lastSyncedAt ?? ''}|${sync?.pendingChanges ?? 0}`;
  const read = useCallback(() => unwrap(clinician().location.leaveToday({})), []);
  const { value } = usePolledRead(read, 60_000, { refreshKey });
  return value?.leave ?? null;
}

const WHERE = {
  caseload: 'Your caseload is paused',
  patient: 'This patient’s treatment is paused',
} as const;

/**
 * On the caseload and each patient screen during the therapist's leave: the work is paused
 * for those dates (the deadlines still stand and the supervisor sees them).
 */
export function LeaveBanner({ where }: { where: keyof typeof WHERE }) {
  const leave = useLeaveToday();
  if (!leave) return null;
  return (
    <p className="notice notice--info leave-banner" role="note">
      <strong>
        {WHERE[where]} for your leave, {leaveDates(leave)}
      </strong>{' '}
      ({LEAVE_WORDS[leave.purpose]}
      ). Deadlines falling in it read “during your leave”; your supervisor sees them.
    </p>
  );
}
