import { useEffect } from 'react';
import { SplitView } from '../../../ui/SplitView';
import type { MessageThreadSummary } from '../../../../../shared/ipc';
import { ErrorText, Loading, Tag, type Tone } from '../../../ui/Feedback';
import { MaybeTime, Time } from '../../../ui/Time';
import { ViewHeading, useViewHeadingId } from '../../../ui/ViewHeading';
import { MessagesThread } from '../../patient/components/MessagesThread';
import { useNav } from '../../navigation/nav-store';
import { useLiveQuery } from '../../sync/live-query';
import { useMessageQueueStore } from '../messages-store';
import '../messages.css';

const stateTag: Record<MessageThreadSummary['state'], { label: string; tone: Tone }> = {
  reply_refused: { label: 'Reply refused', tone: 'danger' },
  draft_waiting: { label: 'Draft waiting', tone: 'warn' },
  reply_queued: { label: 'Reply waiting to send', tone: 'info' },
  awaiting_reply: { label: 'Awaiting reply', tone: 'warn' },
  replied: { label: 'Replied', tone: 'muted' },
};

/** "due in 5 hours" beside the deadline in UK time, or what happened last. */
function Due({ thread }: { thread: MessageThreadSummary }) {
  if (thread.replyDueAt === null || thread.dueWords === null)
    return (
      <span className="muted">
        last message <MaybeTime iso={thread.lastMessageAt} />
      </span>
    );
  return (
    <span className={thread.overdue ? 'message-queue__due--overdue' : undefined}>
      Reply {thread.dueWords} (<Time iso={thread.replyDueAt} />)
    </span>
  );
}

/** The open thread beside the queue: who it is with, the reply box first, then the messages. */
function ThreadPane({
  patientId,
  thread,
  readOnly,
}: {
  patientId: string;
  thread: MessageThreadSummary | undefined;
  readOnly: boolean;
}) {
  const go = useNav((s) => s.go);
  // Opening a thread lands in its reply box (after the heading took focus as a view's does).
  useEffect(() => {
    if (!readOnly) document.getElementById(`reply-${patientId}`)?.focus();
  }, [patientId, readOnly]);
  return (
    <section className="view" aria-labelledby="view-heading">
      <ViewHeading>
        {thread ? (
          <>
            {thread.name} <span className="muted">{thread.caseReference}</span>
          </>
        ) : (
          'Messages'
        )}
      </ViewHeading>
      <p>
        <button
          type="button"
          className="link-button"
          onClick={() => go({ view: 'patient', patientId })}
        >
          Open {thread ? `${thread.name}’s` : 'the patient’s'} record
        </button>
      </p>
      <MessagesThread
        patientId={patientId}
        readOnly={readOnly}
        title={thread ? `Messages with ${thread.name}` : 'Messages in this thread'}
      />
    </section>
  );
}

/**
 * The messages work queue beside the open thread: each thread with who is waiting, the reply
 * deadline (48-hour rule) and where the reply stands, the earliest deadline first
 * (shared/clinical byReplyDeadline). Opening one shows the thread and lands in its reply box.
 */
export function MessagesView({
  patientId,
  supervisor = false,
}: {
  patientId?: string | undefined;
  supervisor?: boolean;
}) {
  const query = useLiveQuery(useMessageQueueStore, {}, 'queue');
  const thread = query.value?.threads.find((t) => t.patientId === patientId);
  return (
    <SplitView
      view="messages"
      listLabel="the messages queue"
      defaultSize={38}
      list={<MessageQueue openPatientId={patientId} />}
      detail={
        patientId ? (
          <ThreadPane key={patientId} patientId={patientId} thread={thread} readOnly={supervisor} />
        ) : null
      }
    />
  );
}

function MessageQueue({ openPatientId }: { openPatientId: string | undefined }) {
  const go = useNav((s) => s.go);
  const query = useLiveQuery(useMessageQueueStore, {}, 'queue');
  const reload = useMessageQueueStore((s) => s.reload);
  // "due in 5 hours" moves with time even when no data does.
  useEffect(() => {
    const tick = setInterval(() => void reload({}), 60_000);
    return () => clearInterval(tick);
  }, [reload]);
  const threads = query.value?.threads ?? [];
  const waiting = threads.filter((t) => t.awaiting > 0).length;
  const headingId = useViewHeadingId();
  return (
    <section className="view" aria-labelledby={headingId}>
      <ViewHeading>Messages</ViewHeading>
      <ErrorText error={query.error} />
      {!query.value ? <Loading what="messages" /> : null}
      {query.value ? (
        <p className="muted">
          {waiting === 0
            ? 'No patient is waiting for a reply.'
            : `${waiting} ${waiting === 1 ? 'patient is' : 'patients are'} waiting for a reply, the earliest deadline first.`}
        </p>
      ) : null}
      <ol className="message-queue" aria-label="Threads, the earliest reply deadline first">
        {threads.map((t) => {
          // An overdue reply reads as Today reads it: in the danger colour.
          const tag =
            t.overdue && t.state === 'awaiting_reply'
              ? { label: 'Awaiting reply, overdue', tone: 'danger' as const }
              : stateTag[t.state];
          return (
            <li key={t.patientId}>
              <button
                type="button"
                className="message-queue__item"
                aria-current={t.patientId === openPatientId ? 'true' : undefined}
                onClick={() => go({ view: 'messages', patientId: t.patientId })}
              >
                <span className="message-queue__who">
                  <strong>{t.name}</strong> <span className="muted">{t.caseReference}</span>
                </span>
                <Tag tone={tag.tone}>{tag.label}</Tag>
                <span>
                  {t.awaiting > 0 ? (
                    <>
                      {t.awaiting} {t.awaiting === 1 ? 'message' : 'messages'} waiting since{' '}
                      <MaybeTime iso={t.waitingSince} />.{' '}
                    </>
                  ) : null}
                  <Due thread={t} />
                </span>
              </button>
            </li>
          );
        })}
      </ol>
      {query.value && threads.length === 0 ? <p>No messages on this device yet.</p> : null}
    </section>
  );
}
