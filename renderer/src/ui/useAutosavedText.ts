import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { forgetWhenEnded } from '../session-scope';
import { errorText } from './errors';

const AUTOSAVE_MS = 1_000;

/**
 * Text typed but not yet saved by the core, by key ('note:<id>', 'reply:<patientId>'). It
 * outlives the editor: when the editor goes away at a moment the core cannot take the save
 * (the lock screen replaced it), the words wait here — in this window's memory only, never on
 * disk — and the editor saves them as soon as it is back. Cleared when the core has the text,
 * and when the person signed in changes (their sign-out or erasure ends them with the rest).
 */
const unsaved = new Map<string, string>();
forgetWhenEnded('person', () => unsaved.clear());

export interface AutosavedText {
  body: string;
  /** Set the text the editor shows first (once loaded), unless unsaved words are waiting. */
  load(savedText: string): void;
  edit(text: string): void;
  /** Save now what is waiting (leave, blur, lock, quit, submit); resolves when the core has it. */
  flush(): Promise<void>;
  /** The core took the words elsewhere (a reply was queued): forget them without saving. */
  reset(): void;
  dirty: boolean;
  savedAt: string | null;
  error: string | null;
}

/**
 * Text and its autosave: a second after typing stops, and at once whenever the words could
 * otherwise be lost — on leaving the editor, when the window loses focus or is hidden, before
 * it unloads. "Saved" appears only once the core has committed the text (`savedAt`). One
 * mechanism for every draft kept on the device (notes, replies to patients).
 */
export function useAutosavedText(
  key: string,
  save: (text: string) => Promise<{ savedAt: string }>,
): AutosavedText {
  const [body, setBody] = useState(() => unsaved.get(key) ?? '');
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dirty, setDirty] = useState(unsaved.has(key));
  const latest = useRef(body);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const mounted = useRef(true);
  const saveRef = useRef(save);
  useLayoutEffect(() => {
    saveRef.current = save;
  });

  const saveNow = useCallback(
    async (text: string): Promise<void> => {
      try {
        const result = await saveRef.current(text);
        if (unsaved.get(key) === text) unsaved.delete(key);
        if (!mounted.current) return;
        if (latest.current === text) setDirty(false);
        setSavedAt(result.savedAt);
        setError(null);
      } catch (e) {
        // The words stay in `unsaved` and on screen: nothing typed is dropped.
        if (mounted.current) setError(errorText(e));
      }
    },
    [key],
  );

  const flush = useCallback(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const text = unsaved.get(key);
    if (text !== undefined) await saveNow(text);
  }, [key, saveNow]);

  const edit = useCallback(
    (text: string): void => {
      latest.current = text;
      unsaved.set(key, text);
      setBody(text);
      setDirty(true);
      setSavedAt(null);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
    },
    [key, flush],
  );

  const load = useCallback(
    (savedText: string): void => {
      const waiting = unsaved.get(key);
      if (waiting !== undefined) {
        // Words typed before the editor went away (e.g. the lock): show them and save them.
        latest.current = waiting;
        setBody(waiting);
        setDirty(true);
        void flush();
        return;
      }
      latest.current = savedText;
      setBody(savedText);
    },
    [key, flush],
  );

  const reset = useCallback((): void => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    unsaved.delete(key);
    latest.current = '';
    setBody('');
    setDirty(false);
    setSavedAt(null);
    setError(null);
  }, [key]);

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

  return { body, load, edit, flush, reset, dirty, savedAt, error };
}
