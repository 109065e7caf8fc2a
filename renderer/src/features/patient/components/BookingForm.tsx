import { useId, useState } from 'react';
import { ukTimeInput } from '../../../../../shared/clinical';
import type { BookingInput, BookingOptions } from '../../../../../shared/ipc';
import { clinician, unwrap } from '../../../bridge';
import { errorText } from '../../../ui/errors';
import { ErrorText } from '../../../ui/Feedback';
import { Time } from '../../../ui/Time';
import { useLiveQuery } from '../../sync/live-query';
import { useBookingOptionsStore } from '../store/booking-store';

type Kind = BookingInput['kind'];
type Minutes = BookingInput['durationMinutes'];

const KIND_WORDS: Record<Kind, string> = {
  assessment: 'Assessment',
  treatment: 'Treatment session',
};

/**
 * Book a session: date and start (UK time, this computer's reading beside it when it differs),
 * kind, and a length the form proposes for the kind and step with the reason. Where the
 * treatment sessions stand against the step 2 limit is shown here, and at the limit the reason
 * a treatment session cannot be booked. The core checks the booking again (offline too) and
 * the server once more; a refusal is shown in words and nothing typed is lost.
 */
export function BookingForm({ patientId }: { patientId: string }) {
  const id = useId();
  const [kind, setKind] = useState<Kind>('treatment');
  const [minutes, setMinutes] = useState<Minutes | null>(null);
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [booked, setBooked] = useState<string | null>(null);

  const query = useLiveQuery(useBookingOptionsStore, { patientId }, patientId);
  const options: BookingOptions | null = query.value;
  if (options === null) return <ErrorText error={query.error} />;
  if (!options.bookable) {
    return <p className="hint">{options.reason}</p>;
  }
  const length = options.lengths[kind];
  const chosen: Minutes = (minutes ?? length.minutes) as Minutes;
  const start = date !== '' && time !== '' ? ukTimeInput(`${date}T${time}`) : null;
  const limitReached = kind === 'treatment' && options.treatmentRefusal !== null;

  const book = async (): Promise<void> => {
    setError(null);
    setBooked(null);
    if (start === null) {
      setError('Give the date and the start time (UK time).');
      return;
    }
    setSaving(true);
    try {
      const made = await unwrap(
        clinician().appointments.book({
          patientId,
          kind,
          durationMinutes: chosen,
          startsAtUk: `${date}T${time}`,
        }),
      );
      setBooked(made.startsAt);
      setDate('');
      setTime('');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="booking-form stack"
      aria-labelledby={`${id}-heading`}
      onSubmit={(event) => {
        event.preventDefault();
        void book();
      }}
    >
      <h4 id={`${id}-heading`}>Book a session</h4>
      <p className="booking-sessions" id={`${id}-sessions`}>
        <strong>Treatment sessions (step {options.step}):</strong> {options.sessions}
      </p>
      <fieldset>
        <legend>Kind of session</legend>
        {(Object.keys(KIND_WORDS) as Kind[]).map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name={`${id}-kind`}
              value={value}
              checked={kind === value}
              onChange={() => {
                setKind(value);
                setMinutes(null);
              }}
            />{' '}
            {KIND_WORDS[value]}
          </label>
        ))}
      </fieldset>
      {limitReached ? (
        <p className="notice notice--warn" role="note" id={`${id}-limit`}>
          <strong>A treatment session cannot be booked now.</strong> {options.treatmentRefusal}
        </p>
      ) : null}
      <div className="booking-fields">
        <span>
          <label htmlFor={`${id}-date`}>Date</label>
          <input
            id={`${id}-date`}
            type="date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
            required
          />
        </span>
        <span>
          <label htmlFor={`${id}-time`}>Start (UK time)</label>
          <input
            id={`${id}-time`}
            type="time"
            step={300}
            value={time}
            onChange={(e) => setTime(e.target.value)}
            required
          />
        </span>
        <span>
          <label htmlFor={`${id}-length`}>Length</label>
          <select
            id={`${id}-length`}
            value={chosen}
            aria-describedby={`${id}-why`}
            onChange={(e) => setMinutes(Number(e.target.value) as Minutes)}
          >
            {length.allowed.map((m) => (
              <option key={m} value={m}>
                {m} minutes
              </option>
            ))}
          </select>
        </span>
      </div>
      <p className="hint" id={`${id}-why`}>
        {length.why}
      </p>
      {start !== null ? (
        <p className={start.ok ? 'hint' : 'error'} role="status">
          {start.ok ? (
            <>
              Starts <Time iso={start.instant} />
              {start.ambiguous ? ' (the first of the two, before the clocks go back)' : ''}.
            </>
          ) : (
            start.reason
          )}
        </p>
      ) : null}
      <div className="button-row">
        <button
          type="submit"
          disabled={saving}
          aria-describedby={limitReached ? `${id}-limit` : undefined}
        >
          {saving
            ? 'Booking…'
            : `Book ${kind === 'assessment' ? 'assessment' : 'treatment session'}`}
        </button>
      </div>
      {booked ? (
        <p role="status" className="hint">
          Booked for <Time iso={booked} />: pending until the server confirms it.
        </p>
      ) : null}
      <ErrorText error={error} />
    </form>
  );
}
