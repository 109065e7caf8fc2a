import { useMemo, useState, type ReactNode } from 'react';
import {
  TODAY_NOW_SECTIONS,
  todaySections,
  todayWindow,
  type Deadline,
  type TodayItem,
  type TodaySectionKey,
} from '../../../../../shared/clinical';
import { ErrorText, Loading, Tag } from '../../../ui/Feedback';
import { Time } from '../../../ui/Time';
import { useLiveQuery } from '../../sync/live-query';
import { useCaseloadStore } from '../../caseload/store/caseload-store';
import { useNav } from '../../navigation/nav-store';
import {
  useAppointmentsStore,
  useDeadlinesStore,
  type TodayAppointment,
} from '../store/deadlines-store';
import { ComingAppointments, SessionLine } from './ComingAppointments';
import { DeadlineList } from './DeadlineList';
import { ViewHeading } from '../../../ui/ViewHeading';
import { DecisionsFromSupervisor } from '../../tickets/components/DecisionsFromSupervisor';
import { TodayLeave } from '../../location/TodayLeave';
import '../today.css';

/** The service's reply rule: a message is answered within 48 hours. */
const REPLY_WINDOW_HOURS = 48;
/** The backlog's oldest shown at once; the rest one click away. */
const BACKLOG_SHOWN = 10;

const TITLES: Record<TodaySectionKey, string> = {
  risk: 'Risk flags',
  replies: 'Replies due within 48 hours',
  sessions: 'Sessions today',
  notes: 'Notes and letters due',
  due_soon: 'Tickets and other deadlines due soon',
  overdue: 'Overdue backlog',
  week: 'Sessions later this week',
  later: 'Due later',
};

const EMPTY: Record<TodaySectionKey, string> = {
  risk: 'No risk flags on your caseload.',
  replies: 'No replies due in the next 48 hours.',
  sessions: 'No sessions today.',
  notes: 'No notes or letters due.',
  due_soon: 'Nothing else due in the next day.',
  overdue: 'Nothing overdue.',
  week: 'No more sessions booked this week.',
  later: 'Nothing due later.',
};

const deadlinesOf = (items: readonly TodayItem[]): Deadline[] =>
  items.flatMap((i) => (i.type === 'deadline' ? [i.deadline] : []));
const sessionsOf = (items: readonly TodayItem<TodayAppointment>[]): TodayAppointment[] =>
  items.flatMap((i) => (i.type === 'session' ? [i.session] : []));

function Section({
  name,
  count,
  children,
}: {
  name: TodaySectionKey;
  count: number;
  children: ReactNode;
}) {
  return (
    <section
      className={`panel today-section today-section--${name}${TODAY_NOW_SECTIONS.has(name) ? ' today-section--now' : ''}`}
      aria-labelledby={`today-${name}`}
    >
      <h3 id={`today-${name}`}>
        {TITLES[name]}
        {count > 0 ? <span className="today-section__count"> ({count})</span> : null}
      </h3>
      {children}
    </section>
  );
}

/** Risk first: the flag in words, the ticket still owed, and the way to act on it. */
function RiskItems({
  items,
  names,
}: {
  items: readonly TodayItem[];
  names: ReadonlyMap<string, string>;
}) {
  const go = useNav((s) => s.go);
  return (
    <ol className="deadlines">
      {items.map((item) => {
        if (item.type !== 'risk') return null;
        const name = names.get(item.patientId) ?? 'this patient';
        return (
          <li key={item.key} className="deadline deadline--risk">
            <div className="deadline__head">
              <Tag tone="danger">Risk flag</Tag>
              <span className="deadline__kind">{name}</span>
              {item.deadline ? (
                <span className="muted">
                  ticket due <Time iso={item.deadline.dueAt} />
                </span>
              ) : null}
            </div>
            <p className="deadline__sentence">
              {/* The ticket's sentence names the score; without one owed, the flag in words. */}
              {item.deadline ? (
                item.deadline.sentence
              ) : item.flag ? (
                <>
                  PHQ-9 item 9 (thoughts of self-harm) scored {item.flag.item9} on{' '}
                  <Time iso={item.flag.measuredAt} format="date" />. The non-urgent risk ticket is
                  raised; follow the service’s risk procedure.
                </>
              ) : null}
            </p>
            <button
              type="button"
              className="link-button"
              onClick={() => go({ view: 'patient', patientId: item.patientId, place: item.place })}
            >
              {item.deadline
                ? `Raise the non-urgent risk ticket for ${name}`
                : `Open ${name}’s record`}
            </button>
          </li>
        );
      })}
    </ol>
  );
}

/**
 * A therapist's Today: what needs doing now first — risk flags, replies due within 48 hours,
 * today's sessions, notes due, other deadlines due soon — then the overdue backlog, the rest
 * of the week's sessions and what is due later (order: shared/clinical todaySections). Each
 * item opens the place it is acted on.
 */
