import type { Role } from '../../../shared/api';
import type { AuditEvent, Store } from '../store';

export interface SignedInUser {
  readonly id: string;
  readonly orgId: string | null;
  readonly role: Role;
  readonly displayName: string;
}

/** What the workspace needs from the session and the engine around it. */
export interface WorkspaceContext {
  /** The open store, only while patient data may be shown; otherwise throws a RefusedError. */
  store(): Store;
  user(): SignedInUser;
  /** Server-corrected now. */
  now(): Date;
  /** The device's time zone (IANA). */
  zone(): string;
  audit(action: AuditEvent['action'], patientId: string | null, entityId: string | null): void;
  /** Cached data changed; `queued` when an outbox entry was written (push soon). */
  changed(entities: string[], patientIds: string[] | null, queued: boolean): void;
  /**
   * Moves whenever any of these entities changed in the cache (or a change of unknown reach):
   * memoised reads compare it.
   */
  generation(of: readonly string[]): number;
}
