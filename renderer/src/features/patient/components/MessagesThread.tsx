import { useState } from 'react';
import type { ThreadMessage } from '../../../../../shared/ipc';
import { ErrorText, Loading, Tag } from '../../../ui/Feedback';
import { Time } from '../../../ui/Time';
import { useReplyDraft, type ReplyDraft } from '../../messages/use-reply-draft';
import { useLiveQuery } from '../../sync/live-query';
import { useThreadStore } from '../store/patient-store';
import { ReplyComposer } from './ReplyComposer';
import '../../messages/messages.css';

const PAGE = 30;

/** Where a reply of this device stands: waiting to send, delivered, or refused (with why). */
function Delivery({
  message,
  draft,
  patientId,
}: {
  message: ThreadMessage;
  draft: ReplyDraft | null;
  patientId: string;
}) {
  if (message.direction === 'inbound') return null;
  if (message.syncState === 'pending') return <Tag tone="info">Waiting to send</Tag>;
  if (message.syncState === 'synced') return <Tag tone="ok">Delivered</Tag>;
  const seq = message.refusedSeq;
  const other = draft !== null && draft.text.body.trim().length > 0 && draft.resendOf !== seq;
  return (
    <>
      <Tag tone="danger">Refused, not sent</Tag>
      <span className="thread__refusal">
        Why: {(message.rejectedReason ?? 'the service gave no reason').replace(/[.\s]+$/, '')}. Kept
        on this computer.
      </span>
      {draft && seq !== null && draft.resendOf !== seq ? (
        <>
          <button
            type="button"
            disabled={other}
            onClick={() => {
              draft.startResend(seq, message.body);
              document.getElementById(`reply-${patientId}`)?.focus();
            }}
          >
            Edit and send again
          </button>
          {other ? (
            <span className="muted small">Send or clear the words in the reply box first.</span>
          ) : null}
        </>
      ) : null}
    </>
  );
}

function Thread({ patientId, draft }: { patientId: string; draft: ReplyDraft | null }) {
  const [limit, setLimit] = useState(PAGE);
  const query = useLiveQuery(useThreadStore, { patientId, limit }, `${patientId}/${limit}`);
  return (
    <>
      <ErrorText error={query.error} />
      {!query.value ? <Loading what="messages" /> : null}
      <ol className="thread" aria-label="Messages, newest first">
        {query.value?.messages.map((m) => (
          <li
            key={m.id}
            className={`thread__message thread__message--${m.direction}${m.syncState === 'rejected' ? ' thread__message--refused' : ''}`}
          >
            <p className="thread__meta">
              {m.direction === 'inbound' ? 'Patient' : 'You'} · <Time iso={m.sentAt} />{' '}
              <Delivery message={m} draft={draft} patientId={patientId} />
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
    </>
  );
}

function WithReplyBox({
  patientId,
  prepared,
}: {
  patientId: string;
  prepared: { label: string; body: string } | null;
}) {
  const draft = useReplyDraft(patientId);
  return (
    <>
      <ReplyComposer patientId={patientId} draft={draft} prepared={prepared} />
      <Thread patientId={patientId} draft={draft} />
    </>
  );
}

/** The patient's messages, newest first, a page at a time, with the reply box. */
export function MessagesThread({
  patientId,
  readOnly,
  prepared = null,
  title = 'Messages',
}: {
  patientId: string;
  readOnly: boolean;
  /** The panel's heading ("Messages with …" beside the queue, where "Messages" is the list's). */
  title?: string;
  /** A message prepared from a template, put in the reply box for the therapist to review. */
  prepared?: { label: string; body: string } | null;
}) {
  return (
    <section className="panel" aria-labelledby={`messages-${patientId}`}>
      <h3 id={`messages-${patientId}`}>{title}</h3>
      {readOnly ? (
        <Thread patientId={patientId} draft={null} />
      ) : (
        <WithReplyBox key={patientId} patientId={patientId} prepared={prepared} />
      )}
    </section>
  );
}
