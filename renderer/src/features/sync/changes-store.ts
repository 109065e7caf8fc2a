import { create } from 'zustand';
import type { ChangeInFull } from '../../../../shared/ipc';
import { clinician, unwrap } from '../../bridge';
import { errorText } from '../../ui/errors';
import { scopedStore } from '../../session-scope';

type Outcome = { ok: true; said: string } | { ok: false; error: string };

interface ChangesSlice {
  /** The change open in full, by seq. */
  open: ChangeInFull | null;
  loading: boolean;
  error: string | null;
  /** What the last action did, in words (announced). */
  said: string | null;
  show(seq: number): Promise<void>;
  close(): void;
  resend(seq: number, text: string | null): Promise<Outcome>;
  discard(change: ChangeInFull): Promise<Outcome>;
  retry(seq: number): Promise<Outcome>;
}

/**
 * The refused and held-back changes, one at a time in full, and what the person chooses to
 * do with each: every action is a core method, and nothing happens without a choice.
 */
export const useChanges = scopedStore(
  'patient-data',
  create<ChangesSlice>((set) => {
    const act = async (work: () => Promise<unknown>, said: string): Promise<Outcome> => {
      try {
        await work();
        set({ open: null, said, error: null });
        return { ok: true, said };
      } catch (error) {
        const text = errorText(error);
        set({ error: text });
        return { ok: false, error: text };
      }
    };
    return {
      open: null,
      loading: false,
      error: null,
      said: null,
      async show(seq) {
        set({ loading: true, error: null, said: null });
        try {
          set({ open: await unwrap(clinician().sync.change({ seq })), loading: false });
        } catch (error) {
          set({ open: null, loading: false, error: errorText(error) });
        }
      },
      close: () => set({ open: null, error: null }),
      resend: (seq, text) =>
        act(
          () => unwrap(clinician().sync.resendRefused({ seq, text })),
          'Sent again as a new change: it is waiting to go to the server.',
        ),
      discard: (change) =>
        act(
          () =>
            unwrap(
              change.state === 'refused'
                ? clinician().sync.discardRefused({ seq: change.seq })
                : clinician().sync.discardHeldBack({ seq: change.seq }),
            ),
          'Discarded. It will not be sent.',
        ),
      retry: (seq) =>
        act(
          () => unwrap(clinician().sync.retryHeldBack({ seq })),
          'It will be tried again after the changes waiting now.',
        ),
    };
  }),
);
