import { useCallback, useEffect, useRef, useState } from 'react';
import type { NoteView } from '../../../../../shared/ipc';
import { clinician, unwrap } from '../../../bridge';
import { errorText } from '../../../ui/errors';
import { ErrorText, Loading, Tag } from '../../../ui/Feedback';
import { Time } from '../../../ui/Time';
import { ViewHeading } from '../../../ui/ViewHeading';
import { useNav } from '../../navigation/nav-store';
import { onDataChanged, touches } from '../../sync/data-changes';

const AUTOSAVE_MS = 1_000;

/**
 * A note or letter: autosaved a second after typing stops ("Saved at" appears only once the
 * core has committed it), submitted when finished; when it was edited on two devices, both
 * versions sit side by side and the therapist writes the merged text.
 */
export function NoteEditor({ noteId, patientId }: { noteId: string; patientId: string }) {
  const go = useNav((s) => s.go);
  const [view, setView] = useState<NoteView | null>(null);
  const [body, setBody] = useState('');
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const dirty = useRef(false);

  const load = useCallback(async () => {
    try {
      const next = await unwrap(clinician().notes.open({ noteId }));
      setView(next);
      if (!dirty.current) setBody(next.draft?.body ?? next.server?.body ?? '');
    } catch (e) {
      setError(errorText(e));
    }
  }, [noteId]);
  useEffect(() => {
    void load();
    return onDataChanged((change) => {
      if (touches(change, ['note', 'outbox'], patientId)) void load();
    });
  }, [load, patientId]);

  const save = useCallback(
    async (text: string) => {
      try {
        const result = await unwrap(clinician().notes.autosave({ noteId, body: text }));
        dirty.current = false;
        setSavedAt(result.savedAt);
        setError(null);
      } catch (e) {
        setError(errorText(e));
      }
    },
    [noteId],
  );
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const edit = (text: string): void => {
    setBody(text);
    dirty.current = true;
    setSavedAt(null);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(text), AUTOSAVE_MS);
  };
  const act = async (fn: () => Promise<NoteView>): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    try {
      if (dirty.current) await save(body);
      setView(await fn());
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  };

  if (!view) return error ? <ErrorText error={error} /> : <Loading what="the note" />;
  const submitted = view.server?.status === 'submitted';
  const title =
    view.kind === 'session_note'
      ? 'Session note'
      : view.kind === 'assessment_letter'
        ? 'Assessment letter'
        : 'Discharge letter';
  return (
    <section className="view" aria-labelledby="view-heading">
      <ViewHeading>{title}</ViewHeading>
      <p>
        <button
          type="button"
          className="link-button"
          onClick={() => go({ view: 'patient', patientId })}
        >
          Back to the patient
        </button>{' '}
        {submitted ? <Tag tone="ok">Submitted</Tag> : <Tag tone="warn">Draft</Tag>}
      </p>
      {view.conflicts.length > 0 ? (
        <section className="panel notice--danger" aria-labelledby="conflict-heading">
          <h3 id="conflict-heading">This note was edited on two devices</h3>
          <p>
            Both versions are kept. Write the text to keep below (it starts as yours), then choose
            “Keep this text”.
          </p>
          <div className="columns">
            {view.conflicts.map((c) => (
              <figure key={c.id} className="conflict">
                <figcaption>
                  {c.source === 'this_device' ? 'This computer' : 'The other device'} ·{' '}
                  <Time iso={c.savedAt} />
                </figcaption>
                <pre className="conflict__text">{c.body}</pre>
              </figure>
            ))}
          </div>
          <button
            type="button"
            onClick={() =>
              void act(() => unwrap(clinician().notes.resolveConflict({ noteId, body })))
            }
          >
            Keep this text
          </button>
        </section>
      ) : null}
      <label htmlFor="note-body">Text</label>
      <textarea
        id="note-body"
        className="note-body"
        rows={16}
        value={body}
        readOnly={submitted}
        onChange={(e) => edit(e.target.value)}
      />
      <p role="status" className="muted">
        {submitted ? (
          'Submitted notes cannot be edited.'
        ) : savedAt ? (
          <>
            Saved at <Time iso={savedAt} format="clock" /> on this computer.
          </>
        ) : dirty.current ? (
          'Not saved yet…'
        ) : null}
      </p>
      <ErrorText error={error} />
      {!submitted ? (
        <button
          type="button"
          onClick={() => void act(() => unwrap(clinician().notes.submit({ noteId })))}
          disabled={view.conflicts.length > 0}
        >
          Submit note
        </button>
      ) : null}
    </section>
  );
}
