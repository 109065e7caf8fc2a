import type { SignInNeededWhy } from '../../../../shared/ipc';

/**
 * The device session as an explicit state machine (after rocicorp/mono's connection-manager:
 * a discriminated union where each state carries its own data, and a table of the moves
 * allowed between them). Every state change goes through `transition`, which only a
 * serialised command can call, so two commands never interleave (no two unlocks ever race
 * past the attempt count), and a move the table does not allow is a bug that throws.
 *
 * Facts that are not states (is the store open, is the location rule met) are derived where
 * they are read, as bitwarden/clients derives locked/unlocked from facts.
 */
export type SessionState =
  /** Opening what this device holds, once, at start. */
  | { readonly name: 'starting' }
  /** Nobody's data on this device. `reason` says why (after a wipe or a sign-out). */
  | { readonly name: 'signed-out'; readonly reason: string | null }
  /**
   * Patient data closed until the passcode is given. `then` is where a right passcode leads:
   * patient data, or (an online sign-in already owed) the sign-in screen.
   */
  | {
      readonly name: 'locked';
      readonly reason: string;
      readonly then: 'unlocked' | { readonly signInNeeded: SignInNeededWhy };
    }
  /** Patient data open (still subject to the location rule, derived where read). */
  | { readonly name: 'unlocked' }
  /** The sign-in cannot be renewed here: an online sign-in by the same person; nothing lost. */
  | { readonly name: 'sign-in-needed'; readonly why: SignInNeededWhy; readonly reason: string }
  /** The core is shutting down: terminal. */
  | { readonly name: 'closed' };

export type SessionStateName = SessionState['name'];

/** Every move the session may make; anything else is refused (a bug, not a user error). */
export const allowedTransitions: Readonly<Record<SessionStateName, readonly SessionStateName[]>> = {
  starting: ['signed-out', 'locked', 'sign-in-needed', 'closed'],
  'signed-out': ['unlocked', 'signed-out', 'closed'],
  locked: ['unlocked', 'locked', 'sign-in-needed', 'signed-out', 'closed'],
  unlocked: ['locked', 'sign-in-needed', 'signed-out', 'closed'],
  'sign-in-needed': ['unlocked', 'sign-in-needed', 'signed-out', 'closed'],
  closed: [],
};

export class IllegalTransitionError extends Error {
  override readonly name = 'IllegalTransitionError';
  constructor(from: SessionStateName, to: SessionStateName) {
    super(`The session cannot go from ${from} to ${to}.`);
  }
}

export const mayTransition = (from: SessionStateName, to: SessionStateName): boolean =>
  allowedTransitions[from].includes(to);

/** Handed to a running command: the only way to change state, valid while the command runs. */
export type Transition = (next: SessionState) => void;

export interface SessionMachine {
  readonly state: SessionState;
  /**
   * Run a command alone, after every command queued before it (FIFO). The command gets the
   * transition function; a failed command does not stop the queue.
   */
  serialise<T>(command: (transition: Transition) => Promise<T> | T): Promise<T>;
}

export function createSessionMachine(
  onTransition: (next: SessionState, previous: SessionState) => void,
): SessionMachine {
  let state: SessionState = { name: 'starting' };
  let queue: Promise<unknown> = Promise.resolve();
  return {
    get state() {
      return state;
    },
    serialise<T>(command: (transition: Transition) => Promise<T> | T): Promise<T> {
      const run = queue.then(async () => {
        let live = true;
        const transition: Transition = (next) => {
          if (!live) throw new Error('A finished command tried to change the session state.');
          if (!mayTransition(state.name, next.name))
            throw new IllegalTransitionError(state.name, next.name);
          const previous = state;
          state = next;
          onTransition(next, previous);
        };
        try {
          return await command(transition);
        } finally {
          live = false;
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
