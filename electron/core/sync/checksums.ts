import type { ChangeScope, ChecksumsResponse } from '../../../shared/api';
import type { Store } from '../store';

export interface DriftReport {
  /** Scopes whose rows differ from the server's: dropped locally and re-pulled from the start. */
  readonly repaired: readonly ChangeScope[];
  /** Patient scopes held here that the server no longer lists for this user: evicted. */
  readonly evicted: readonly ChangeScope[];
}

const keyOf = (scope: ChangeScope): string =>
  scope.kind === 'patient'
    ? `patient:${scope.id}`
    : scope.kind === 'therapist'
      ? `therapist:${scope.therapistId}`
      : `org:${scope.orgId}`;

/**
 * Drift repair for one lane, against checksums taken at the cursor this device holds.
 * A mismatching patient scope is evicted locally and the lane's cursor reset, so the next
 * pull brings it back exactly as the server has it (upserts are idempotent by version); a
 * patient the server no longer lists for us (a missed eviction) is evicted for good.
 */
export function repairDrift(
  store: Store,
  remote: ChecksumsResponse,
  updatedAt: string,
): DriftReport {
  const local = new Map(store.records.scopeChecksums(remote.lane).map((c) => [keyOf(c.scope), c]));
  const listed = new Set(remote.scopes.map((s) => keyOf(s.scope)));
  const repaired = remote.scopes
    .filter((s) => {
      const mine = local.get(keyOf(s.scope));
      return (mine?.count ?? 0) !== s.count || (mine !== undefined && mine.md5 !== s.md5);
    })
    .map((s) => s.scope);
  const evicted = [...local.values()]
    .filter((c) => c.scope.kind === 'patient' && !listed.has(keyOf(c.scope)))
    .map((c) => c.scope);
  if (repaired.length + evicted.length > 0) {
    store.applyInTransaction(() => {
      for (const scope of [...repaired, ...evicted]) {
        if (scope.kind === 'patient') store.evictScope({ kind: 'patient', id: scope.id });
      }
      if (repaired.length > 0) store.cursors.set(remote.lane, '0', updatedAt);
    });
  }
  return { repaired, evicted };
}
