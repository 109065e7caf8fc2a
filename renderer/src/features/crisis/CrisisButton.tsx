import { useEffect } from 'react';
import { CRISIS_KEY, useCrisis } from './crisis-store';

/**
 * The crisis panel's way in, in the header of every screen (signed out, locked, signing in
 * again, location check, workspace), and its key: F2 from anywhere in the window.
 */
export function CrisisButton() {
  const show = useCrisis((s) => s.show);
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== CRISIS_KEY || event.repeat) return;
      event.preventDefault();
      show();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [show]);
  return (
    <button
      type="button"
      className="button button--small button--danger"
      aria-keyshortcuts={CRISIS_KEY}
      onClick={show}
    >
      Crisis numbers <kbd>{CRISIS_KEY}</kbd>
    </button>
  );
}
