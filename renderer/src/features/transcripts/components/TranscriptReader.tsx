import { useCallback, useEffect, useState } from 'react';
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

type Page = z.output<(typeof transcriptsContract)['page']['response']>;
const PAGE = 150;

function CommentBox({ transcriptId, utteranceId }: { transcriptId: string; utteranceId: string }) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        unwrap(clinician().transcripts.comment({ transcriptId, utteranceId, body })).then(
          () => setBody(''),
          (e: unknown) => setError(errorText(e)),
        );
      }}
    >
      <label htmlFor={`comment-${utteranceId}`}>Feedback on this line</label>
      <input id={`comment-${utteranceId}`} value={body} onChange={(e) => setBody(e.target.value)} />
      <button type="submit" disabled={body.trim().length === 0}>
        Add
      </button>
      <ErrorText error={error} />
    </form>
  );
}

/** A session read line by line, paged; supervisors give feedback on utterances and rate it. */
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
  if (!first) return error ? <ErrorText error={error} /> : <Loading what="the transcript" />;
  const last = pages.at(-1);
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
      <ol className="transcript" aria-label="Utterances in order">
        {pages.flatMap((p) =>
          p.utterances.map((u) => (
            <li key={u.id} className={`utterance utterance--${u.speaker}`}>
              <p className="utterance__meta">
                <strong>{u.speaker === 'therapist' ? 'Therapist' : 'Patient'}</strong> ·{' '}
                <Time iso={u.sentAt} format="clock" />
                {supervisor ? (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="link-button small"
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
                <CommentBox transcriptId={transcriptId} utteranceId={u.id} />
              ) : null}
            </li>
          )),
        )}
      </ol>
      {last?.nextAfterSeq !== null && last?.nextAfterSeq !== undefined ? (
        <button type="button" onClick={() => void loadFrom(last.nextAfterSeq as number, false)}>
          Show the next {PAGE} lines
        </button>
      ) : null}
      <ErrorText error={error} />
      {first.ratings.map((r) => (
        <p key={r.id} className="panel">
          CTS-R total {r.total}/72 — {r.total >= 36 ? 'at or above' : 'below'} the competence
          threshold of 36.{' '}
          <SyncStateTag syncState={r.syncState} rejectedReason={r.rejectedReason} />
        </p>
      ))}
      {supervisor ? <CtsrForm transcriptId={transcriptId} /> : null}
    </section>
  );
}
