import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { ErrorText, Loading } from '../../../ui/Feedback';
import { Time } from '../../../ui/Time';
import { ViewHeading } from '../../../ui/ViewHeading';
import { useNav } from '../../navigation/nav-store';
import { findInLines, findStatus, hitsByLine, stepHit } from '../find/transcript-find';
import { useTranscript } from '../hooks/use-transcript';
import { CtsrForm } from './CtsrForm';
import { CtsrRatingCard } from './CtsrRatingCard';
import { FindBar } from './FindBar';
import { type LineRequest, TranscriptLines } from './TranscriptLines';
import '../transcripts.css';

/**
 * A session read line by line (virtualised: a 2,000-line session opens as fast as a short
 * one), with find in the transcript (Ctrl/Cmd+F; Enter and Shift+Enter step through the
 * matches, the list scrolls to each however far away). Opened from a search result
 * (`atSeq`), the session opens at that line, marked and with the keyboard on it. Supervisors
 * rate the session on the CTS-R in a panel beside the transcript; the therapist sees each
 * rating's items and notes there.
 */
export function TranscriptReader({
  transcriptId,
  supervisor,
  atSeq,
}: {
  transcriptId: string;
  supervisor: boolean;
  atSeq?: number | undefined;
}) {
  const go = useNav((s) => s.go);
  const { head, lines, complete, error } = useTranscript(transcriptId);
  const [commentedOnly, setCommentedOnly] = useState(false);
  const [query, setQuery] = useState('');
  const found = useDeferredValue(query);
  const [pick, setPick] = useState({ query: '', index: 0, nonce: 0 });
  const [request, setRequest] = useState<LineRequest | null>(null);
  const findInput = useRef<HTMLInputElement>(null);

  const shown = useMemo(
    () => (commentedOnly ? lines.filter((u) => u.comments.length > 0) : lines),
    [lines, commentedOnly],
  );
  const hits = useMemo(() => findInLines(shown, found), [shown, found]);
  const byLine = useMemo(() => hitsByLine(hits), [hits]);
  // The pick belongs to the words it was made for; new words start at the first match.
  const current =
    hits.length === 0 ? -1 : pick.query === found && pick.index < hits.length ? pick.index : 0;
  const currentHit = hits[current];
  const hitLine = currentHit?.line;
  const hitStart = currentHit?.start;
  useEffect(() => {
    if (hitLine !== undefined) setRequest({ line: hitLine, focus: false, nonce: pick.nonce });
  }, [hitLine, hitStart, found, pick.nonce]);

  // Opened from a search result: to that line once it has been read in.
  const targetLine = atSeq === undefined ? -1 : shown.findIndex((u) => u.seq === atSeq);
  const landed = useRef(false);
  useEffect(() => {
    if (targetLine < 0 || landed.current) return;
    landed.current = true;
    setRequest({ line: targetLine, focus: true, nonce: -1 });
  }, [targetLine]);

  // Ctrl/Cmd+F finds in the transcript (the page's own find cannot see undrawn lines).
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        findInput.current?.focus();
        findInput.current?.select();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  if (!head) return error ? <ErrorText error={error} /> : <Loading what="the transcript" />;
  const step = (direction: 1 | -1): void =>
    setPick({ query: found, index: stepHit(current, hits.length, direction), nonce: Date.now() });
  const backToLine = (): void => {
    const line = currentHit?.line ?? (targetLine >= 0 ? targetLine : 0);
    setRequest({ line, focus: true, nonce: Date.now() });
  };

  return (
    // The reader fills its pane: a compact head, and the lines take all the height left, so a
    // supervisor on a 1280 × 720 laptop reads a screenful of the session, not two lines of it.
    <section className="view transcript-reader" aria-labelledby="view-heading">
      <ViewHeading>
        Session with {head.transcript.patientName}, <Time iso={head.transcript.startedAt} />
      </ViewHeading>
      <p className="transcript-reader__meta">
        <button type="button" className="link-button" onClick={() => go({ view: 'transcripts' })}>
          All transcripts
        </button>
        <span className="muted">
          {head.transcript.utteranceCount} utterances
          {complete ? '' : ` (${lines.length} read in so far)`}
        </span>
        <span className="transcript-reader__filter">
          <input
            id="commented-only"
            type="checkbox"
            checked={commentedOnly}
            onChange={(e) => setCommentedOnly(e.target.checked)}
          />
          <label htmlFor="commented-only">Only lines with comments</label>
        </span>
      </p>
      <div className="review">
        <div className="review__transcript">
          <FindBar
            inputRef={findInput}
            query={query}
            onQuery={setQuery}
            status={findStatus(found, current, hits.length, complete)}
            count={hits.length}
            onStep={step}
            onEscape={backToLine}
          />
          <p id="transcript-keys" className="muted small transcript-reader__keys">
            Keys: ↑ ↓ a line, Page Up/Down ten, Ctrl+F find
            {supervisor ? ', C comment on the line, Escape close the comment box' : ''}.
          </p>
          {atSeq !== undefined && complete && targetLine < 0 ? (
            <p role="status">The line found is not shown: it has changed or is filtered out.</p>
          ) : null}
          {commentedOnly && shown.length === 0 && complete ? (
            <p role="status">No line of this session has a comment yet.</p>
          ) : null}
          <TranscriptLines
            transcriptId={transcriptId}
            lines={shown}
            setSize={
              commentedOnly ? shown.length : Math.max(head.transcript.utteranceCount, shown.length)
            }
            supervisor={supervisor}
            hits={hits}
            byLine={byLine}
            currentHit={current}
            targetLine={targetLine >= 0 ? targetLine : null}
            request={request}
          />
          <ErrorText error={error} />
        </div>
        {/* Scrolls on its own beside the transcript: one tab stop so the keyboard can scroll it. */}
        <section className="review__panel panel" aria-label="CTS-R" tabIndex={0}>
          {head.ratings.length > 0 ? (
            <section aria-labelledby="ratings-heading" className="stack">
              <h3 id="ratings-heading" className="small-heading">
                CTS-R ratings of this session
              </h3>
              {head.ratings.map((r) => (
                <CtsrRatingCard key={r.id} rating={r} threshold={head.competenceThreshold} />
              ))}
            </section>
          ) : supervisor ? null : (
            <p className="muted">This session has no CTS-R rating yet.</p>
          )}
          {supervisor ? (
            <CtsrForm
              transcriptId={transcriptId}
              draft={head.ctsrDraft}
              threshold={head.competenceThreshold}
            />
          ) : null}
        </section>
      </div>
    </section>
  );
}
