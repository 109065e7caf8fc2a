import { useEffect, useState } from 'react';
import type { PatientDetail } from '../../../../../shared/ipc';
import { clinician, unwrap } from '../../../bridge';
import { errorText } from '../../../ui/errors';
import { ErrorText, SyncStateTag, Tag } from '../../../ui/Feedback';
import { Time } from '../../../ui/Time';

export const ticketTypeText = {
  new_patient: 'New patient',
  four_weekly_review: 'Four-weekly review',
  non_urgent_risk: 'Non-urgent risk',
  step_up_and_reallocate: 'Step up and reallocate',
  refer_back_to_service: 'Refer back to service',
  non_recovered_discharge: 'Non-recovered discharge',
  session_extension_request: 'Session extension request',
} as const;
type TicketType = keyof typeof ticketTypeText;

export function TicketsSection({
  patientId,
  tickets,
  readOnly,
  chosen = null,
}: {
  patientId: string;
  tickets: PatientDetail['tickets'];
  readOnly: boolean;
  /** The type a deadline asks for (opened from Today): chosen in the form. */
  chosen?: TicketType | null;
}) {
  const [type, setType] = useState<TicketType>(chosen ?? 'four_weekly_review');
  useEffect(() => {
    if (chosen) setType(chosen);
  }, [chosen]);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const raise = async (): Promise<void> => {
    setError(null);
    try {
      await unwrap(clinician().tickets.raise({ patientId, type, body }));
      setBody('');
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section className="panel" aria-labelledby="tickets-heading">
      <h3 id="tickets-heading">Supervision tickets</h3>
      {tickets.length === 0 ? <p>No tickets.</p> : null}
      <ul className="plain-list">
        {tickets.map((t) => (
          <li key={t.id}>
            <strong>{ticketTypeText[t.type]}</strong> · <Time iso={t.raisedAt} format="date" />{' '}
            <Tag tone={t.state === 'open' ? 'warn' : t.state === 'declined' ? 'danger' : 'ok'}>
              {t.state}
            </Tag>{' '}
            <SyncStateTag syncState={t.syncState} rejectedReason={t.rejectedReason} />
            {t.decision?.comment ? <p className="muted">Supervisor: {t.decision.comment}</p> : null}
          </li>
        ))}
      </ul>
      {!readOnly ? (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            void raise();
          }}
        >
          <label htmlFor="ticket-type">Raise a ticket</label>
          <select
            id="ticket-type"
            value={type}
            onChange={(e) => setType(e.target.value as TicketType)}
          >
            {(Object.keys(ticketTypeText) as TicketType[]).map((k) => (
              <option key={k} value={k}>
                {ticketTypeText[k]}
              </option>
            ))}
          </select>
          <label htmlFor="ticket-body">What the supervisor needs to know</label>
          <textarea
            id="ticket-body"
            rows={3}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
          <button type="submit" disabled={body.trim().length === 0}>
            Raise ticket
          </button>
          <ErrorText error={error} />
        </form>
      ) : null}
    </section>
  );
}
