import { create } from 'zustand';
import type { LocationStatus, SessionStatus } from '../../../../shared/ipc';
import { clinician, unwrap } from '../../bridge';
import { errorText } from '../../ui/errors';
import { adoptSessionStatus } from '../../session-scope';

export interface SignInForm {
  serverUrl: string | undefined;
  email: string;
  password: string;
  totp: string;
  passcode: string;
}

export interface ReauthenticateForm {
  email: string;
  password: string;
  totp: string;
  newPasscode: string | undefined;
}

interface SessionSlice {
  status: SessionStatus | null;
  location: LocationStatus | null;
  /** The engine cannot be reached at all. */
  error: string | null;
  /** The last action the user asked for failed (wrong passcode, refused sign-in…). */
  actionError: string | null;
  busy: boolean;
  /** Load once and follow changes pushed by the core; returns the unsubscribe. */
  follow(): () => void;
  signIn(form: SignInForm): Promise<void>;
  unlock(passcode: string): Promise<void>;
  /** Sign in again online as the same person: every unsent change is kept. */
  reauthenticate(form: ReauthenticateForm): Promise<void>;
  lock(): void;
  /** The inactivity lock delay on this computer. */
  setLockAfter(minutes: number): Promise<void>;
  /** Erase this device; `discardUnsentChanges` is the number the person was shown. */
  signOut(discardUnsentChanges?: number): void;
  dismissRecovery(): void;
  clearActionError(): void;
}

export const useSession = create<SessionSlice>((set, get) => {
  /** Every status the window takes on passes here: it ends what the change ends. */
  const adopt = (status: SessionStatus): void => {
    adoptSessionStatus(status);
    set({ status, error: null });
  };
  /** Runs a session action; its answer is the new status (events may bring it first). */
  const act = async (call: () => Promise<SessionStatus>): Promise<void> => {
    set({ busy: true, actionError: null });
    try {
      adopt(await call());
      set({ busy: false });
    } catch (error) {
      set({ actionError: errorText(error), busy: false });
    }
  };
  return {
    status: null,
    location: null,
    error: null,
    actionError: null,
    busy: false,
    follow() {
      try {
        const api = clinician();
        const stops = [
          api.session.changed(adopt),
          api.location.changed((location) => set({ location })),
        ];
        unwrap(api.session.status()).then(adopt, (error: unknown) =>
          set({ error: errorText(error) }),
        );
        unwrap(api.location.status()).then(
          (location) => set({ location }),
          () => set({ location: null }),
        );
        return () => stops.forEach((stop) => stop());
      } catch (error) {
        set({ error: errorText(error) });
        return () => {};
      }
    },
    signIn: (form) => act(() => unwrap(clinician().session.signIn(form))),
    unlock: async (passcode) => {
      await act(() => unwrap(clinician().session.unlock({ passcode })));
      // The last wrong passcode moved on to the sign-in screen, which says why itself.
      if (get().status?.state !== 'locked') set({ actionError: null });
    },
    reauthenticate: ({ newPasscode, ...form }) =>
      act(() =>
        unwrap(
          clinician().session.reauthenticate(
            newPasscode === undefined ? form : { ...form, newPasscode },
          ),
        ),
      ),
    lock: () => void act(() => unwrap(clinician().session.lock())),
    setLockAfter: (minutes) => act(() => unwrap(clinician().session.setLockAfter({ minutes }))),
    signOut: (discardUnsentChanges) =>
      void act(() =>
        unwrap(
          clinician().session.signOut(
            discardUnsentChanges === undefined ? {} : { discardUnsentChanges },
          ),
        ),
      ),
    dismissRecovery: () => void act(() => unwrap(clinician().session.dismissRecovery())),
    clearActionError: () => set({ actionError: null }),
  };
});
