import type { Change, Eviction, PullResponse, Ticket } from '../../../shared/api';
import type { Durability, ScopeEviction, Store } from '../store';
import { recordDataAsOf } from './data-as-of';

export interface AppliedPage {
  readonly changes: number;
  readonly evictions: readonly ScopeEviction[];
  readonly entities: ReadonlySet<string>;
  readonly patientIds: ReadonlySet<string>;
  /** Decisions on the signed-in therapist's tickets this page brought for the first time. */
  readonly decisionsNoticed: number;
}

/** Whose decisions to notice, and whether this is the device's first sync (old news). */
export interface DecisionNoticeRule {
  readonly userId: string;
  readonly initial: boolean;
}

const patientOf = (change: Change): string | null => {
  if (change.scope.kind === 'patient') return change.scope.id;
  const data = change.data as { patientId?: unknown } | null;
  return typeof data?.patientId === 'string' ? data.patientId : null;
};

/**
 * Apply one validated pull page: changes and evictions merged in cursor order, then the
 * new cursor, all in ONE transaction, so a crash leaves either the whole page or none of
 * it, and the cursor always matches the data. A page of a lane's first download is
 * 'refetchable' (Store.applyInTransaction): a power cut loses it with its cursor, never one
 * without the other.
 */
export function applyPullPage(
  store: Store,
  page: PullResponse,
  updatedAt: string,
  notices: DecisionNoticeRule | null = null,
  durability: Durability = 'durable',
): AppliedPage {
  type Entry = { cursor: bigint; change: Change } | { cursor: bigint; eviction: Eviction };
  const entries: Entry[] = [
    ...page.changes.map((change) => ({ cursor: BigInt(change.cursor), change })),
    ...page.evictions.map((eviction) => ({ cursor: BigInt(eviction.cursor), eviction })),
  ].sort((a, b) => (a.cursor < b.cursor ? -1 : a.cursor > b.cursor ? 1 : 0));

  const entities = new Set<string>();
  const patientIds = new Set<string>();
  const evictions: ScopeEviction[] = [];
  let decisionsNoticed = 0;
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
        if (
          notices &&
          change.entity === 'ticket' &&
          noticeDecision(store, change, notices, updatedAt)
        )
          decisionsNoticed += 1;
      }
    }
    store.cursors.set(page.lane, page.nextCursor, updatedAt);
    if (page.lane === 'core' && !page.hasMore) recordDataAsOf(store, updatedAt);
  }, durability);
  return { changes: page.changes.length, evictions, entities, patientIds, decisionsNoticed };
}

/**
 * A decision someone else took on a ticket the signed-in therapist raised: noted once, in the
 * page's transaction (so a crash cannot announce it twice or lose it). At the device's first
 * sync it is noted as already seen: a new device does not flood the person with old news.
 */
function noticeDecision(
  store: Store,
  change: Change,
  rule: DecisionNoticeRule,
  noticedAt: string,
): boolean {
  const ticket = change.data as Ticket;
  const decision = ticket.decision;
  if (!decision || ticket.therapistId !== rule.userId || decision.by === rule.userId) return false;
  const isNew = store.decisionNotices.record({
    ticketId: ticket.id,
    patientId: ticket.patientId,
    decidedAt: decision.at,
    noticedAt,
    seenAt: rule.initial ? noticedAt : null,
  });
  return isNew && !rule.initial;
}
