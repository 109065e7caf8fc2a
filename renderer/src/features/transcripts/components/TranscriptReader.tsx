import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { z } from 'zod';
import type { transcriptsContract } from '../../../../../shared/ipc';
import { clinician, unwrap } from '../../../bridge';
import { errorText } from '../../../ui/errors';
import { ErrorText, Loading, SyncStateTag } from '../../../ui/Feedback';
import { Time } from '../../../ui/Time';
import { ViewHeading } from '../../../ui/ViewHeading';
import { useNav } from '../../navigation/nav-store';
import { onDataChanged, touches } from '../../sync/data-changes';
import { CtsrForm } from './CtsrForm';
import { CtsrRatingCard } from './CtsrRatingCard';

type Page = z.output<(typeof transcriptsContract)['page']['response']>;
type Utterance = Page['utterances'][number];
const PAGE = 150;

function CommentBox({
  transcriptId,
  utteranceId,
  onDone,
}: {
  transcriptId: string;
  utteranceId: string;
  onDone: (sent: boolean) => void;
}) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        unwrap(clinician().transcripts.comment({ transcriptId, utteranceId, body })).then(
          () => {
            setBody('');
            onDone(true);
          },
          (e: unknown) => setError(errorText(e)),
        );
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onDone(false);
        }
      }}
    >
      <label htmlFor={`comment-${utteranceId}`}>Feedback on this line</label>
      <input
        id={`comment-${utteranceId}`}
        value={body}
        // The box opens on a key press from the line: typing goes straight into it.
        autoFocus
        onChange={(e) => setBody(e.target.value)}
      />
      <button type="submit" disabled={body.trim().length === 0}>
        Add
      </button>
      <ErrorText error={error} />
    </form>
  );
}

/**
 * A session read line by line, paged. One tab stop for the whole transcript (roving
 * tabindex): ↑/↓ move line by line, Home/End to the ends, C comments on the line in focus,
 * Escape closes the comment box. Supervisors rate the session on the CTS-R in a panel
 * beside the transcript; the therapist sees each rating's items and notes there.
 */
