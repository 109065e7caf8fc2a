import { useMemo, useState } from 'react';
import { ErrorText, Loading } from '../../../ui/Feedback';
import { Time } from '../../../ui/Time';
import { useLiveQuery } from '../../sync/live-query';
import { useCaseloadStore } from '../../caseload/store/caseload-store';
import { useNav } from '../../navigation/nav-store';
import { SyncStateTag } from '../../../ui/Feedback';
import { useAppointmentsStore, useDeadlinesStore } from '../store/deadlines-store';
import { DeadlineList } from './DeadlineList';
import { ViewHeading } from '../../../ui/ViewHeading';
import { DecisionsFromSupervisor } from '../../tickets/components/DecisionsFromSupervisor';
import { TodayLeave } from '../../location/TodayLeave';

const HOUR = 3_600_000;
const URGENT_SHOWN = 25;

function ComingAppointments() {
  const go = useNav((s) => s.go);
  // The window is fixed when the view opens; sync events re-read it.
  const [window] = useState(() => {
    const now = Date.now();
    return {
      from: new Date(now - HOUR).toISOString(),
      to: new Date(now + 48 * HOUR).toISOString(),
    };
  });
  const query = useLiveQuery(useAppointmentsStore, window, `${window.from}/${window.to}`);
  if (query.error) return <ErrorText error={query.error} />;
  if (!query.value) return <Loading what="appointments" />;
  const appointments = query.value.appointments;
  if (appointments.length === 0) return <p>No appointments in the next 48 hours.</p>;
  return (
    <ul className="plain-list">
      {appointments.map((a) => (
        <li key={a.id}>
          <Time iso={a.startsAt} /> — {a.durationMinutes} min {a.kind} with{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => go({ view: 'patient', patientId: a.patientId })}
          >
            {a.patientName}
          </button>{' '}
          <SyncStateTag syncState={a.syncState} rejectedReason={a.rejectedReason} />
        </li>
      ))}
    </ul>
  );
}

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
        <h3 id="appointments-heading">Coming appointments</h3>
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
