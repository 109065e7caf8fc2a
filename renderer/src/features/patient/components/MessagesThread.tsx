import { useState } from 'react';
import { clinician, unwrap } from '../../../bridge';
import { errorText } from '../../../ui/errors';
import { ErrorText, Loading, SyncStateTag } from '../../../ui/Feedback';
import { Time } from '../../../ui/Time';
import { useLiveQuery } from '../../sync/live-query';
import { useThreadStore } from '../store/patient-store';

const PAGE = 30;

/** The patient's messages, newest first, a page at a time, with the reply box. */
export function MessagesThread({
  patientId,
  readOnly,
  prepared = null,
}: {
  patientId: string;
  readOnly: boolean;
  /** A message prepared from a template, put in the reply box for the therapist to review. */
  prepared?: { label: string; body: string } | null;
}) {
  const [limit, setLimit] = useState(PAGE);
  const query = useLiveQuery(useThreadStore, { patientId, limit }, `${patientId}/${limit}`);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const send = async (): Promise<void> => {
    setSending(true);
    setError(null);
    try {
      await unwrap(clinician().messages.reply({ patientId, body: draft }));
      setDraft('');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSending(false);
    }
  };
  return (
    <section className="panel" aria-labelledby={`messages-${patientId}`}>
      <h3 id={`messages-${patientId}`}>Messages</h3>
      {!readOnly ? (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          <label htmlFor={`reply-${patientId}`}>Reply</label>
          <textarea
            id={`reply-${patientId}`}
            rows={3}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            maxLength={10_000}
          />
          {prepared ? (
            <div>
              <button type="button" onClick={() => setDraft(prepared.body)}>
                {prepared.label}
              </button>{' '}
              <span className="muted small">
                Put in the reply box to read and edit; not sent until you send it.
              </span>
            </div>
          ) : null}
          <ErrorText error={error} />
          <div>
            <button type="submit" disabled={sending || draft.trim().length === 0}>
              {sending ? 'Sending…' : 'Send reply'}
            </button>{' '}
            <span className="muted small">Kept on this computer and sent when online.</span>
          </div>
        </form>
      ) : null}
      <ErrorText error={query.error} />
      {!query.value ? <Loading what="messages" /> : null}
      <ol className="thread" aria-label="Messages, newest first">
        {query.value?.messages.map((m) => (
          <li key={m.id} className={`thread__message thread__message--${m.direction}`}>
            <p className="thread__meta">
              {m.direction === 'inbound' ? 'Patient' : 'You'} · <Time iso={m.sentAt} />{' '}
              <SyncStateTag syncState={m.syncState} rejectedReason={m.rejectedReason} />
            </p>
            <p className="thread__body">{m.body}</p>
          </li>
        ))}
      </ol>
      {query.value?.hasMore ? (
        <button type="button" onClick={() => setLimit((n) => n + PAGE)}>
          Show older messages
        </button>
      ) : null}
    </section>
  );
}