export function TranscriptReader({
  transcriptId,
  supervisor,
}: {
  transcriptId: string;
  supervisor: boolean;
}) {
  const go = useNav((s) => s.go);
  const [pages, setPages] = useState<Page[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [commenting, setCommenting] = useState<string | null>(null);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [commentedOnly, setCommentedOnly] = useState(false);
  const list = useRef<HTMLOListElement>(null);
  const first = pages[0];
  const loadFrom = useCallback(
    async (afterSeq: number, replace: boolean) => {
      try {
        const page = await unwrap(
          clinician().transcripts.page({ transcriptId, afterSeq, limit: PAGE }),
        );
        setPages((all) => (replace ? [page] : [...all, page]));
      } catch (e) {
        setError(errorText(e));
      }
    },
    [transcriptId],
  );
  useEffect(() => {
    void loadFrom(-1, true);
  }, [loadFrom]);
  useEffect(
    () =>
      onDataChanged((change) => {
        if (
          first &&
          touches(
            change,
            ['utteranceComment', 'ctsrRating', 'transcript'],
            first.transcript.patientId,
          )
        )
          void loadFrom(-1, true);
      }),
    [first, loadFrom],
  );
  const last = pages.at(-1);
  const nextAfterSeq = last?.nextAfterSeq ?? null;
  // "Commented only" is about the whole session: the rest of it is read in.
  useEffect(() => {
    if (commentedOnly && nextAfterSeq !== null) void loadFrom(nextAfterSeq, false);
  }, [commentedOnly, nextAfterSeq, loadFrom]);

  if (!first) return error ? <ErrorText error={error} /> : <Loading what="the transcript" />;
  const all = pages.flatMap((p) => p.utterances);
  const shown = commentedOnly ? all.filter((u) => u.comments.length > 0) : all;
  const current = shown.find((u) => u.id === focusedId) ?? shown[0];

  const focusLine = (u: Utterance | undefined): void => {
    if (!u) return;
    setFocusedId(u.id);
    list.current?.querySelector<HTMLElement>(`[data-utterance="${u.id}"]`)?.focus();
  };
  const onKey = (event: KeyboardEvent<HTMLLIElement>, u: Utterance): void => {
    if (event.target !== event.currentTarget) return; // typing in the comment box
    const at = shown.findIndex((x) => x.id === u.id);
    const moves: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      Home: 0,
      End: shown.length - 1,
    };
    const to = moves[event.key];
    if (to !== undefined) {
      event.preventDefault();
      focusLine(shown[Math.max(0, Math.min(shown.length - 1, to))]);
    } else if (supervisor && (event.key === 'c' || event.key === 'C' || event.key === 'Enter')) {
      event.preventDefault();
      setCommenting(u.id);
    }
  };

  return (
    <section className="view" aria-labelledby="view-heading">
      <ViewHeading>
        Session with {first.transcript.patientName}, <Time iso={first.transcript.startedAt} />
      </ViewHeading>
      <p>
        <button type="button" className="link-button" onClick={() => go({ view: 'transcripts' })}>
          All transcripts
        </button>{' '}
        <span className="muted">{first.transcript.utteranceCount} utterances</span>
      </p>
      <div className="review">
        <div className="review__transcript">
          <div className="inline-form">
            <input
              id="commented-only"
              type="checkbox"
              checked={commentedOnly}
              onChange={(e) => setCommentedOnly(e.target.checked)}
            />
            <label htmlFor="commented-only">Only lines with comments</label>
          </div>
          <p id="transcript-keys" className="muted small">
            Keyboard: ↑ and ↓ move line by line{supervisor ? '; C comments on the line' : ''}
            {supervisor ? '; Escape closes the comment box' : ''}.
          </p>
          {commentedOnly && shown.length === 0 && nextAfterSeq === null ? (
            <p role="status">No line of this session has a comment yet.</p>
          ) : null}
          <ol
            ref={list}
            className="transcript"
            aria-label="Utterances in order"
            aria-describedby="transcript-keys"
          >
            {shown.map((u) => (
              <li
                key={u.id}
                data-utterance={u.id}
                tabIndex={u.id === current?.id ? 0 : -1}
                className={`utterance utterance--${u.speaker}`}
                onFocus={(e) => {
                  if (e.target === e.currentTarget) setFocusedId(u.id);
                }}
                onKeyDown={(e) => onKey(e, u)}
              >
                <p className="utterance__meta">
                  <strong>{u.speaker === 'therapist' ? 'Therapist' : 'Patient'}</strong> ·{' '}
                  <Time iso={u.sentAt} format="clock" />
                  {supervisor ? (
                    <>
                      {' '}
                      <button
                        type="button"
                        className="link-button small"
                        tabIndex={-1}
                        onClick={() => setCommenting(commenting === u.id ? null : u.id)}
                        aria-expanded={commenting === u.id}
                      >
                        Feedback
                      </button>
                    </>
                  ) : null}
                </p>
                <p className="utterance__text">{u.text}</p>
                {u.comments.map((c) => (
                  <p key={c.id} className="utterance__comment">
                    Supervisor: {c.body}{' '}
                    <SyncStateTag syncState={c.syncState} rejectedReason={c.rejectedReason} />
                  </p>
                ))}
                {commenting === u.id ? (
                  <CommentBox
                    transcriptId={transcriptId}
                    utteranceId={u.id}
                    onDone={() => {
                      setCommenting(null);
                      focusLine(u);
                    }}
                  />
                ) : null}
              </li>
            ))}
          </ol>
          {nextAfterSeq !== null && !commentedOnly ? (
            <button type="button" onClick={() => void loadFrom(nextAfterSeq, false)}>
              Show the next {PAGE} lines
            </button>
          ) : null}
          <ErrorText error={error} />
        </div>
        {/* Scrolls on its own beside the transcript: one tab stop so the keyboard can scroll it. */}
        <section className="review__panel panel" aria-label="CTS-R" tabIndex={0}>
          {first.ratings.length > 0 ? (
            <section aria-labelledby="ratings-heading" className="stack">
              <h3 id="ratings-heading" className="small-heading">
                CTS-R ratings of this session
              </h3>
              {first.ratings.map((r) => (
                <CtsrRatingCard key={r.id} rating={r} threshold={first.competenceThreshold} />
              ))}
            </section>
          ) : supervisor ? null : (
            <p className="muted">This session has no CTS-R rating yet.</p>
          )}
          {supervisor ? (
            <CtsrForm
              transcriptId={transcriptId}
              draft={first.ctsrDraft}
              threshold={first.competenceThreshold}
            />
          ) : null}
        </section>
      </div>
    </section>
  );
}
