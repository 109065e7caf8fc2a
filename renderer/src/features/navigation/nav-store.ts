import { create } from 'zustand';

/** Where the workspace is: one view at a time, reached from the navigation or a link. */
export type Route =
  | { view: 'today' }
  | { view: 'caseload' }
  | { view: 'messages'; patientId?: string }
  | { view: 'transcripts'; transcriptId?: string; utteranceSeq?: number }
  | { view: 'tickets'; ticketId?: string }
  | { view: 'hours' }
  | { view: 'urgent-risk' }
  | { view: 'abroad' }
  | { view: 'settings' }
  | { view: 'therapists'; therapistId?: string }
  /** `focus`: the id of the control to act in (a deadline opens the reply box, not the top). */
  | { view: 'patient'; patientId: string; focus?: string }
  | { view: 'note'; noteId: string; patientId: string };

interface NavSlice {
  route: Route;
  history: Route[];
  go(route: Route): void;
  back(): void;
}

export const useNav = create<NavSlice>((set) => ({
  route: { view: 'today' },
  history: [],
  go: (route) => set((s) => ({ route, history: [...s.history.slice(-20), s.route] })),
  back: () =>
    set((s) => {
      const previous = s.history.at(-1);
      return previous ? { route: previous, history: s.history.slice(0, -1) } : s;
    }),
}));
