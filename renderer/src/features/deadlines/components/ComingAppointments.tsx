import { LONDON, localDate } from '../../../../../shared/clinical';
import { SyncStateTag, Tag } from '../../../ui/Feedback';
import { Time } from '../../../ui/Time';
import { useNav } from '../../navigation/nav-store';
import type { TodayAppointment } from '../store/deadlines-store';

const DAY = 24 * 3_600_000;

/** The sessions grouped by UK day: "Tomorrow", then each date. */
function byUkDay(appointments: readonly TodayAppointment[], nowMs: number) {
  const tomorrow = localDate(new Date(nowMs + DAY).toISOString(), LONDON);
  const days = new Map<string, TodayAppointment[]>();
  for (const a of appointments) {
    const day = localDate(a.startsAt, LONDON);
    days.set(day, [...(days.get(day) ?? []), a]);
  }
  return [...days].map(([day, list]) => ({
    day,
    title: day === tomorrow ? 'Tomorrow' : null,
    list,
  }));
}

/**
 * One session: its time, length and kind, and the patient's name opening it in their record
 * at that session; one that has started with no outcome says so (it is recorded there).
 */
export function SessionLine({ a, nowMs }: { a: TodayAppointment; nowMs: number }) {
  const go = useNav((s) => s.go);
  return (
    <>
      <Time iso={a.startsAt} format="clock" /> — {a.durationMinutes} min {a.kind} with{' '}
      <button
        type="button"
        className="link-button"
        onClick={() =>
          go({
            view: 'patient',
            patientId: a.patientId,
            place: { to: 'appointment', appointmentId: a.id },
          })
        }
      >
        {a.patientName}
      </button>{' '}
      {Date.parse(a.startsAt) <= nowMs ? <Tag tone="warn">Outcome not recorded</Tag> : null}{' '}
      <SyncStateTag syncState={a.syncState} rejectedReason={a.rejectedReason} />
    </>
  );
}

/** The rest of the week's sessions (in order), under each UK day. */
export function ComingAppointments({
  appointments,
  nowMs,
}: {
  appointments: readonly TodayAppointment[];
  nowMs: number;
}) {
  const days = byUkDay(appointments, nowMs);
  if (days.length === 0) return <p className="muted">No more sessions booked this week.</p>;
  return (
    <div className="stack">
      {days.map(({ day, title, list }) => (
        <section key={day} aria-label={title ?? day}>
          <h4 className="coming-day">
            {title ?? <Time iso={list[0]?.startsAt ?? `${day}T12:00:00Z`} format="date" />}
          </h4>
          <ul className="plain-list">
            {list.map((a) => (
              <li key={a.id}>
                <SessionLine a={a} nowMs={nowMs} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
