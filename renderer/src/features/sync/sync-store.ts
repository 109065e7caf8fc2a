import { create } from 'zustand';
import type { SyncStatus } from '../../../../shared/ipc';
import { clinician, unwrap } from '../../bridge';
import { errorText } from '../../ui/errors';

interface SyncSlice {
  status: SyncStatus | null;
  error: string | null;
  /** Whether the list of changes needing the person is open. */
  changesOpen: boolean;
  follow(): () => void;
  syncNow(): void;
  openChanges(): void;
  closeChanges(): void;
}

export const useSync = create<SyncSlice>((set) => ({
  status: null,
  error: null,
  changesOpen: false,
  follow() {
    try {
      const api = clinician();
      const stop = api.sync.changed((status) => set({ status }));
      unwrap(api.sync.status()).then(
        (status) => set({ status, error: null }),
        (error: unknown) => set({ error: errorText(error) }),
      );
      return stop;
    } catch (error) {
      set({ error: errorText(error) });
      return () => {};
    }
  },
  syncNow() {
    unwrap(clinician().sync.now()).then(
      () => set({ error: null }),
      (error: unknown) => set({ error: errorText(error) }),
    );
  },
  openChanges: () => set({ changesOpen: true }),
  closeChanges: () => set({ changesOpen: false }),
}));
