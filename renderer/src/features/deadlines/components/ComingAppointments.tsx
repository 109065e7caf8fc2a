import { useState } from 'react';
import { LONDON, localDate } from '../../../../../shared/clinical';
import { ErrorText, Loading, SyncStateTag } from '../../../ui/Feedback';
import { Time } from '../../../ui/Time';
import { useNav } from '../../navigation/nav-store';
import { useLiveQuery } from '../../sync/live-query';
import { useAppointmentsStore } from '../store/deadlines-store';

const HOUR = 3_600_000;
/** Today's sessions, then the rest of the coming week. */
const WINDOW_HOURS = 7 * 24;

interface ComingSession {
  readonly id: string;
  readonly startsAt: string;
}

/** The coming sessions grouped by UK day: "Today", "Tomorrow", then each date. */
function byUkDay<A extends ComingSession>(appointments: readonly A[], now: number) {
  const today = localDate(new Date(now).toISOString(), LONDON);
  const tomorrow = localDate(new Date(now + 24 * HOUR).toISOString(), LONDON);
  const days = new Map<string, A[]>();
  for (const a of [...appointments].sort((x, y) => (x.startsAt < y.startsAt ? -1 : 1))) {
    const day = localDate(a.startsAt, LONDON);
    days.set(day, [...(days.get(day) ?? []), a]);
  }
  return [...days].map(([day, list]) => ({
    day,
    title: day === today ? 'Today' : day === tomorrow ? 'Tomorrow' : null,
    list,
  }));
}

/** Today's sessions and the week's, each opening the patient's record. */
export function ComingAppointments() {
  const go = useNav((s) => s.go);
  // The window is fixed when the view opens; sync events re-read it.
  const [window] = useState(() => {
    const now = Date.now();
    return {
      now,
      from: new Date(now - HOUR).toISOString(),
      to: new Date(now + WINDOW_HOURS * HOUR).toISOString(),
    };
  });
  const query = useLiveQuery(
    useAppointmentsStore,
    { from: window.from, to: window.to },
    `${window.from}/${window.to}`,
  );
  if (query.error) return <ErrorText error={query.error} />;
  if (!query.value) return <Loading what="appointments" />;
  const days = byUkDay(query.value.appointments, window.now);
  if (days.length === 0) return <p>No sessions booked in the coming week.</p>;
  return (
    <div className="stack">
      {days.map(({ day, title, list }) => (
        <section key={day} aria-label={title ?? day}>
          <h4 className="coming-day">
            {title ?? <Time iso={list[0]?.startsAt ?? `${day}T12:00:00Z`} format="date" />}
            {title === 'Today' && list.length > 0 ? ` (${list.length})` : ''}
          </h4>
          <ul className="plain-list">
            {list.map((a) => (
              <li key={a.id}>
                <Time iso={a.startsAt} format="clock" /> — {a.durationMinutes} min {a.kind} with{' '}
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
        </section>
      ))}
    </div>
  );
}
