import { useCallback, useEffect, useRef, useState } from 'react';
import type { NoteView } from '../../../../../shared/ipc';
import { clinician, unwrap } from '../../../bridge';
import { errorText } from '../../../ui/errors';
import { ErrorText, Loading, Tag } from '../../../ui/Feedback';
import { Time } from '../../../ui/Time';
import { ViewHeading } from '../../../ui/ViewHeading';
import { useNav } from '../../navigation/nav-store';
import { usePatientStore } from '../../patient/store/patient-store';
import { onDataChanged, touches } from '../../sync/data-changes';
import { useNoteDraft } from '../use-note-draft';
import { ConflictPanel } from './ConflictPanel';
import { NoteSubject, subjectWords } from './NoteSubject';
import { SubmitNoteDialog } from './SubmitNoteDialog';

const TITLES: Record<NoteView['kind'], string> = {
  session_note: 'Session note',
  assessment_letter: 'Assessment letter',
  discharge_letter: 'Discharge letter',
};

/**
 * A note or letter, named with its patient, session and date. Autosaved a second after typing
 * stops and at once on leaving, losing focus, locking or quitting ("Saved at" appears only
 * once the core has it); submitted — irreversibly — after a confirmation; when edited on two
 * devices, both versions sit side by side and the therapist writes the merged text.
 */
export function NoteEditor({
  noteId,
  patientId,
  focus,
}: {
  noteId: string;
  patientId: string;
  /** The id of a control to put the person in once the note shows (after the heading's focus). */
  focus?: string | undefined;
}) {
  const go = useNav((s) => s.go);
  const draft = useNoteDraft(noteId);
  const { load: showText, flush } = draft;
  const [view, setView] = useState<NoteView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const loaded = useRef(false);
  // The patient record the editor was opened from (already read and audited there).
  const patient = usePatientStore((s) => s.byKey[patientId]?.value ?? null);

  const load = useCallback(async () => {
    try {
      const next = await unwrap(clinician().notes.open({ noteId }));
      setView(next);
      setError(null);
      // The text on screen is the therapist's: a later reload never replaces it.
      if (!loaded.current) showText(next.draft?.body ?? next.server?.body ?? '');
      loaded.current = true;
    } catch (e) {
      setError(errorText(e));
    }
  }, [noteId, showText]);
  useEffect(() => {
    void load();
    return onDataChanged((change) => {
      if (touches(change, ['note', 'outbox'], patientId)) void load();
    });
  }, [load, patientId]);

  const act = async (fn: () => Promise<NoteView>): Promise<void> => {
    try {
      await flush();
      setView(await fn());
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const shown = view !== null;
  useEffect(() => {
    if (shown && focus) document.getElementById(focus)?.focus();
  }, [shown, focus]);

  if (!view) return error ? <ErrorText error={error} /> : <Loading what="the note" />;
  const submitted = view.server?.status === 'submitted';
  const subject = subjectWords(view, patient);
  return (
    <section className="view" aria-labelledby="view-heading">
      <ViewHeading>
        {TITLES[view.kind]}
        {subject.patientName ? ` — ${subject.patientName}` : ''}
      </ViewHeading>
      <NoteSubject view={view} patient={patient} />
      <p>
        <button
          type="button"
          className="link-button"
          onClick={() => go({ view: 'patient', patientId })}
        >
          Back to the patient
        </button>{' '}
        {submitted ? <Tag tone="ok">Submitted</Tag> : <Tag tone="warn">Draft</Tag>}{' '}
        {view.syncState === 'pending' ? <Tag tone="info">Waiting to be sent</Tag> : null}
        {view.syncState === 'rejected' ? (
          <Tag tone="danger">
            A change to this note was refused by the server (see Refused changes)
          </Tag>
        ) : null}
      </p>
      {view.conflicts.length > 0 ? (
        <ConflictPanel
          conflicts={view.conflicts}
          onKeep={() =>
            void act(() => unwrap(clinician().notes.resolveConflict({ noteId, body: draft.body })))
          }
        />
      ) : null}
      {!submitted && view.template && draft.body.trim() === '' ? (
        <p>
          <button
            type="button"
            onClick={() => {
              if (view.template) draft.edit(view.template.body);
              document.getElementById('note-body')?.focus();
            }}
          >
            Start from the {view.template.name} template
          </button>{' '}
          <span className="muted small">
            Headings to write under, from the service&rsquo;s templates; saved like anything you
            type.
          </span>
        </p>
      ) : null}
      <label htmlFor="note-body">Text</label>
      <textarea
        id="note-body"
        className="note-body"
        rows={16}
        value={draft.body}
        readOnly={submitted}
        onChange={(e) => draft.edit(e.target.value)}
      />
      <p role="status" className="muted">
        {submitted ? (
          'Submitted notes cannot be edited.'
        ) : draft.dirty ? (
          'Not saved yet…'
        ) : draft.savedAt ? (
          <>
            Saved at <Time iso={draft.savedAt} format="clock" /> on this computer.
          </>
        ) : null}
      </p>
      <ErrorText error={draft.error ?? error} />
      {!submitted ? (
        <button
          type="button"
          onClick={() => setConfirming(true)}
          disabled={view.conflicts.length > 0}
        >
          Submit note…
        </button>
      ) : null}
      {confirming ? (
        <SubmitNoteDialog
          title={TITLES[view.kind]}
          subject={subject.text}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void act(() => unwrap(clinician().notes.submit({ noteId })));
          }}
        />
      ) : null}
    </section>
  );
}
