import { useMemo } from 'react';
import { ErrorText, Loading } from '../../../ui/Feedback';
import { Time } from '../../../ui/Time';
import { useLiveQuery } from '../../sync/live-query';
import { useCaseloadStore } from '../../caseload/store/caseload-store';
import { useDeadlinesStore } from '../store/deadlines-store';
import { ComingAppointments } from './ComingAppointments';
import { DeadlineList } from './DeadlineList';
import { ViewHeading } from '../../../ui/ViewHeading';
import { DecisionsFromSupervisor } from '../../tickets/components/DecisionsFromSupervisor';
import { TodayLeave } from '../../location/TodayLeave';

const URGENT_SHOWN = 25;

export function TodayView() {
  const deadlines = useLiveQuery(useDeadlinesStore, {}, 'all');
  const caseload = useLiveQuery(useCaseloadStore, {}, 'mine');
  const names = useMemo(
    () => new Map((caseload.value?.entries ?? []).map((e) => [e.patientId, e.name])),
    [caseload.value],
  );
  const open = (deadlines.value?.deadlines ?? []).filter((d) => d.state !== 'done');
  const duringLeave = open.filter((d) => d.duringLeave).length;
  const overdue = open.filter((d) => d.state === 'overdue' && !d.duringLeave).length;
  // What needs doing now first; the rest one click away, so a supervisor's page stays short.
  const urgent = open.filter((d) => d.state !== 'upcoming').slice(0, URGENT_SHOWN);
  const later = [
    ...open.filter((d) => d.state !== 'upcoming').slice(URGENT_SHOWN),
    ...open.filter((d) => d.state === 'upcoming'),
  ];
  return (
    <section aria-labelledby="view-heading" className="view">
      <ViewHeading>Today and deadlines</ViewHeading>
      <TodayLeave duringLeave={duringLeave} />
      <DecisionsFromSupervisor />
      <section className="panel" aria-labelledby="appointments-heading">
        <h3 id="appointments-heading">Sessions today and this week</h3>
        <ComingAppointments />
      </section>
      <section className="panel" aria-labelledby="deadlines-heading">
        <h3 id="deadlines-heading">
          Open deadlines
          {deadlines.value
            ? ` (${open.length}, ${overdue} overdue${duringLeave > 0 ? `, ${duringLeave} during your leave` : ''})`
            : ''}
        </h3>
        {deadlines.value ? (
          <p className="muted small">
            As of <Time iso={deadlines.value.asOf} /> (server-corrected time).
          </p>
        ) : null}
        <ErrorText error={deadlines.error} />
        {deadlines.value ? (
          <>
            <DeadlineList deadlines={urgent} names={names} />
            {later.length > 0 ? (
              <details className="later">
                <summary>{later.length} more, due later</summary>
                <DeadlineList deadlines={later} names={names} />
              </details>
            ) : null}
          </>
        ) : deadlines.error ? null : (
          <Loading what="deadlines" />
        )}
      </section>
    </section>
  );
}
