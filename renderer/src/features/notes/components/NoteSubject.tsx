import type { NoteView, PatientDetail } from '../../../../../shared/ipc';
import { formatTime } from '../../../ui/format';
import { Time } from '../../../ui/Time';

/** The patient and the session a note is about, in words (for the heading and the dialog). */
export function subjectWords(
  view: NoteView,
  patient: PatientDetail | null,
): { patientName: string | null; session: string | null; text: string } {
  const patientName = patient ? `${patient.patient.givenName} ${patient.patient.familyName}` : null;
  const a = view.appointmentId
    ? patient?.appointments.find((x) => x.id === view.appointmentId)
    : undefined;
  const session = a
    ? `${a.kind === 'assessment' ? 'assessment' : `treatment session ${a.sessionNumber}`} of ${formatTime(a.startsAt)}`
    : null;
  const who = patientName ?? 'this patient';
  const text = session
    ? `${who}, ${session}`
    : view.appointmentId
      ? `${who} (its session is not on this screen)`
      : `${who} (not linked to a session)`;
  return { patientName, session, text };
}

/** "For Sam Carter's treatment session 3 of Tuesday 3 March 2026, 10:00." */
export function NoteSubject({ view, patient }: { view: NoteView; patient: PatientDetail | null }) {
  const a = view.appointmentId
    ? patient?.appointments.find((x) => x.id === view.appointmentId)
    : undefined;
  const name = patient ? `${patient.patient.givenName} ${patient.patient.familyName}` : null;
  return (
    <p className="note-subject">
      {name ? (
        <>
          For <strong>{name}</strong>
          {patient ? <span className="muted"> ({patient.patient.caseReference})</span> : null}
        </>
      ) : (
        'For this patient'
      )}
      {a ? (
        <>
          {' · '}
          {a.kind === 'assessment' ? 'Assessment' : `Treatment session ${a.sessionNumber}`} of{' '}
          <Time iso={a.startsAt} />
        </>
      ) : view.appointmentId ? null : (
        ' · not linked to a session'
      )}
    </p>
  );
}
