import type { LocationStatus, SessionStatus } from '../../../../shared/ipc';
import type { StoreRecovery } from '../../store';
import type { LockState } from './lock-state';
import type { SessionState } from './machine';
import { attemptsLeftOf } from './passcode-lock';
import type { PersistedSession } from './persisted-session';

/** The facts a status is built from: what the session knows, derived where read. */
export interface StatusFacts {
  readonly state: SessionState;
  readonly session: PersistedSession | null;
  readonly lock: LockState | null;
  readonly location: LocationStatus;
  /** The service's own words when it refused this country (cleared by a good attestation). */
  readonly countryRefusal: string | null;
  readonly keyProtection: SessionStatus['keyProtection'];
  readonly unsentChanges: number | null;
  readonly recovery: StoreRecovery | null;
  readonly serverUrl: string;
  readonly demo: boolean;
  readonly changedAt: string;
}

/** What the renderer is told: one SessionStatus, the same shape whatever the state. */
export function sessionStatusOf(f: StatusFacts): SessionStatus {
  const owner = f.session?.user ?? f.lock?.owner ?? null;
  const signedIn = f.state.name !== 'signed-out' && f.state.name !== 'starting';
  return {
    state: publicState(f),
    user:
      owner && signedIn
        ? { id: owner.id, displayName: owner.displayName, role: owner.role, email: owner.email }
        : null,
    serverUrl: f.session?.serverUrl ?? f.serverUrl,
    demo: f.demo,
    keyProtection: signedIn ? f.keyProtection : null,
    offlineLeaseExpiresAt: f.session?.offlineLeaseExpiresAt ?? null,
    lockAfterMinutes: f.session?.lockAfterMinutes ?? 5,
    reason: reasonOf(f),
    unlockAttemptsLeft: signedIn && owner ? attemptsLeftOf(f.lock?.failedUnlocks ?? 0) : null,
    signInNeeded:
      f.state.name === 'sign-in-needed'
        ? { why: f.state.why, newPasscodeRequired: f.state.why === 'too-many-passcodes' }
        : null,
    // Also when signed out over data that could not be opened: what erasing it would lose.
    unsentChanges: f.unsentChanges,
    recovery: f.recovery
      ? {
          reason: recoveryText(f.recovery),
          outboxEntriesKept: f.recovery.outboxExported,
          at: f.recovery.at,
        }
      : null,
    changedAt: f.changedAt,
  };
}

function publicState(f: StatusFacts): SessionStatus['state'] {
  switch (f.state.name) {
    case 'starting':
    case 'closed':
    case 'signed-out':
      return 'signed-out';
    case 'unlocked':
      return f.location.state === 'ok' ? 'unlocked' : 'location-check-needed';
    case 'locked':
    case 'sign-in-needed':
      return f.state.name;
  }
}

function reasonOf(f: StatusFacts): string | null {
  switch (f.state.name) {
    case 'starting':
    case 'closed':
      return null;
    case 'signed-out':
    case 'locked':
      return f.state.reason;
    case 'sign-in-needed':
      return f.state.reason; // the unsent count is in `unsentChanges`, for the screen to say
    case 'unlocked':
      return f.location.state === 'ok' ? null : (f.countryRefusal ?? f.location.reason);
  }
}

/** Said to anyone else who tries to sign in on a device that holds someone's unsent work. */
export function someoneElsesDevice(ownerName: string, unsent: number | null): string {
  const count =
    unsent === null
      ? 'possibly unsent changes'
      : `${unsent} unsent change${unsent === 1 ? '' : 's'}`;
  return `This computer holds the data of ${ownerName} (${count}). Only ${ownerName} can sign in again here; to sign in as someone else, first erase this device's data.`;
}

function recoveryText(r: StoreRecovery): string {
  const what =
    r.reason === 'corrupt'
      ? 'The local database was damaged'
      : 'The local database could not be upgraded';
  const kept = r.outboxReadable
    ? `${r.outboxExported} unsent changes were kept and will be sent.`
    : 'Some unsent changes could not be read and may need to be made again.';
  return `${what}, so it was rebuilt and is syncing again. ${kept}`;
}
