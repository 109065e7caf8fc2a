import { useEffect, useRef, useState } from 'react';
import type { TodayPlace } from '../../../../shared/clinical';
import type { PatientDetail } from '../../../../shared/ipc';
import { clinician, unwrap } from '../../bridge';
import { errorText } from '../../ui/errors';
import { useNav } from '../navigation/nav-store';

/** The id of the control a place puts the person in, on the patient's record. */
export function controlOfPlace(place: TodayPlace, patientId: string): string | undefined {
  switch (place.to) {
    case 'reply':
      return `reply-${patientId}`;
    case 'ticket':
      return 'ticket-type';
    case 'appointment':
      return `appointment-${place.appointmentId}`;
    case 'note': // opened in the editor instead (useNoteOfPlace)
    case 'record':
      return undefined;
  }
}

/**
 * The note a place names, opened in the editor: the patient's note of that kind for that
 * session (a discharge letter: the latest one) if there is one, else a new one started for it.
 * The record is left out of the history, so "Back" from the editor returns where the person
 * came from. Returns why it could not, in words (the record stays on screen).
 */
export function useNoteOfPlace(
  place: TodayPlace | undefined,
  patientId: string,
  detail: PatientDetail | null,
): string | null {
  const replace = useNav((s) => s.replace);
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);
  useEffect(() => {
    if (!detail || place?.to !== 'note' || started.current) return;
    started.current = true;
    const existing = detail.notes
      .filter((n) => n.kind === place.noteKind && n.appointmentId === place.appointmentId)
      .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))[0];
    const open = existing
      ? Promise.resolve(existing.noteId)
      : unwrap(
          clinician().notes.create({
            patientId,
            appointmentId: place.appointmentId,
            kind: place.noteKind,
          }),
        ).then((view) => view.noteId);
    open.then(
      (noteId) => replace({ view: 'note', noteId, patientId, focus: 'note-body' }),
      (e: unknown) => setError(errorText(e)),
    );
  }, [detail, place, patientId, replace]);
  return error;
}
