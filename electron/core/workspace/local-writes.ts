import type { Store } from '../store';

export { subjectKey } from '../store/mutation-subject';

export interface WriteState {
  readonly syncState: 'synced' | 'pending' | 'rejected';
  readonly rejectedReason: string | null;
}
export type SyncStateOf = (id: string, version: number | null) => WriteState;

/**
 * Where each locally written record stands: pending while a change to it is unanswered
 * (queued, in flight, or held back), rejected (with the server's reason) when refused. A
 * refused write stays visible. Read from the outbox's subject index: no queued payload is
 * parsed, however long the queue.
 */
export function syncStates(store: Store): SyncStateOf {
  const unsettled = store.outbox.subjectStates();
  return (id, version) => stateOf(unsettled.get(id) ?? null, version);
}

/** The same for one record (a note while it is being typed): one indexed lookup. */
export function syncStateOf(store: Store, id: string, version: number | null): WriteState {
  return stateOf(store.outbox.stateOfSubject(id), version);
}

function stateOf(
  entry: { status: 'pending' | 'held' | 'rejected'; rejectReason: string | null } | null,
  version: number | null,
): WriteState {
  if (entry?.status === 'rejected')
    return { syncState: 'rejected', rejectedReason: entry.rejectReason };
  if (entry || version === null) return { syncState: 'pending', rejectedReason: null };
  return { syncState: 'synced', rejectedReason: null };
}
