import { useState } from 'react';
import { clinician, unwrap } from '../../../bridge';
import { errorText } from '../../../ui/errors';
import { ErrorText, Loading, SyncStateTag, Tag } from '../../../ui/Feedback';
import { Time } from '../../../ui/Time';
import { ViewHeading } from '../../../ui/ViewHeading';
import { useNav } from '../../navigation/nav-store';
import { ticketTypeText } from '../../patient/components/TicketsSection';
import { createLiveQuery, useLiveQuery } from '../../sync/live-query';

const useTickets = createLiveQuery({
  entities: ['ticket', 'patient', 'outbox'],
  key: (args: { state: 'open' | 'all' }) => args.state,
  load: (args: { state: 'open' | 'all' }) => unwrap(clinician().tickets.list(args)),
});

function Decide({ ticketId }: { ticketId: string }) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const decide = (decision: 'approve' | 'decline' | 'advice'): void => {
    unwrap(clinician().tickets.decide({ ticketId, decision, comment })).then(
      () => setError(null),
      (e: unknown) => setError(errorText(e)),
    );
  };
  return (
    <div className="stack">
      <label htmlFor={`decision-${ticketId}`}>Comment for the therapist</label>
      <textarea
        id={`decision-${ticketId}`}
        rows={2}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      <div className="button-row">
        <button type="button" onClick={() => decide('approve')}>
          Approve
        </button>
        <button type="button" onClick={() => decide('decline')}>
          Decline
        </button>
        <button
          type="button"
          onClick={() => decide('advice')}
          disabled={comment.trim().length === 0}
        >
          Give advice
        </button>
      </div>
      <ErrorText error={error} />
    </div>
  );
}

/** A therapist's tickets, or a supervisor's queue, decided offline too. */
export function TicketsView({ supervisor }: { supervisor: boolean }) {
  const go = useNav((s) => s.go);
  const [state, setState] = useState<'open' | 'all'>('open');
  const query = useLiveQuery(useTickets, { state }, state);
  return (
    <section className="view" aria-labelledby="view-heading">
      <ViewHeading>{supervisor ? 'Tickets queue' : 'My tickets'}</ViewHeading>
      <label htmlFor="ticket-filter">Show</label>{' '}
      <select
        id="ticket-filter"
        value={state}
        onChange={(e) => setState(e.target.value as 'open' | 'all')}
      >
        <option value="open">Open tickets</option>
        <option value="all">All tickets</option>
      </select>
      <ErrorText error={query.error} />
      {!query.value ? <Loading what="tickets" /> : null}
      {query.value?.tickets.length === 0 ? <p>No tickets.</p> : null}
      <ul className="plain-list">
        {query.value?.tickets.map((t) => (
          <li key={t.id} className="panel">
            <h3 className="small-heading">
              {ticketTypeText[t.type]} —{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => go({ view: 'patient', patientId: t.patientId })}
              >
                {t.patientName}
              </button>
            </h3>
            <p className="muted">
              Raised <Time iso={t.raisedAt} /> {t.therapistName ? `by ${t.therapistName}` : ''}{' '}
              <Tag tone={t.state === 'open' ? 'warn' : 'ok'}>{t.state}</Tag>{' '}
              <SyncStateTag syncState={t.syncState} rejectedReason={t.rejectedReason} />
            </p>
            <p>{t.body}</p>
            {t.decision ? (
              <p>
                Decision: {t.decision.decision}. {t.decision.comment}
              </p>
            ) : null}
            {supervisor && t.state === 'open' ? <Decide ticketId={t.id} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
