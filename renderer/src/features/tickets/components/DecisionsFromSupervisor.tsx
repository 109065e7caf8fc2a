import { TICKET_DECISION_WORDS } from '../../../../../shared/clinical';
import { clinician, unwrap } from '../../../bridge';
import { ErrorText, Loading } from '../../../ui/Feedback';
import { Time } from '../../../ui/Time';
import { useNav } from '../../navigation/nav-store';
import { ticketTypeText } from '../../patient/components/TicketsSection';
import { createLiveQuery, useLiveQuery } from '../../sync/live-query';

const useUnseenDecisions = createLiveQuery({
  entities: ['ticket', 'patient', 'supervisionAssignment'],
  key: () => 'unseen',
  load: () => unwrap(clinician().tickets.unseenDecisions({})),
});

const markSeen = (ticketIds: string[]) =>
  unwrap(clinician().tickets.markDecisionsSeen({ ticketIds }));

/**
 * On a therapist's Today: supervisors' decisions on their tickets not seen yet, each with
 * the reason, who decided and when (UK time), and the patient's case reference. Opening one
 * marks it seen and shows the ticket; "Mark all as seen" clears the list.
 */
export function DecisionsFromSupervisor() {
  const go = useNav((s) => s.go);
  const query = useLiveQuery(useUnseenDecisions, {}, 'unseen');
  const decisions = query.value?.decisions ?? [];
  if (query.value && decisions.length === 0) return null;
  const open = (ticketId: string): void => {
    void markSeen([ticketId]).finally(() => go({ view: 'tickets', ticketId }));
  };
  return (
    <section className="panel" aria-labelledby="decisions-heading">
      <h3 id="decisions-heading">
        Decisions from your supervisor{decisions.length > 0 ? ` (${decisions.length} new)` : ''}
      </h3>
      <ErrorText error={query.error} />
      {!query.value && !query.error ? <Loading what="decisions" /> : null}
      <ul className="plain-list decision-list">
        {decisions.map((d) => (
          <li key={d.ticketId}>
            <p className="small-heading">
              <strong>{TICKET_DECISION_WORDS[d.decision]}</strong>: {ticketTypeText[d.type]} for
              case {d.caseReference}
            </p>
            <p className="decision-reason">
              {d.reason ? `Reason: ${d.reason}` : <span className="muted">No reason given.</span>}
            </p>
            <p className="muted small">
              Decided by {d.decidedByName ?? 'your supervisor'} on <Time iso={d.decidedAt} />
            </p>
            <div className="button-row">
              <button
                type="button"
                className="button--small"
                aria-label={`Open the ticket for case ${d.caseReference}`}
                onClick={() => open(d.ticketId)}
              >
                Open the ticket
              </button>
            </div>
          </li>
        ))}
      </ul>
      {decisions.length > 0 ? (
        <div className="button-row">
          <button
            type="button"
            className="button--quiet button--small"
            onClick={() => void markSeen(decisions.map((d) => d.ticketId))}
          >
            {decisions.length === 1 ? 'Mark as seen' : `Mark all ${decisions.length} as seen`}
          </button>
        </div>
      ) : null}
    </section>
  );
}
