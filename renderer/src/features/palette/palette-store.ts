import { create } from 'zustand';
import { scopedStore } from '../../session-scope';

interface PaletteSlice {
  open: boolean;
  show(): void;
  hide(): void;
  toggle(): void;
}

/** Whether the command palette is open: one for the window. */
export const usePalette = scopedStore(
  'person',
  create<PaletteSlice>((set) => ({
    open: false,
    show: () => set({ open: true }),
    hide: () => set({ open: false }),
    toggle: () => set((s) => ({ open: !s.open })),
  })),
);
