import { create } from 'zustand';
import type { z } from 'zod';
import type { clinicianContract } from '../../../../shared/ipc';
import { clinician } from '../../bridge';

type NoticePayload = z.infer<(typeof clinicianContract)['app']['notice']['payload']>;
export interface Notice extends NoticePayload {
  readonly id: number;
}

/** The notices kept on screen at most: the oldest go first. */
const KEPT = 5;

interface NoticesSlice {
  notices: Notice[];
  /** Follow `app.notice` while the workspace is shown; returns the unsubscribe. */
  follow(): () => void;
  dismiss(id: number): void;
}

let nextId = 1;

/** What the core said the person should know now (`app.notice`), until dismissed. */
export const useNotices = create<NoticesSlice>((set) => ({
  notices: [],
  follow: () =>
    clinician().app.notice((notice) => {
      const id = nextId++;
      set((s) => ({ notices: [...s.notices, { ...notice, id }].slice(-KEPT) }));
    }),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));
