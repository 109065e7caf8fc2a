import { ErrorText } from '../../../ui/Feedback';
import { Time } from '../../../ui/Time';
import type { ReplyDraft } from '../../messages/use-reply-draft';

/** What the draft's state truly is: "saved" only after the core has committed the words. */
function DraftState({ draft }: { draft: ReplyDraft }) {
  const { text } = draft;
  if (text.error) return null; // shown as an error below
  if (text.dirty) return <span className="muted small">Saving the draft on this computer…</span>;
  if (text.savedAt && text.body.trim().length > 0)
    return (
      <span className="muted small">
        Draft saved on this computer <Time iso={text.savedAt} format="clock" />
      </span>
    );
  return <span className="muted small">Kept on this computer and sent when online.</span>;
}

/** The reply box: its words are a draft on this device until the reply is queued. */
export function ReplyComposer({
  patientId,
  draft,
  prepared,
}: {
  patientId: string;
  draft: ReplyDraft;
  prepared: { label: string; body: string } | null;
}) {
  const { text } = draft;
  const empty = text.body.trim().length === 0;
  return (
    <form
      className="stack"
      onSubmit={(event) => {
        event.preventDefault();
        void draft.send();
      }}
    >
      <label htmlFor={`reply-${patientId}`}>
        {draft.resendOf !== null ? 'Reply (edit the refused reply, then send it again)' : 'Reply'}
      </label>
      <textarea
        id={`reply-${patientId}`}
        rows={3}
        value={text.body}
        onChange={(e) => text.edit(e.target.value)}
        readOnly={draft.sending}
        maxLength={10_000}
        aria-describedby={`reply-state-${patientId}`}
      />
      {draft.resendOf !== null ? (
        <p className="small">
          These words replace the refused reply when you send them.{' '}
          <button type="button" className="link-button" onClick={draft.cancelResend}>
            Send as a new reply instead
          </button>
        </p>
      ) : null}
      {prepared ? (
        <div>
          <button type="button" onClick={() => text.edit(prepared.body)}>
            {prepared.label}
          </button>{' '}
          <span className="muted small">
            Put in the reply box to read and edit; not sent until you send it.
          </span>
        </div>
      ) : null}
      <ErrorText error={text.error ? `The draft is not saved yet: ${text.error}` : null} />
      <ErrorText error={draft.sendError} />
      <div>
        <button type="submit" disabled={draft.sending || empty}>
          {draft.sending ? 'Sending…' : draft.resendOf !== null ? 'Send again' : 'Send reply'}
        </button>{' '}
        <span id={`reply-state-${patientId}`} role="status">
          <DraftState draft={draft} />
        </span>
      </div>
    </form>
  );
}
