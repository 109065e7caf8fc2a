import { LEAVE_WORDS, leaveDates } from '../../../../shared/clinical';
import { useLeaveToday } from './LeaveBanner';
import { TripMessagesPanel } from './TripMessagesPanel';

/**
 * At the top of Today during the therapist's leave: the caseload is paused, the deadlines
 * falling in it say so (and the supervisor sees them), and the message prepared for each
 * active patient waits to be reviewed and sent.
 */
export function TodayLeave({ duringLeave }: { duringLeave: number }) {
  const leave = useLeaveToday();
  if (!leave) return null;
  return (
    <section className="panel stack leave-today" aria-labelledby="leave-today-heading">
      <h3 id="leave-today-heading">
        You are on {LEAVE_WORDS[leave.purpose]}: your caseload is paused, {leaveDates(leave)}
      </h3>
      <p>
        {duringLeave === 0
          ? 'No open deadline falls in your leave.'
          : `${duringLeave} open ${duringLeave === 1 ? 'deadline falls' : 'deadlines fall'} in your leave: ${duringLeave === 1 ? 'it reads' : 'they read'} “during your leave” below, not overdue. They still stand, and your supervisor sees them.`}
      </p>
      <details>
        <summary>Messages to your patients about your leave</summary>
        <TripMessagesPanel declarationId={leave.id} />
      </details>
    </section>
  );
}
