import { create } from 'zustand';

interface CrisisSlice {
  /** Whether the crisis panel is open (from the header button or the F2 key, on any screen). */
  open: boolean;
  show(): void;
  hide(): void;
}

export const useCrisis = create<CrisisSlice>((set) => ({
  open: false,
  show: () => set({ open: true }),
  hide: () => set({ open: false }),
}));

/** The one key that opens the crisis panel from every screen, locked screens included. */
export const CRISIS_KEY = 'F2';
