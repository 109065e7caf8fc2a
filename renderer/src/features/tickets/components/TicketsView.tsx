import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import type { ticketsContract } from '../../../../../shared/ipc';
import {
  TICKET_DECISION_WORDS,
  TICKET_URGENCY_WORDS,
  type TicketDecision,
  ticketDecisionNeedsReason,
} from '../../../../../shared/clinical';
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
  const box = useRef<HTMLTextAreaElement>(null);
  const decide = (decision: TicketDecision): void => {
    const missing = ticketDecisionNeedsReason(decision, comment);
    if (missing) {
      setError(missing);
      box.current?.focus();
      return;
    }
    unwrap(clinician().tickets.decide({ ticketId, decision, comment })).then(
      () => setError(null),
      (e: unknown) => setError(errorText(e)),
    );
  };
  return (
    <div className="stack">
      <label htmlFor={`decision-${ticketId}`}>
        Reason for the therapist (needed to decline or ask for more)
      </label>
      <textarea
        ref={box}
        id={`decision-${ticketId}`}
        rows={2}
        value={comment}
        aria-describedby={error ? `decision-error-${ticketId}` : undefined}
        onChange={(e) => {
          setComment(e.target.value);
          setError(null);
        }}
      />
      <div className="button-row">
        <button type="button" onClick={() => decide('approve')}>
          Approve
        </button>
        <button type="button" onClick={() => decide('decline')}>
          Decline
        </button>
        <button type="button" onClick={() => decide('advice')}>
          Ask for more
        </button>
      </div>
      {error ? (
        <p id={`decision-error-${ticketId}`} role="alert" className="error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

type TicketRow = z.output<(typeof ticketsContract)['list']['response']>['tickets'][number];

/** The stored decision, and beside it this device's decision that the service refused. */
function Decision({ t }: { t: TicketRow }) {
  return (
    <>
      {t.decision ? (
        <p>
          <strong>{TICKET_DECISION_WORDS[t.decision.decision]}</strong>
          {` by ${t.decidedByName ?? (t.refusedDecision ? 'another supervisor' : 'a supervisor')}`},{' '}
          <Time iso={t.decision.at} />
          {t.decision.comment ? `: ${t.decision.comment}` : ''}
        </p>
      ) : null}
      {t.refusedDecision ? (
        <div className="conflict" role="group" aria-label="Your decision was not applied">
          <p>
            <Tag tone="danger">Conflict</Tag> Your decision was not applied:{' '}
            {t.refusedDecision.reason} Nothing was overwritten; both are shown.
          </p>
          <p>
            Yours: <strong>{TICKET_DECISION_WORDS[t.refusedDecision.decision]}</strong>,{' '}
            <Time iso={t.refusedDecision.at} />
            {t.refusedDecision.comment ? `: ${t.refusedDecision.comment}` : ''}
          </p>
        </div>
      ) : null}
    </>
  );
}

/**
 * A therapist's tickets, or a supervisor's queue (most urgent first), decided offline too. A
 * decline or a request for more needs a reason; a decision that met another supervisor's
 * is shown beside it.
 */
export function TicketsView({
  supervisor,
  ticketId,
}: {
  supervisor: boolean;
  /** A ticket to show (from a decision on Today): all tickets listed, that one focused. */
  ticketId?: string | undefined;
}) {
  const go = useNav((s) => s.go);
  const [state, setState] = useState<'open' | 'all'>(ticketId ? 'all' : 'open');
  const query = useLiveQuery(useTickets, { state }, state);
  const loaded = query.value !== null;
  useEffect(() => {
    if (ticketId && loaded) document.getElementById(`ticket-${ticketId}`)?.focus();
  }, [ticketId, loaded]);
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
          <li
            key={t.id}
            id={`ticket-${t.id}`}
            tabIndex={t.id === ticketId ? -1 : undefined}
            aria-current={t.id === ticketId ? 'true' : undefined}
            className={t.id === ticketId ? 'panel panel--current' : 'panel'}
          >
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
              {t.state === 'open' ? (
                <Tag tone={t.urgency === 'risk' ? 'danger' : 'muted'}>
                  {TICKET_URGENCY_WORDS[t.urgency]}
                </Tag>
              ) : null}{' '}
              <SyncStateTag syncState={t.syncState} rejectedReason={t.rejectedReason} />
            </p>
            <p>{t.body}</p>
            <Decision t={t} />
            {supervisor && t.state === 'open' ? <Decide ticketId={t.id} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
