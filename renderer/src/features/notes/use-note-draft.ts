import { useCallback, useEffect, useRef, useState } from 'react';
import { clinician, unwrap } from '../../bridge';
import { errorText } from '../../ui/errors';

const AUTOSAVE_MS = 1_000;

/**
 * Text typed but not yet saved by the core, by note. It outlives the editor: when the editor
 * goes away at a moment the core cannot take the save (the lock screen replaced it), the
 * words wait here — in this window's memory only, never on disk — and the editor saves them
 * as soon as it is back. Cleared when the core has the text.
 */
const unsaved = new Map<string, string>();

export interface NoteDraft {
  body: string;
  /** Set the text the editor shows first (once loaded), unless unsaved words are waiting. */
  load(serverText: string): void;
  edit(text: string): void;
  /** Save now what is waiting (leave, blur, lock, quit, submit); resolves when the core has it. */
  flush(): Promise<void>;
  dirty: boolean;
  savedAt: string | null;
  error: string | null;
}

/**
 * The note's text and its autosave: a second after typing stops, and at once whenever the
 * words could otherwise be lost — on leaving the editor, when the window loses focus or is
 * hidden, before it unloads. "Saved at" appears only once the core has committed the text.
 */
export function useNoteDraft(noteId: string): NoteDraft {
  const [body, setBody] = useState(() => unsaved.get(noteId) ?? '');
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dirty, setDirty] = useState(unsaved.has(noteId));
  const latest = useRef(body);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const mounted = useRef(true);

  const save = useCallback(
    async (text: string): Promise<void> => {
      try {
        const result = await unwrap(clinician().notes.autosave({ noteId, body: text }));
        if (unsaved.get(noteId) === text) unsaved.delete(noteId);
        if (!mounted.current) return;
        if (latest.current === text) setDirty(false);
        setSavedAt(result.savedAt);
        setError(null);
      } catch (e) {
        // The words stay in `unsaved` and on screen: nothing typed is dropped.
        if (mounted.current) setError(errorText(e));
      }
    },
    [noteId],
  );

  const flush = useCallback(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const text = unsaved.get(noteId);
    if (text !== undefined) await save(text);
  }, [noteId, save]);

  const edit = useCallback(
    (text: string): void => {
      latest.current = text;
      unsaved.set(noteId, text);
      setBody(text);
      setDirty(true);
      setSavedAt(null);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
    },
    [noteId, flush],
  );

  const load = useCallback(
    (serverText: string): void => {
      const waiting = unsaved.get(noteId);
      if (waiting !== undefined) {
        // Words typed before the editor went away (e.g. the lock): show them and save them.
        latest.current = waiting;
        setBody(waiting);
        setDirty(true);
        void flush();
        return;
      }
      latest.current = serverText;
      setBody(serverText);
    },
    [noteId, flush],
  );

  useEffect(() => {
    mounted.current = true;
    const onHidden = (): void => {
      if (document.visibilityState === 'hidden') void flush();
    };
    const onLeave = (): void => void flush();
    window.addEventListener('blur', onLeave);
    window.addEventListener('pagehide', onLeave);
    window.addEventListener('beforeunload', onLeave);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      window.removeEventListener('blur', onLeave);
      window.removeEventListener('pagehide', onLeave);
      window.removeEventListener('beforeunload', onLeave);
      document.removeEventListener('visibilitychange', onHidden);
      mounted.current = false;
      // Leaving the editor (another view, the lock screen): save what is waiting now.
      void flush();
    };
  }, [flush]);

  return {
    body,
    load,
    edit,
    flush,
    dirty,
    savedAt,
    error,
  };
}