export function TodayView() {
  const deadlines = useLiveQuery(useDeadlinesStore, {}, 'all');
  const caseload = useLiveQuery(useCaseloadStore, {}, 'mine');
  // The window is fixed when the view opens; sync events re-read it.
  const [window] = useState(() => todayWindow(Date.now()));
  const appointments = useLiveQuery(
    useAppointmentsStore,
    { from: window.from, to: window.to },
    `${window.from}/${window.to}`,
  );
  const names = useMemo(
    () => new Map((caseload.value?.entries ?? []).map((e) => [e.patientId, e.name])),
    [caseload.value],
  );
  const ready = deadlines.value && caseload.value && appointments.value;
  const sections = useMemo(
    () =>
      deadlines.value && caseload.value && appointments.value
        ? todaySections<TodayAppointment>({
            deadlines: deadlines.value.deadlines,
            risks: caseload.value.entries.flatMap((e) =>
              e.risk ? [{ patientId: e.patientId, ...e.risk }] : [],
            ),
            sessions: appointments.value.appointments,
            // Server-corrected: the instant the core computed the deadlines at.
            nowMs: Date.parse(deadlines.value.asOf),
            replyWindowHours: REPLY_WINDOW_HOURS,
          })
        : null,
    [deadlines.value, caseload.value, appointments.value],
  );
  const open = (deadlines.value?.deadlines ?? []).filter((d) => d.state !== 'done');
  const duringLeave = open.filter((d) => d.duringLeave).length;
  const error = deadlines.error ?? caseload.error ?? appointments.error;
  const items = (key: TodaySectionKey) => sections?.find((s) => s.key === key)?.items ?? [];
  const deadlineSection = (key: TodaySectionKey) => {
    const list = deadlinesOf(items(key));
    return (
      <Section name={key} count={list.length}>
        <DeadlineList deadlines={list} names={names} ordered empty={EMPTY[key]} />
      </Section>
    );
  };
  const backlog = deadlinesOf(items('overdue'));
  const later = deadlinesOf(items('later'));
  const duringLeaveList = later.filter((d) => d.duringLeave);
  const laterRest = later.filter((d) => !d.duringLeave);
  const today = sessionsOf(items('sessions'));
  return (
    <section aria-labelledby="view-heading" className="view today">
      <ViewHeading>Today and deadlines</ViewHeading>
      <TodayLeave duringLeave={duringLeave} />
      <DecisionsFromSupervisor />
      {deadlines.value ? (
        <p className="muted small">
          As of <Time iso={deadlines.value.asOf} /> (server-corrected time): {open.length} open
          deadlines, {backlog.length} overdue
          {duringLeave > 0 ? `, ${duringLeave} during your leave` : ''}.
        </p>
      ) : null}
      <ErrorText error={error} />
      {!ready || !sections ? (
        error ? null : (
          <Loading what="today" />
        )
      ) : (
        <>
          <Section name="risk" count={items('risk').length}>
            {items('risk').length > 0 ? (
              <RiskItems items={items('risk')} names={names} />
            ) : (
              <p className="muted">{EMPTY.risk}</p>
            )}
          </Section>
          {deadlineSection('replies')}
          <Section name="sessions" count={today.length}>
            {today.length > 0 ? (
              <ul className="plain-list">
                {today.map((a) => (
                  <li key={a.id}>
                    <SessionLine a={a} nowMs={Date.parse(deadlines.value?.asOf ?? window.from)} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{EMPTY.sessions}</p>
            )}
          </Section>
          {deadlineSection('notes')}
          {deadlineSection('due_soon')}
          <Section name="overdue" count={backlog.length}>
            <DeadlineList
              deadlines={backlog.slice(0, BACKLOG_SHOWN)}
              names={names}
              ordered
              empty={EMPTY.overdue}
            />
            {backlog.length > BACKLOG_SHOWN ? (
              <details className="later">
                <summary>{backlog.length - BACKLOG_SHOWN} more overdue</summary>
                <DeadlineList deadlines={backlog.slice(BACKLOG_SHOWN)} names={names} ordered />
              </details>
            ) : null}
          </Section>
          <Section name="week" count={items('week').length}>
            <ComingAppointments
              appointments={sessionsOf(items('week'))}
              nowMs={Date.parse(deadlines.value?.asOf ?? window.from)}
            />
          </Section>
          <Section name="later" count={later.length}>
            {/* What falls in the therapist's leave stays in sight; the rest one click away. */}
            {duringLeaveList.length > 0 ? (
              <DeadlineList deadlines={duringLeaveList} names={names} ordered />
            ) : null}
            {laterRest.length > 0 ? (
              <details className="later">
                <summary>{laterRest.length} due later</summary>
                <DeadlineList deadlines={laterRest} names={names} ordered />
              </details>
            ) : duringLeaveList.length === 0 ? (
              <p className="muted">{EMPTY.later}</p>
            ) : null}
          </Section>
        </>
      )}
    </section>
  );
}
