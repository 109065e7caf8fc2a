import { useId } from 'react';
import type { ChangeNeedingAttention } from '../../../../shared/ipc';
import { Dialog } from '../../ui/Dialog';
import { ErrorText, Loading } from '../../ui/Feedback';
import { Time } from '../../ui/Time';
import { ChangeDetail } from './ChangeDetail';
import { useChanges } from './changes-store';
import { useSync } from './sync-store';
import './changes.css';

function ChangeList({
  title,
  changes,
}: {
  title: string;
  changes: readonly ChangeNeedingAttention[];
}) {
  const show = useChanges((s) => s.show);
  const heading = useId();
  if (changes.length === 0) return null;
  return (
    <section aria-labelledby={heading}>
      <h3 id={heading} className="small-heading">
        {title}
      </h3>
      <ul className="plain-list">
        {changes.map((change) => (
          <li key={change.seq} className="list-row">
            <div>
              <strong>{change.summary}</strong>{' '}
              <span className="muted small">
                (made <Time iso={change.createdAt} />)
              </span>
              <p>{change.reason}</p>
            </div>
            <button
              type="button"
              className="button button--small"
              onClick={() => void show(change.seq)}
              aria-label={`Read in full: ${change.summary}`}
            >
              Read in full
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The changes that need the person, opened from the sync bar: refused by the server (read,
 * copy, edit and send again, or discard), and held back after the service failed on them
 * repeatedly (try again, or discard). Nothing leaves the list without an explicit choice.
 */
export function ChangesDialog() {
  const status = useSync((s) => s.status);
  const closeList = useSync((s) => s.closeChanges);
  const { open, loading, error, said, close } = useChanges();
  const refused = status?.rejected ?? [];
  const held = status?.heldBack ?? [];
  return (
    <Dialog
      title="Changes that need you"
      onClose={() => {
        close();
        closeList();
      }}
    >
      <div className="changes">
        <p role="status" className="muted">
          {said}
        </p>
        {loading ? <Loading what="the change" /> : null}
        {open ? (
          <ChangeDetail key={open.seq} change={open} />
        ) : (
          <>
            {refused.length + held.length === 0 ? (
              <p>Nothing needs you: every change has been sent, or is waiting its turn.</p>
            ) : null}
            <ChangeList title="Refused by the server" changes={refused} />
            <ChangeList title="Held back after repeated failures" changes={held} />
          </>
        )}
        <ErrorText error={error} />
      </div>
    </Dialog>
  );
}
