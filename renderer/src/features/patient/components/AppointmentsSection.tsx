import { useRef, useState } from 'react';
import type { AppointmentView } from '../../../../../shared/ipc';
import { clinician, unwrap } from '../../../bridge';
import { errorText } from '../../../ui/errors';
import { ErrorText, SyncStateTag, Tag } from '../../../ui/Feedback';
import { Time } from '../../../ui/Time';
import { BookingForm } from './BookingForm';
import { OutcomeForm } from './OutcomeForm';

type Outcome = NonNullable<AppointmentView['outcome']>;

export const outcomeText: Record<Outcome, string> = {
  attended: 'Attended',
  dna: 'Did not attend (DNA)',
  late_cancellation: 'Late cancellation',
  cancelled: 'Cancelled',
};
const byText = { patient: 'the patient', therapist: 'the therapist', service: 'the service' };

/** Who cancelled and when, for a cancelled appointment. */
function Cancellation({ a }: { a: AppointmentView }) {
  if (a.cancelledAt === null) return null;
  return (
    <span className="muted">
      {' '}
      by {a.cancelledBy ? byText[a.cancelledBy] : 'someone not recorded'},{' '}
      <Time iso={a.cancelledAt} />
    </span>
  );
}

/** Outcomes this device recorded that the server refused: shown until discarded, never hidden. */
function Refusals({ a }: { a: AppointmentView }) {
  if (a.refused.length === 0) return null;
  return (
    <ul className="notice-list">
      {a.refused.map((r) => (
        <li key={r.seq} className="notice notice--danger">
          <strong>Not recorded:</strong> your “{outcomeText[r.outcome]}” (recorded{' '}
          <Time iso={r.recordedAt} />) was refused. {r.reason} It stays under Refused changes until
          you discard it there.
        </li>
      ))}
    </ul>
  );
}

/**
 * Cancel a booked session that has not started (the therapist's cancellation, now). It asks
 * first: the button is never the whole of a destructive action. A booking still waiting to be
 * sent is withdrawn (it never reaches the service); one already on its way is cancelled after
 * it.
 */
function CancelBooked({ a, onWithdrawn }: { a: AppointmentView; onWithdrawn: () => void }) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancel = async (): Promise<void> => {
    setError(null);
    try {
      const done = await unwrap(clinician().appointments.cancel({ appointmentId: a.id }));
      setAsking(false);
      if (done.kind === 'withdrawn') onWithdrawn();
    } catch (e) {
      setError(errorText(e));
    }
  };
  if (!asking) {
    return (
      <button type="button" className="button--small button--quiet" onClick={() => setAsking(true)}>
        Cancel session
      </button>
    );
  }
  return (
    <div className="button-row" role="group" aria-label="Cancel this session?">
      <span>
        Cancel the session of <Time iso={a.startsAt} />?{' '}
        {a.syncState === 'pending'
          ? 'The booking is still waiting to be sent, so it is withdrawn and never reaches the service (if it is already on its way, it is recorded as cancelled by you, now).'
          : 'It is recorded as cancelled by you, now.'}
      </span>
      <button type="button" className="button--small" onClick={() => void cancel()}>
        Yes, cancel it
      </button>
      <button
        type="button"
        className="button--small button--quiet"
        onClick={() => setAsking(false)}
      >
        Keep it
      </button>
      <ErrorText error={error} />
    </div>
  );
}

function AppointmentRow({
  a,
  readOnly,
  onWithdrawn,
}: {
  a: AppointmentView;
  readOnly: boolean;
  onWithdrawn: (a: AppointmentView) => void;
}) {
  const [open, setOpen] = useState(false);
  const future = a.outcome === null && Date.parse(a.startsAt) > Date.now();
  const formId = `outcome-form-${a.id}`;
  const missing = a.outcome === null && Date.parse(a.startsAt) <= Date.now();
  return (
    // Focusable by script only: Today's session opens the record here (shared/clinical TodayPlace).
    <li className="list-row" id={`appointment-${a.id}`} tabIndex={-1}>
      <span>
        <Time iso={a.startsAt} /> · {a.durationMinutes}-minute {a.kind}
        {a.kind === 'treatment' ? ` (session ${a.sessionNumber})` : ''}{' '}
        {a.outcome ? (
          <Tag tone={a.outcome === 'attended' ? 'ok' : 'warn'}>{outcomeText[a.outcome]}</Tag>
        ) : missing ? (
          <Tag tone="warn">Outcome not recorded</Tag>
        ) : (
          <Tag tone="muted">Booked</Tag>
        )}
        <Cancellation a={a} />{' '}
        <SyncStateTag syncState={a.syncState} rejectedReason={a.rejectedReason} />
      </span>
      <Refusals a={a} />
      {!readOnly && future && a.syncState !== 'rejected' ? (
        <CancelBooked a={a} onWithdrawn={() => onWithdrawn(a)} />
      ) : null}
      {!readOnly && a.syncState !== 'rejected' ? (
        <div>
          <button
            type="button"
            className="button--small"
            aria-expanded={open}
            aria-controls={formId}
            onClick={() => setOpen((o) => !o)}
          >
            {a.outcome === null ? 'Record outcome' : 'Change outcome'}
          </button>
          {open ? (
            <div id={formId}>
              <OutcomeForm appointment={a} onDone={() => setOpen(false)} />
            </div>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

export function AppointmentsSection({
  patientId,
  appointments,
  readOnly,
}: {
  patientId: string;
  appointments: AppointmentView[];
  readOnly: boolean;
}) {
  // A withdrawn booking leaves the list (and the focus with it): the heading takes the focus
  // and the section says what happened.
  const heading = useRef<HTMLHeadingElement>(null);
  const [withdrawn, setWithdrawn] = useState<AppointmentView | null>(null);
  const onWithdrawn = (a: AppointmentView): void => {
    setWithdrawn(a);
    heading.current?.focus();
  };
  return (
    <section className="panel" aria-labelledby="appointments-heading">
      <h3 id="appointments-heading" ref={heading} tabIndex={-1}>
        Appointments
      </h3>
      <p role="status" className={withdrawn ? 'notice' : 'visually-hidden'}>
        {withdrawn ? (
          <>
            The booking of <Time iso={withdrawn.startsAt} /> was withdrawn before it was sent.
          </>
        ) : null}
      </p>
      {!readOnly ? <BookingForm patientId={patientId} /> : null}
      {appointments.length === 0 ? <p>No appointments.</p> : null}
      <ul className="plain-list">
        {appointments.map((a) => (
          <AppointmentRow key={a.id} a={a} readOnly={readOnly} onWithdrawn={onWithdrawn} />
        ))}
      </ul>
    </section>
  );
}
