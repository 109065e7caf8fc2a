import { type FormEvent, useId, useState } from 'react';
import type { PatientTold, PlannedTrip } from '../../../../shared/ipc';
import { clinician, unwrap } from '../../bridge';
import { errorText } from '../../ui/errors';
import { ErrorText, Tag } from '../../ui/Feedback';
import { formatTime } from '../../ui/format';
import { countryName } from './location-guidance';
import { TripMessagesPanel } from './TripMessagesPanel';

/** A calendar date ("2026-12-11") as people read it: "Friday 11 December 2026". */
export const dayOf = (date: string): string => formatTime(`${date}T12:00:00Z`, 'date');

const PURPOSE_WORDS: Record<PlannedTrip['purpose'], string> = {
  working: 'Working from',
  annual_leave: 'Annual leave',
  sick_leave: 'Sick leave',
};

/** "Working from France, …" or "Annual leave (Spain), …" or "Sick leave, …". */
export function tripWords(trip: Pick<PlannedTrip, 'purpose' | 'country' | 'from' | 'to'>): string {
  const dates = `${dayOf(trip.from)} to ${dayOf(trip.to)}`;
  if (trip.purpose === 'working')
    return `Working from ${countryName(trip.country ?? '')}, ${dates}`;
  const where = trip.country ? ` (${countryName(trip.country)})` : '';
  return `${PURPOSE_WORDS[trip.purpose]}${where}, ${dates}`;
}

/** One planned trip or leave: where it stands with the service; cancel, new dates, messages. */
export function TripRow({ trip, onChanged }: { trip: PlannedTrip; onChanged: () => void }) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [moving, setMoving] = useState(false);
  const [from, setFrom] = useState(trip.from);
  const [to, setTo] = useState(trip.to);
  const [messages, setMessages] = useState(false);
  const where = tripWords(trip);
  const cancel = (): void => {
    setError(null);
    unwrap(clinician().location.cancelTrip({ declarationId: trip.id })).then(
      onChanged,
      (e: unknown) => setError(errorText(e)),
    );
  };
  const move = (event: FormEvent): void => {
    event.preventDefault();
    setError(null);
    unwrap(clinician().location.moveTrip({ declarationId: trip.id, from, to })).then(
      () => {
        setMoving(false);
        onChanged();
      },
      (e: unknown) => setError(errorText(e)),
    );
  };
  const standing = trip.cancelledAt === null && trip.syncState !== 'rejected';
  return (
    <li className="stack">
      <span>
        {where}{' '}
        {trip.cancelledAt && trip.syncState === 'synced' ? (
          <Tag tone="muted">Cancelled, confirmed by the service</Tag>
        ) : null}
        {trip.cancelledAt && trip.syncState === 'pending' ? (
          <Tag tone="info">Cancelled, waiting for the service</Tag>
        ) : null}
        {!trip.cancelledAt && trip.syncState === 'synced' ? (
          <Tag tone="ok">Confirmed by the service</Tag>
        ) : null}
        {!trip.cancelledAt && trip.syncState === 'pending' ? (
          <Tag tone="info">Waiting for the service</Tag>
        ) : null}
        {trip.syncState === 'rejected' ? (
          <>
            <Tag tone="danger">Refused by the service</Tag> <span>{trip.rejectedReason}</span>
          </>
        ) : null}
      </span>
      {trip.checklist && standing ? <Checklist checklist={trip.checklist} where={where} /> : null}
      <span className="actions">
        {trip.cancellable && trip.syncState !== 'rejected' ? (
          <>
            <button
              type="button"
              className="button button--small"
              aria-label={`Cancel: ${where}`}
              onClick={cancel}
            >
              Cancel
            </button>
            <button
              type="button"
              className="button button--small"
              aria-expanded={moving}
              aria-label={`Change the dates: ${where}`}
              onClick={() => setMoving((m) => !m)}
            >
              Change the dates
            </button>
          </>
        ) : null}
        {standing ? (
          <button
            type="button"
            className="button button--small"
            aria-expanded={messages}
            aria-label={`Messages to your patients: ${where}`}
            onClick={() => setMessages((m) => !m)}
          >
            Messages to your patients
          </button>
        ) : null}
      </span>
      {moving ? (
        <form className="inline-form" onSubmit={move} aria-label={`New dates: ${where}`}>
          <div className="field">
            <label htmlFor={`${id}-from`}>New first day</label>
            <input
              id={`${id}-from`}
              type="date"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>New last day</label>
            <input id={`${id}-to`} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
          <button type="submit" className="button button--small button--primary">
            Save the new dates
          </button>
        </form>
      ) : null}
      <ErrorText error={error} />
      {messages ? <TripMessagesPanel declarationId={trip.id} /> : null}
    </li>
  );
}

const TOLD_WORDS: Record<PatientTold, string | null> = {
  'not-sent': 'not told yet',
  queued: 'message not yet delivered',
  refused: 'message refused by the service',
  delivered: null,
};

/**
 * A working trip's checklist: ready only when every active patient has a local emergency
 * contact and has been told by a message the service accepted (a queued one is not enough).
 * Until then, who is missing what, by name.
 */
function Checklist({
  checklist: c,
  where,
}: {
  checklist: NonNullable<PlannedTrip['checklist']>;
  where: string;
}) {
  if (c.ready)
    return (
      <span>
        <Tag tone="ok">Ready</Tag> Each of your {c.activePatients} active patients has a local
        emergency contact and has received your message.
      </span>
    );
  const counts = [
    c.withoutContact > 0 ? `${c.withoutContact} without a local emergency contact` : null,
    c.told.notSent > 0 ? `${c.told.notSent} not told yet` : null,
    c.told.queued > 0 ? `${c.told.queued} told by a message not yet delivered` : null,
    c.told.refused > 0 ? `${c.told.refused} whose message the service refused` : null,
  ].filter((m): m is string => m !== null);
  return (
    <>
      <span>
        <Tag tone="warn">Not ready</Tag> Of your {c.activePatients} active patients:{' '}
        {counts.join('; ')}. Complete this before the trip starts.
      </span>
      <details className="trip-checklist">
        <summary>Who is missing what ({c.missing.length})</summary>
        <ul className="plain-list" aria-label={`Still to do before: ${where}`}>
          {c.missing.map((p) => (
            <li key={p.patientId}>
              {p.name}:{' '}
              {[p.contact ? null : 'no local emergency contact', TOLD_WORDS[p.told]]
                .filter((w): w is string => w !== null)
                .join('; ')}
            </li>
          ))}
        </ul>
      </details>
    </>
  );
}
