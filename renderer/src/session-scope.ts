import type { StoreApi } from 'zustand';
import type { SessionStatus } from '../../shared/ipc';

/**
 * What this window holds for the person signed in, and when it must let go of it.
 *
 * - `person`: where they were (the route and its history), the caseload table's search and
 *   filters, the notices, a refused change open in full, a supervisor's feedback not yet
 *   added. Forgotten when the person signed in changes, that is at sign-out or erasure, so
 *   the next person to sign in on this computer starts on their own Today with nothing of
 *   the last one's.
 * - `patient-data`: answers read from the core (caseload, patients, threads, transcripts…).
 *   Forgotten whenever patient data closes (locked, signed out, sign-in needed, location
 *   check), so a locked window holds no patient data in its memory and a view never shows
 *   an earlier answer, even for a moment, to someone who has not unlocked.
 */
export type SessionScope = 'person' | 'patient-data';

const forgetters: Record<SessionScope, Set<() => void>> = {
  person: new Set(),
  'patient-data': new Set(),
};

/** Run `forget` whenever the scope ends. */
export function forgetWhenEnded(scope: SessionScope, forget: () => void): void {
  forgetters[scope].add(forget);
}

/** A zustand store put back to its initial state whenever the scope ends; returns the store. */
export function scopedStore<S extends StoreApi<unknown>>(scope: SessionScope, store: S): S {
  forgetWhenEnded(scope, () => store.setState(store.getInitialState(), true));
  return store;
}

const NO_STATUS_YET = Symbol('no status yet');
let lastPerson: string | null | typeof NO_STATUS_YET = NO_STATUS_YET;

/**
 * Called with every session status the window adopts: ends the scopes the change ends. A
 * change of person ends both; patient data not open ends `patient-data`.
 */
export function adoptSessionStatus(status: SessionStatus): void {
  const person = status.user?.id ?? null;
  const personChanged = lastPerson !== NO_STATUS_YET && person !== lastPerson;
  lastPerson = person;
  if (personChanged || status.state !== 'unlocked') {
    forgetters['patient-data'].forEach((forget) => forget());
  }
  if (personChanged) forgetters.person.forEach((forget) => forget());
}
