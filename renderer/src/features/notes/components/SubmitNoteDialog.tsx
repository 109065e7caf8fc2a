import { Dialog } from '../../../ui/Dialog';

/** Submitting is irreversible: say what is being submitted, and ask. */
export function SubmitNoteDialog({
  title,
  subject,
  onCancel,
  onConfirm,
}: {
  title: string;
  subject: string;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  return (
    <Dialog title={`Submit this ${title.toLowerCase()}?`} onClose={onCancel}>
      <p>
        {title} for {subject}.
      </p>
      <p>
        A submitted note counts towards its deadline and <strong>can no longer be edited</strong>.
      </p>
      <div className="button-row">
        <button type="button" onClick={onConfirm}>
          Submit note
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel}>
          Keep editing
        </button>
      </div>
    </Dialog>
  );
}
