import { create } from 'zustand';
import type { TodayPlace } from '../../../../shared/clinical';
import { scopedStore } from '../../session-scope';

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
  /**
   * `focus`: the id of the control to act in (the palette's "reply" puts you in the reply box).
   * `place`: where an item of Today is acted on (shared/clinical TodayPlace): the reply box,
   * the note of a session opened in the editor, the ticket form with its type chosen, a session.
   */
  | { view: 'patient'; patientId: string; focus?: string; place?: TodayPlace }
  /** `focus`: the id of the control to put the person in (Today's note item: the text). */
  | { view: 'note'; noteId: string; patientId: string; focus?: string };

interface NavSlice {
  route: Route;
  history: Route[];
  go(route: Route): void;
  /** Goes on from here without keeping here in the history (a link resolved to its place). */
  replace(route: Route): void;
  back(): void;
}

/** Where the person was is theirs: the next person to sign in starts on their own Today. */
export const useNav = scopedStore(
  'person',
  create<NavSlice>((set) => ({
    route: { view: 'today' },
    history: [],
    go: (route) => set((s) => ({ route, history: [...s.history.slice(-20), s.route] })),
    replace: (route) => set({ route }),
    back: () =>
      set((s) => {
        const previous = s.history.at(-1);
        return previous ? { route: previous, history: s.history.slice(0, -1) } : s;
      }),
  })),
);
