import { useState } from 'react';
import type { SupervisorHome as Home } from '../../../../shared/ipc';
import { TICKET_URGENCY_ORDER, TICKET_URGENCY_WORDS } from '../../../../shared/clinical';
import { clinician, unwrap } from '../../bridge';
import { ErrorText, Loading, Tag } from '../../ui/Feedback';
import { Time } from '../../ui/Time';
import { ViewHeading } from '../../ui/ViewHeading';
import { useNav } from '../navigation/nav-store';
import { ticketTypeText } from '../patient/components/TicketsSection';
import { createLiveQuery, useLiveQuery } from '../sync/live-query';
import { SuperviseeTrips } from './SuperviseeTrips';

const useHome = createLiveQuery({
  entities: ['ticket', 'patient', 'episode', 'appointment', 'measure', 'user', 'outbox'],
  key: (args: { periodDays: number }) => String(args.periodDays),
  load: (args: { periodDays: number }) =>
    unwrap(clinician().supervision.home({ periodDays: args.periodDays, reviewWithinDays: 7 })),
});

const PERIODS = [
  { days: 30, words: 'the last 30 days' },
  { days: 90, words: 'the last 3 months' },
  { days: 182, words: 'the last 6 months' },
  { days: 365, words: 'the last 12 months' },
] as const;

const percent = (rate: number | null): string =>
  rate === null ? 'none to count' : `${Math.round(rate * 100)}%`;

function PatientLink({ id, name }: { id: string; name: string }) {
  const go = useNav((s) => s.go);
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => go({ view: 'patient', patientId: id })}
    >
      {name}
    </button>
  );
}

