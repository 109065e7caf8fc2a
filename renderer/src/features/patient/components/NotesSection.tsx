import { useState } from 'react';
import { noteMayBeStarted } from '../../../../../shared/clinical';
import type { PatientDetail } from '../../../../../shared/ipc';
import { clinician, unwrap } from '../../../bridge';
import { errorText } from '../../../ui/errors';
import { ErrorText, Tag } from '../../../ui/Feedback';
import { formatTime } from '../../../ui/format';
import { Time } from '../../../ui/Time';
import { useNav } from '../../navigation/nav-store';

type Kind = 'session_note' | 'assessment_letter' | 'discharge_letter';
const kindText: Record<Kind, string> = {
  session_note: 'Session note',
  assessment_letter: 'Assessment letter',
  discharge_letter: 'Discharge letter',
};

export function NotesSection({
  patientId,
  notes,
  appointments,
  readOnly,
}: {
  patientId: string;
  notes: PatientDetail['notes'];
  appointments: PatientDetail['appointments'];
  readOnly: boolean;
}) {
  const go = useNav((s) => s.go);
  const [kind, setKind] = useState<Kind>('session_note');
  // A note follows its session: only sessions that have taken place are offered (the core
  // checks again with server-corrected time), the most recent first and chosen by default.
  const now = new Date().toISOString();
  const eligible = [...appointments]
    .filter((a) => kind !== 'discharge_letter' && noteMayBeStarted(kind, a, now).ok)
    .sort((a, b) => (a.startsAt < b.startsAt ? 1 : -1));
  const [chosen, setChosen] = useState<string | null>(null);
  const appointmentId =
    chosen !== null && (chosen === '' || eligible.some((a) => a.id === chosen))
      ? chosen
      : (eligible[0]?.id ?? '');
  const [error, setError] = useState<string | null>(null);
  const create = async (): Promise<void> => {
    setError(null);
    try {
      const view = await unwrap(
        clinician().notes.create({ patientId, appointmentId: appointmentId || null, kind }),
      );
      go({ view: 'note', noteId: view.noteId, patientId });
    } catch (e) {
      setError(errorText(e));
    }
  };
  const sorted = [...notes].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
  return (
    <section className="panel" aria-labelledby="notes-heading">
      <h3 id="notes-heading">Notes and letters</h3>
      {sorted.length === 0 ? <p>No notes yet.</p> : null}
      <ul className="plain-list">
        {sorted.map((n) => (
          <li key={n.noteId}>
            <button
              type="button"
              className="link-button"
              onClick={() => go({ view: 'note', noteId: n.noteId, patientId })}
            >
              {kindText[n.kind as Kind] ?? n.kind}
            </button>{' '}
            <Time iso={n.updatedAt} />{' '}
            {n.note?.status === 'submitted' ? (
              <Tag tone="ok">Submitted</Tag>
            ) : (
              <Tag tone="warn">Draft</Tag>
            )}{' '}
            {n.hasDraft ? <Tag tone="info">Unsent changes</Tag> : null}{' '}
            {n.hasConflict ? <Tag tone="danger">Two versions: merge needed</Tag> : null}
          </li>
        ))}
      </ul>
      {!readOnly ? (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            void create();
          }}
        >
          <label htmlFor="new-note-kind">New</label>
          <select id="new-note-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {(Object.keys(kindText) as Kind[]).map((k) => (
              <option key={k} value={k}>
                {kindText[k]}
              </option>
            ))}
          </select>
          <label htmlFor="new-note-appointment">for</label>
          <select
            id="new-note-appointment"
            value={appointmentId}
            onChange={(e) => setChosen(e.target.value)}
          >
            <option value="">No particular session</option>
            {eligible.map((a) => (
              <option key={a.id} value={a.id}>
                {a.kind === 'assessment' ? 'Assessment' : `Session ${a.sessionNumber}`},{' '}
                {formatTime(a.startsAt)}
              </option>
            ))}
          </select>
          <button type="submit">Start writing</button>
          <ErrorText error={error} />
        </form>
      ) : null}
    </section>
  );
}
