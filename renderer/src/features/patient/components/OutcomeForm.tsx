import { useEffect, useId, useState } from 'react';
import { type CancelledBy, ukTimeInput } from '../../../../../shared/clinical';
import type { AppointmentView, OutcomeCheck, OutcomeRequest } from '../../../../../shared/ipc';
import { clinician, unwrap } from '../../../bridge';
import { errorText } from '../../../ui/errors';
import { ErrorText } from '../../../ui/Feedback';

type Said = OutcomeRequest['outcome'];

const SAID: Record<Said, string> = {
  attended: 'Attended',
  dna: 'Did not attend (DNA)',
  cancelled: 'Cancelled',
};
const WHO: Record<CancelledBy, string> = {
  patient: 'The patient',
  therapist: 'The therapist',
  service: 'The service',
};

/** The request as far as the form can say it, or why not yet. */
function requestOf(
  appointmentId: string,
  said: Said | null,
  cancelledAtText: string,
  cancelledBy: CancelledBy | null,
): { request: OutcomeRequest } | { incomplete: string } {
  if (said === null) return { incomplete: 'Choose what happened.' };
  if (said !== 'cancelled') {
    return { request: { appointmentId, outcome: said, cancelledAt: null, cancelledBy: null } };
  }
  if (cancelledAtText === '' || cancelledBy === null) {
    return { incomplete: 'Say when it was cancelled (UK time) and who cancelled.' };
  }
  const at = ukTimeInput(cancelledAtText);
  if (!at.ok) return { incomplete: at.reason };
  return { request: { appointmentId, outcome: 'cancelled', cancelledAt: at.instant, cancelledBy } };
}

/**
 * What happened to an appointment. Nothing is preselected; attended and DNA only once it has
 * started; a cancellation asks when (UK time) and by whom, and the core says — before
 * anything is saved — whether that makes it a late cancellation.
 */
export function OutcomeForm({
  appointment,
  onDone,
}: {
  appointment: AppointmentView;
  onDone: () => void;
}) {
  const id = useId();
  const [said, setSaid] = useState<Said | null>(null);
  const [cancelledAt, setCancelledAt] = useState('');
  const [cancelledBy, setCancelledBy] = useState<CancelledBy | null>(null);
  const [check, setCheck] = useState<OutcomeCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const started = Date.parse(appointment.startsAt) <= Date.now();
  const built = requestOf(appointment.id, said, cancelledAt, cancelledBy);
  const request = 'request' in built ? built.request : null;
  const requestKey = request ? JSON.stringify(request) : null;

  useEffect(() => {
    if (!requestKey) {
      setCheck(null);
      return;
    }
    let current = true;
    setCheck(null);
    unwrap(clinician().appointments.checkOutcome(JSON.parse(requestKey) as OutcomeRequest))
      .then((answer) => current && setCheck(answer))
      .catch((e: unknown) => current && setError(errorText(e)));
    return () => {
      current = false;
    };
  }, [requestKey]);

  const save = async (): Promise<void> => {
    if (!request) return;
    setSaving(true);
    setError(null);
    try {
      await unwrap(clinician().appointments.recordOutcome(request));
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  const status =
    'incomplete' in built
      ? built.incomplete
      : check === null
        ? 'Checking…'
        : check.ok
          ? `Will be recorded as: ${check.explanation}`
          : check.reason;

  return (
    <form
      className="outcome-form stack"
      aria-labelledby={`${id}-legend`}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <fieldset>
        <legend id={`${id}-legend`}>What happened?</legend>
        {(Object.keys(SAID) as Said[]).map((value) => {
          const disabled = value !== 'cancelled' && !started;
          return (
            <label key={value} className="choice">
              <input
                type="radio"
                name={`${id}-said`}
                value={value}
                checked={said === value}
                disabled={disabled}
                aria-describedby={disabled ? `${id}-not-started` : undefined}
                onChange={() => setSaid(value)}
              />{' '}
              {SAID[value]}
            </label>
          );
        })}
        {!started ? (
          <p id={`${id}-not-started`} className="hint">
            It has not started yet: it can only be cancelled.
          </p>
        ) : null}
      </fieldset>
      {said === 'cancelled' ? (
        <>
          <label htmlFor={`${id}-at`}>When was it cancelled? (UK time)</label>
          <input
            id={`${id}-at`}
            type="datetime-local"
            value={cancelledAt}
            onChange={(e) => setCancelledAt(e.target.value)}
            required
          />
          <fieldset>
            <legend>Who cancelled?</legend>
            {(Object.keys(WHO) as CancelledBy[]).map((value) => (
              <label key={value} className="choice">
                <input
                  type="radio"
                  name={`${id}-by`}
                  value={value}
                  checked={cancelledBy === value}
                  onChange={() => setCancelledBy(value)}
                />{' '}
                {WHO[value]}
              </label>
            ))}
          </fieldset>
        </>
      ) : null}
      <p role="status" className={check && !check.ok ? 'error' : 'hint'}>
        {status}
      </p>
      <div className="button-row">
        <button type="submit" disabled={saving || request === null || !check?.ok}>
          {saving ? 'Recording…' : 'Record outcome'}
        </button>
        <button type="button" className="button button--quiet" onClick={onDone}>
          Close without recording
        </button>
      </div>
      <ErrorText error={error} />
    </form>
  );
}