function Tickets({ tickets }: { tickets: Home['tickets'] }) {
  const go = useNav((s) => s.go);
  return (
    <section className="panel" aria-labelledby="home-tickets">
      <h3 id="home-tickets" className="small-heading">
        Open tickets, most urgent first ({tickets.length})
      </h3>
      {tickets.length === 0 ? <p>No open tickets.</p> : null}
      {TICKET_URGENCY_ORDER.map((urgency) => {
        const group = tickets.filter((t) => t.urgency === urgency);
        if (group.length === 0) return null;
        return (
          <section key={urgency} aria-label={TICKET_URGENCY_WORDS[urgency]}>
            <h4 className="home__group">
              {TICKET_URGENCY_WORDS[urgency]} ({group.length})
            </h4>
            <ul className="plain-list">
              {group.map((t) => (
                <li key={t.id}>
                  <Tag
                    tone={urgency === 'risk' ? 'danger' : urgency === 'other' ? 'muted' : 'warn'}
                  >
                    {ticketTypeText[t.type]}
                  </Tag>{' '}
                  <PatientLink id={t.patientId} name={t.patientName} />
                  <span className="muted">
                    {' '}
                    · {t.therapistName ?? 'a supervisee'} · raised <Time iso={t.raisedAt} />
                  </span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {tickets.length > 0 ? (
        <p>
          <button type="button" onClick={() => go({ view: 'tickets' })}>
            Decide tickets
          </button>
        </p>
      ) : null}
    </section>
  );
}

function Reviews({ supervisees }: { supervisees: Home['supervisees'] }) {
  const total = supervisees.reduce((n, s) => n + s.reviewsDue.length, 0);
  return (
    <section className="panel" aria-labelledby="home-reviews">
      <h3 id="home-reviews" className="small-heading">
        Case reviews due this week, four-weekly rule ({total})
      </h3>
      {supervisees.map((s) => (
        <section key={s.therapistId} aria-label={`Reviews of ${s.displayName}’s patients`}>
          <h4 className="home__group">
            {s.displayName} ({s.reviewsDue.length})
          </h4>
          {s.reviewsDue.length === 0 ? (
            <p className="muted">None due in the next 7 days.</p>
          ) : (
            <ul className="plain-list">
              {s.reviewsDue.map((r) => (
                <li key={r.patientId}>
                  <PatientLink id={r.patientId} name={r.patientName} /> — due <Time iso={r.dueAt} />{' '}
                  {r.state === 'overdue' ? (
                    <Tag tone="danger">overdue</Tag>
                  ) : r.state === 'due_soon' ? (
                    <Tag tone="warn">due soon</Tag>
                  ) : null}
                  <span className="muted small">
                    {' '}
                    ({r.since === 'last_review' ? 'last reviewed' : 'episode started'}{' '}
                    <Time iso={r.sinceAt} format="date" />)
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </section>
  );
}

function Attention({ supervisees }: { supervisees: Home['supervisees'] }) {
  const rows = supervisees.flatMap((s) => s.attention.map((a) => ({ ...a, who: s.displayName })));
  return (
    <section className="panel" aria-labelledby="home-attention">
      <h3 id="home-attention" className="small-heading">
        Patients at risk or reliably deteriorating ({rows.length})
      </h3>
      {rows.length === 0 ? <p>None on the cached data.</p> : null}
      <ul className="plain-list">
        {rows.map((a) => (
          <li key={a.patientId}>
            <PatientLink id={a.patientId} name={a.patientName} />{' '}
            {a.riskFlag ? <Tag tone="danger">PHQ-9 item 9 above 0</Tag> : null}{' '}
            {a.reliableDeterioration ? <Tag tone="warn">reliable deterioration</Tag> : null}
            <span className="muted"> · {a.who}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A rate as words and a bar: the bar is decoration, the words carry it. */
function RateBar({ rate, count, of }: { rate: number | null; count: number; of: number }) {
  return (
    <span className="rate">
      <span className="rate__words">
        {percent(rate)}
        {of > 0 ? ` (${count} of ${of})` : ''}
      </span>
      <span className="rate__track" aria-hidden="true">
        <span className="rate__bar" style={{ width: `${Math.round((rate ?? 0) * 100)}%` }} />
      </span>
    </span>
  );
}

function Supervisees({ home }: { home: Home }) {
  const period = PERIODS.find((p) => p.days === home.periodDays)?.words ?? '';
  return (
    <section className="panel" aria-labelledby="home-supervisees">
      <h3 id="home-supervisees" className="small-heading">
        Supervisees: caseload and outcomes
      </h3>
      <div className="table-scroll">
        <table className="table">
          <caption className="muted small">
            Caseload now; outcomes of episodes ended in {period}.
          </caption>
          <thead>
            <tr>
              <th scope="col">Therapist</th>
              <th scope="col">Caseload</th>
              <th scope="col" className="num">
                Finished treatment
              </th>
              <th scope="col">Recovery</th>
              <th scope="col">Reliable improvement</th>
            </tr>
          </thead>
          <tbody>
            {home.supervisees.map((s) => (
              <tr key={s.therapistId}>
                <th scope="row">
                  {s.displayName}
                  <span className="muted small"> · step {s.step ?? '–'}</span>
                </th>
                <td>
                  {s.activePatients} active
                  <span className="muted small">
                    {' '}
                    (cap {s.caseload.cap ?? 'none'}, minimum {s.caseload.minimum ?? 'none'})
                  </span>
                  {s.caseload.warnings.map((w) => (
                    <span key={w} className="caseload-warning">
                      <Tag tone="warn">{w}</Tag>
                    </span>
                  ))}
                </td>
                <td className="num">
                  {s.outcomes.finishedTreatment} of {s.outcomes.ended}
                </td>
                <td>
                  <RateBar
                    rate={s.outcomes.recoveryRate}
                    count={s.outcomes.recovered}
                    of={s.outcomes.atCasenessAtStart}
                  />
                </td>
                <td>
                  <RateBar
                    rate={s.outcomes.reliableImprovementRate}
                    count={s.outcomes.reliablyImproved}
                    of={s.outcomes.assessed}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/**
 * A supervisor's Today: what needs attention across supervisees this week, from the cached
 * data (offline too) — tickets by urgency, case reviews falling due, patients at risk or
 * reliably deteriorating, caseloads against cap and minimum, outcomes over a chosen period.
 */
export function SupervisorHome() {
  const [periodDays, setPeriodDays] = useState<number>(90);
  const query = useLiveQuery(useHome, { periodDays }, String(periodDays));
  const home = query.value;
  return (
    <section aria-labelledby="view-heading" className="view">
      <ViewHeading>Supervision this week</ViewHeading>
      <div className="inline-form">
        <label htmlFor="outcome-period">Outcomes over</label>
        <select
          id="outcome-period"
          value={periodDays}
          onChange={(e) => setPeriodDays(Number(e.target.value))}
        >
          {PERIODS.map((p) => (
            <option key={p.days} value={p.days}>
              {p.words}
            </option>
          ))}
        </select>
        {home ? (
          <span className="muted small">
            As of <Time iso={home.asOf} />
          </span>
        ) : null}
      </div>
      <ErrorText error={query.error} />
      {!home ? (
        query.error ? null : (
          <Loading what="the week’s supervision" />
        )
      ) : (
        <div className="home">
          <Tickets tickets={home.tickets} />
          <Attention supervisees={home.supervisees} />
          <SuperviseeTrips />
          <Reviews supervisees={home.supervisees} />
          <Supervisees home={home} />
        </div>
      )}
    </section>
  );
}
