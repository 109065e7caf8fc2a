import { useCallback } from 'react';
import { clinician, unwrap } from '../../bridge';
import { type AutosavedText, useAutosavedText } from '../../ui/useAutosavedText';

export type NoteDraft = AutosavedText;

/**
 * The note's text and its autosave (ui/useAutosavedText): a second after typing stops, and at
 * once whenever the words could otherwise be lost. "Saved at" appears only once the core has
 * committed the text.
 */
export function useNoteDraft(noteId: string): NoteDraft {
  const save = useCallback(
    (text: string) => unwrap(clinician().notes.autosave({ noteId, body: text })),
    [noteId],
  );
  return useAutosavedText(`note:${noteId}`, save);
}
