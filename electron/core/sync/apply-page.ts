import type { Change, Eviction, PullResponse } from '../../../shared/api';
import type { ScopeEviction, Store } from '../store';
import { recordDataAsOf } from './data-as-of';

export interface AppliedPage {
  readonly changes: number;
  readonly evictions: readonly ScopeEviction[];
  readonly entities: ReadonlySet<string>;
  readonly patientIds: ReadonlySet<string>;
}

const patientOf = (change: Change): string | null => {
  if (change.scope.kind === 'patient') return change.scope.id;
  const data = change.data as { patientId?: unknown } | null;
  return typeof data?.patientId === 'string' ? data.patientId : null;
};

/**
 * Apply one validated pull page: changes and evictions merged in cursor order, then the
 * new cursor, all in ONE transaction, so a crash leaves either the whole page or none of
 * it, and the cursor always matches the data.
 */
export function applyPullPage(store: Store, page: PullResponse, updatedAt: string): AppliedPage {
  type Entry = { cursor: bigint; change: Change } | { cursor: bigint; eviction: Eviction };
  const entries: Entry[] = [
    ...page.changes.map((change) => ({ cursor: BigInt(change.cursor), change })),
    ...page.evictions.map((eviction) => ({ cursor: BigInt(eviction.cursor), eviction })),
  ].sort((a, b) => (a.cursor < b.cursor ? -1 : a.cursor > b.cursor ? 1 : 0));

  const entities = new Set<string>();
  const patientIds = new Set<string>();
  const evictions: ScopeEviction[] = [];
  store.applyInTransaction(() => {
    for (const entry of entries) {
      if ('eviction' in entry) {
        evictions.push(store.evictScope(entry.eviction.scope, [entry.eviction.lane]));
        entities.add('*');
        if (entry.eviction.scope.kind === 'patient') patientIds.add(entry.eviction.scope.id);
        continue;
      }
      const { change } = entry;
      entities.add(change.entity);
      const patientId = patientOf(change);
      if (patientId) patientIds.add(patientId);
      // Both under mayReplaceLocalRow: an unanswered local change to the record stands.
      if (change.op === 'delete' || change.data === null) {
        store.records.remove(change.entity, change.id, change.version);
      } else {
        store.records.put(change.entity, {
          id: change.id,
          version: change.version,
          scope: change.scope,
          data: change.data,
        } as never);
      }
    }
    store.cursors.set(page.lane, page.nextCursor, updatedAt);
    if (page.lane === 'core' && !page.hasMore) recordDataAsOf(store, updatedAt);
  });
  return { changes: page.changes.length, evictions, entities, patientIds };
}
