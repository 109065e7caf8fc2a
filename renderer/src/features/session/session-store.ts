import { create } from 'zustand';
import type { SessionStatus } from '../../../../shared/ipc';
import { clinician, unwrap } from '../../bridge';

interface SessionSlice {
  status: SessionStatus | null;
  error: string | null;
  /** Load once and follow changes pushed by the core; returns the unsubscribe. */
  follow(): () => void;
}

export const useSession = create<SessionSlice>((set) => ({
  status: null,
  error: null,
  follow() {
    let unsubscribe = (): void => {};
    try {
      const api = clinician();
      unsubscribe = api.session.changed((status) => set({ status, error: null }));
      unwrap(api.session.status()).then(
        (status) => set({ status, error: null }),
        (error: unknown) => set({ error: error instanceof Error ? error.message : String(error) }),
      );
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    }
    return unsubscribe;
  },
}));
