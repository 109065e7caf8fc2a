import type { ClinicianHandlers, LocationStatus, SessionStatus } from '../../../shared/ipc';
import type { TripHandlerName } from './trip-handlers';
import type { ServerClock } from '../clock';
import type { AuditEvent, Store } from '../store';
import type { SyncApi } from '../sync/sync-api';

/** What the core needs of the session (app/device-session.ts). */
export interface SessionPort {
  status(): SessionStatus;
  onChange(listener: (status: SessionStatus) => void): () => void;
  /**
   * Open while signed in (also when locked, so sync goes on); null when signed out, and, when
   * the passcode seals the key, until the first unlock.
   */
  store(): Store | null;
  /** The authorised API for sync; null when signed out or while an online sign-in is needed. */
  api(): SyncApi | null;
  deviceId(): string | null;
  readonly clock: ServerClock;
  /** Unlocked and the location rule satisfied. */
  patientDataOpen(): boolean;
  audit(action: AuditEvent['action'], patientId: string | null, entityId: string | null): void;
  /**
   * A sync failure that ends the session's right to sync: the session decides what it means
   * (session/consequences.ts: erase on revocation, sign in again, the country gate).
   */
  syncStopped(error: unknown): void;
  readonly handlers: {
    session: ClinicianHandlers['session'];
    location: Omit<ClinicianHandlers['location'], TripHandlerName>;
  };
  readonly locationEvents?: (listener: (status: LocationStatus) => void) => () => void;
  close(): Promise<void>;
}
