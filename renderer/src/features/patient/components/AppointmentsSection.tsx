import { useState } from 'react';
import type { PatientDetail } from '../../../../../shared/ipc';
import { clinician, unwrap } from '../../../bridge';
import { errorText } from '../../../ui/errors';
import { ErrorText, SyncStateTag, Tag } from '../../../ui/Feedback';
import { Time } from '../../../ui/Time';

type Appointment = PatientDetail['appointments'][number];
type Outcome = 'attended' | 'dna' | 'late_cancellation' | 'cancelled';

const outcomeText: Record<Outcome, string> = {
  attended: 'Attended',
  dna: 'Did not attend (DNA)',
  late_cancellation: 'Late cancellation (by the patient, within 48 hours)',
  cancelled: 'Cancelled',
};

function RecordOutcome({ appointment }: { appointment: Appointment }) {
  const [outcome, setOutcome] = useState<Outcome>('attended');
  const [cancelledAt, setCancelledAt] = useState('');
  const [error, setError] = useState<string | null>(null);
  const cancelling = outcome === 'late_cancellation' || outcome === 'cancelled';
  const id = `outcome-${appointment.id}`;
  const save = async (): Promise<void> => {
    setError(null);
    try {
      await unwrap(
        clinician().appointments.recordOutcome({
          appointmentId: appointment.id,
          outcome,
          cancelledAt: cancelling && cancelledAt ? new Date(cancelledAt).toISOString() : null,
        }),
      );
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label htmlFor={id}>Outcome</label>
      <select id={id} value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
        {(Object.keys(outcomeText) as Outcome[]).map((o) => (
          <option key={o} value={o}>
            {outcomeText[o]}
          </option>
        ))}
      </select>
      {cancelling ? (
        <>
          <label htmlFor={`${id}-at`}>Cancelled at</label>
          <input
            id={`${id}-at`}
            type="datetime-local"
            value={cancelledAt}
            onChange={(e) => setCancelledAt(e.target.value)}
            required
          />
        </>
      ) : null}
      <button type="submit">Record outcome</button>
      <ErrorText error={error} />
    </form>
  );
}

export function AppointmentsSection({
  appointments,
  readOnly,
}: {
  appointments: Appointment[];
  readOnly: boolean;
}) {
  const now = Date.now();
  return (
    <section className="panel" aria-labelledby="appointments-heading">
      <h3 id="appointments-heading">Appointments</h3>
      {appointments.length === 0 ? <p>No appointments.</p> : null}
      <ul className="plain-list">
        {appointments.map((a) => (
          <li key={a.id} className="list-row">
            <span>
              <Time iso={a.startsAt} /> · {a.durationMinutes}-minute {a.kind}
              {a.kind === 'treatment' ? ` (session ${a.sessionNumber})` : ''}{' '}
              {a.outcome ? (
                <Tag tone={a.outcome === 'attended' ? 'ok' : 'warn'}>{outcomeText[a.outcome]}</Tag>
              ) : null}{' '}
              <SyncStateTag syncState={a.syncState} rejectedReason={a.rejectedReason} />
            </span>
            {!readOnly && a.outcome === null && Date.parse(a.startsAt) <= now + 48 * 3_600_000 ? (
              <RecordOutcome appointment={a} />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
