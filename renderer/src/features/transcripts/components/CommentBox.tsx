import { useState } from 'react';
import { clinician, unwrap } from '../../../bridge';
import { errorText } from '../../../ui/errors';
import { ErrorText } from '../../../ui/Feedback';

/** A supervisor's feedback on one line (append-only); Escape closes it. */
export function CommentBox({
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
