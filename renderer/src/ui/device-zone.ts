import { useEffect } from 'react';
import { create } from 'zustand';
import { deviceZone } from '../../../shared/clinical';

/**
 * This computer's time zone, as the one value every time on screen reads. Asking Intl for it
 * builds a DateTimeFormat each time (1–3 ms on our machines): a supervisor's home shows
 * hundreds of times, and reading the zone per time cost 0.7 s of its first paint. So it is
 * read once and again whenever it may have changed — on focus, when the window becomes
 * visible (wake from sleep), and once a minute — and every `Time` re-renders only when the
 * zone really changed (a therapist's laptop arriving in Madrid).
 */
export const useDeviceZone = create<{ zone: string; refresh(): void }>((set) => ({
  zone: deviceZone(),
  refresh: () => set({ zone: deviceZone() }),
}));

/** How often the zone is read again when nothing told us it may have changed. */
export const ZONE_POLL_MS = 60_000;

/** Keep `useDeviceZone` current while mounted (once, at the top of the app). */
export function useFollowDeviceZone(): void {
  useEffect(() => {
    const refresh = (): void => useDeviceZone.getState().refresh();
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') refresh();
    };
    window.addEventListener('focus', refresh);
    document.addEventListener('visibilitychange', onVisible);
    const timer = window.setInterval(refresh, ZONE_POLL_MS);
    return () => {
      window.removeEventListener('focus', refresh);
      document.removeEventListener('visibilitychange', onVisible);
      window.clearInterval(timer);
    };
  }, []);
}
