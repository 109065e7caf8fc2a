import type { NoteView } from '../../../../../shared/ipc';
import { Time } from '../../../ui/Time';

/** A note edited on two devices: both versions side by side until the therapist merges them. */
export function ConflictPanel({
  conflicts,
  onKeep,
}: {
  conflicts: NoteView['conflicts'];
  onKeep: () => void;
}) {
  return (
    <section className="panel notice--danger" aria-labelledby="conflict-heading">
      <h3 id="conflict-heading">This note was edited on two devices</h3>
      <p>
        Both versions are kept. Write the text to keep below (it starts as yours), then choose “Keep
        this text”.
      </p>
      <div className="columns">
        {conflicts.map((c) => (
          <figure key={c.id} className="conflict">
            <figcaption>
              {c.source === 'this_device' ? 'This computer' : 'The other device'} ·{' '}
              <Time iso={c.savedAt} />
            </figcaption>
            <pre className="conflict__text">{c.body}</pre>
          </figure>
        ))}
      </div>
      <button type="button" onClick={onKeep}>
        Keep this text
      </button>
    </section>
  );
}
