import { create } from 'zustand';
import type { AppInfo } from '../../../../shared/ipc';
import { clinician, unwrap } from '../../bridge';

interface AboutSlice {
  info: AppInfo | null;
  error: string | null;
  load(): void;
}

export const useAbout = create<AboutSlice>((set) => ({
  info: null,
  error: null,
  load() {
    try {
      unwrap(clinician().app.info()).then(
        (info) => set({ info, error: null }),
        (error: unknown) => set({ error: error instanceof Error ? error.message : String(error) }),
      );
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    }
  },
}));
