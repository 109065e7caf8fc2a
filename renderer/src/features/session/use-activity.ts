import { useEffect } from 'react';
import { clinician } from '../../bridge';

const THROTTLE_MS = 30_000;

/** Tell the core the user is active (at most every 30 s) so the inactivity lock waits. */
export function useActivityTouch(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    let last = 0;
    const touch = (): void => {
      const now = Date.now();
      if (now - last < THROTTLE_MS) return;
      last = now;
      void clinician().session.touch();
    };
    const events = ['keydown', 'pointerdown', 'wheel'] as const;
    for (const name of events) window.addEventListener(name, touch, { passive: true });
    return () => {
      for (const name of events) window.removeEventListener(name, touch);
    };
  }, [enabled]);
}
