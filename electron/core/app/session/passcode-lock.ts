/** After this many wrong passcodes, only an online sign-in (password + TOTP) opens the app. */
export const MAX_UNLOCK_ATTEMPTS = 5;

/** What a wrong passcode leads to, given how many were wrong before it. */
export function afterWrongPasscode(failedBefore: number): {
  readonly failed: number;
  readonly attemptsLeft: number;
  readonly lockedOut: boolean;
} {
  const failed = failedBefore + 1;
  const attemptsLeft = Math.max(0, MAX_UNLOCK_ATTEMPTS - failed);
  return { failed, attemptsLeft, lockedOut: attemptsLeft === 0 };
}

export const attemptsLeftOf = (failed: number): number => Math.max(0, MAX_UNLOCK_ATTEMPTS - failed);

/**
 * The inactivity lock: `arm` (re)starts the countdown, `disarm` stops it. The timer does not
 * keep the process alive. Fired, it asks the session to lock (through its serialised queue).
 */
export function inactivityLock(onIdle: (minutes: number) => void) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const disarm = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return {
    arm(minutes: number): void {
      disarm();
      timer = setTimeout(() => {
        timer = null;
        onIdle(minutes);
      }, minutes * 60_000);
      timer.unref?.();
    },
    disarm,
    armed: (): boolean => timer !== null,
  };
}
