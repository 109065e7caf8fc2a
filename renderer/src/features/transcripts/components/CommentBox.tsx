import { useState } from 'react';
import { clinician, unwrap } from '../../../bridge';
import { errorText } from '../../../ui/errors';
import { ErrorText } from '../../../ui/Feedback';
import { commentDraft, setCommentDraft } from '../comment-drafts';

/**
 * A supervisor's feedback on one line (append-only); Escape closes it. Words typed and not yet
 * added are kept for the line (comment-drafts) and come back when the box reopens.
 */
export function CommentBox({
  transcriptId,
  utteranceId,
  onDone,
}: {
  transcriptId: string;
  utteranceId: string;
  onDone: (sent: boolean) => void;
}) {
  const [body, setBody] = useState(() => commentDraft(transcriptId, utteranceId));
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        unwrap(clinician().transcripts.comment({ transcriptId, utteranceId, body })).then(
          () => {
            setCommentDraft(transcriptId, utteranceId, '');
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
        onChange={(e) => {
          setBody(e.target.value);
          setCommentDraft(transcriptId, utteranceId, e.target.value);
        }}
      />
      <button type="submit" disabled={body.trim().length === 0}>
        Add
      </button>
      <ErrorText error={error} />
    </form>
  );
}
