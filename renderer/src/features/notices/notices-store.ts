import { create } from 'zustand';
import type { z } from 'zod';
import type { clinicianContract } from '../../../../shared/ipc';
import { clinician } from '../../bridge';
import { scopedStore } from '../../session-scope';

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

/**
 * The browser's Notification API, where this page may use it (the preview, once the person
 * allowed it). In Electron the renderer's permissions are denied and the main process shows
 * the notification instead, so it is never shown twice.
 */
function showOnDesktop(message: string): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    new Notification('Typed CBT Clinician', { body: message });
  } catch {
    // A platform without desktop notifications: the notices area still says it.
  }
}

/** What the core said the person should know now (`app.notice`), until dismissed. */
export const useNotices = scopedStore(
  'person',
  create<NoticesSlice>((set) => ({
    notices: [],
    follow: () =>
      clinician().app.notice((notice) => {
        const id = nextId++;
        if (notice.desktop) showOnDesktop(notice.message);
        set((s) => ({ notices: [...s.notices, { ...notice, id }].slice(-KEPT) }));
      }),
    dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  })),
);
