import { useCallback, useEffect, useId, useState } from 'react';
import { leaveDates } from '../../../../shared/clinical';
import type { PatientTold, TripMessages } from '../../../../shared/ipc';
import { clinician, unwrap } from '../../bridge';
import { errorText } from '../../ui/errors';
import { ErrorText, Loading, Tag, type Tone } from '../../ui/Feedback';
import { usePolledRead } from '../../ui/usePolledRead';
import { useSync } from '../sync/sync-store';

const TOLD: Record<PatientTold, { words: string; tone: Tone }> = {
  'not-sent': { words: 'Not sent yet', tone: 'warn' },
  queued: { words: 'Sent, waiting for the service (not delivered yet)', tone: 'info' },
  delivered: { words: 'Delivered', tone: 'ok' },
  refused: { words: 'Refused by the service: see Refused changes', tone: 'danger' },
};

/**
 * The message prepared for each active patient about a trip or leave, for the therapist to
 * read, edit and send — one by one, or every one not yet sent at once. Nothing goes by
 * itself; a patient counts as told only once the service has the message.
 */
export function TripMessagesPanel({ declarationId }: { declarationId: string }) {
  const id = useId();
  const sync = useSync((s) => s.status);
  const [sent, setSent] = useState(0);
  const refreshKey = `${sent}|${sync?.lastSyncedAt ?? ''}|${sync?.pendingChanges ?? 0}`;
  const read = useCallback(
    () => unwrap(clinician().location.tripMessages({ declarationId })),
    [declarationId],
  );
  const { value, error } = usePolledRead(read, 30_000, { refreshKey });
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => setEdits({}), [declarationId]);

  if (error && !value) return <ErrorText error={error} />;
  if (!value) return <Loading what="the prepared messages" />;
  const bodyOf = (p: TripMessages['patients'][number]) => edits[p.patientId] ?? p.prepared;
  const unsent = value.patients.filter((p) => p.told === 'not-sent' || p.told === 'refused');
  const send = (patients: TripMessages['patients']): void => {
    setProblem(null);
    setDone(null);
    const messages = patients.map((p) => ({ patientId: p.patientId, body: bodyOf(p) }));
    if (messages.some((m) => m.body.trim() === ''))
      return setProblem('A message is empty: write it, or leave that patient out.');
    unwrap(clinician().location.sendTripMessages({ declarationId, messages })).then(
      ({ queued }) => {
        setDone(
          queued === 1
            ? `Sent to ${patients[0]?.name ?? 'the patient'}: it goes to the service with your other changes.`
            : `Sent to ${queued} patients: they go to the service with your other changes.`,
        );
        setSent((n) => n + 1);
      },
      (e: unknown) => setProblem(errorText(e)),
    );
  };
  const delivered = value.patients.filter((p) => p.told === 'delivered').length;
  return (
    <section className="stack" aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`}>
        Messages to your patients about{' '}
        {value.purpose === 'working' ? 'working abroad' : 'your leave'}, {leaveDates(value)}
      </h4>
      <p className="hint">
        Prepared for each active patient: read and edit each one, then send it. Nothing is sent
        until you press Send. {delivered} of {value.patients.length} delivered.
      </p>
      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          disabled={unsent.length === 0}
          onClick={() => send(unsent)}
        >
          Send all not yet sent ({unsent.length})
        </button>
      </div>
      <div role="status" aria-live="polite">
        {done ? <p className="notice notice--ok">{done}</p> : null}
      </div>
      <ErrorText error={problem} />
      <ul className="plain-list trip-messages" aria-label="Prepared messages">
        {value.patients.map((p) => {
          const told = TOLD[p.told];
          const field = `${id}-${p.patientId}`;
          return (
            <li key={p.patientId} className="stack panel">
              <span>
                <label htmlFor={field}>
                  <strong>To {p.name}</strong>
                </label>{' '}
                <Tag tone={told.tone}>{told.words}</Tag>
              </span>
              <textarea
                id={field}
                rows={8}
                value={bodyOf(p)}
                onChange={(e) => setEdits((all) => ({ ...all, [p.patientId]: e.target.value }))}
              />
              {/* Sent or delivered: no second button, so no patient gets the message twice. */}
              {p.told === 'not-sent' || p.told === 'refused' ? (
                <span>
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => send([p])}
                    aria-label={`Send the message to ${p.name}`}
                  >
                    {p.told === 'not-sent' ? 'Send' : 'Send again'}
                  </button>
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
