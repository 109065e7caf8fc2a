import { create } from 'zustand';
import type { ChangeNeedingAttention, SyncStatus } from '../../../../shared/ipc';
import { clinician, unwrap } from '../../bridge';
import { forgetWhenEnded, scopedStore } from '../../session-scope';
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

/**
 * The sync status as the core last said it, for the person signed in (session scope
 * 'person': the next person to sign in never sees the last one's counts, not even while their
 * own status is on its way). While patient data is closed the window keeps the counts and
 * when it last synced, and lets go of what the refused and held-back changes said (they name
 * patients): the list is closed, and reading it again after unlocking asks the core anew.
 */
export const useSync = scopedStore(
  'person',
  create<SyncSlice>((set) => ({
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
  })),
);

const wordless = (change: ChangeNeedingAttention): ChangeNeedingAttention => ({
  ...change,
  summary: '',
  reason: '',
});
forgetWhenEnded('patient-data', () =>
  useSync.setState(({ status }) => ({
    changesOpen: false,
    status: status && {
      ...status,
      rejected: status.rejected.map(wordless),
      heldBack: status.heldBack.map(wordless),
    },
  })),
);
