import type { Change, ChangeScope, ChecksumsResponse, EntityName, Lane } from '../../../shared/api';
import type { Store } from '../store';
import type { SyncApi } from './sync-api';

export interface DriftReport {
  /** Scopes whose rows differed from the server's and were set right from its current rows. */
  readonly repaired: readonly ChangeScope[];
  /** Scopes held here that the server no longer lists in this lane: their server rows removed. */
  readonly removed: readonly ChangeScope[];
  /** Rows written or removed. */
  readonly rowsChanged: number;
}

export const scopeKeyOf = (scope: ChangeScope): string =>
  scope.kind === 'patient'
    ? `patient:${scope.id}`
    : scope.kind === 'therapist'
      ? `therapist:${scope.therapistId}`
      : `org:${scope.orgId}`;

/**
 * Which scopes of a lane differ between the server's checksums and this device's. The
 * device's side counts only the server's rows it holds (confirmed, or kept aside behind an
 * unanswered local change), so local-only work never reads as drift.
 */
export function driftedScopes(
  store: Store,
  remote: ChecksumsResponse,
): { differing: ChangeScope[]; unlisted: ChangeScope[] } {
  const local = new Map(
    store.records.scopeChecksums(remote.lane).map((c) => [scopeKeyOf(c.scope), c]),
  );
  const listed = new Set(remote.scopes.map((s) => scopeKeyOf(s.scope)));
  const differing = remote.scopes
    .filter((s) => {
      const mine = local.get(scopeKeyOf(s.scope));
      return mine === undefined || mine.count !== s.count || mine.md5 !== s.md5;
    })
    .map((s) => s.scope);
  const unlisted = [...local.values()]
    .filter((c) => !listed.has(scopeKeyOf(c.scope)))
    .map((c) => c.scope);
  return { differing, unlisted };
}

/** The server's current rows of some scopes of a lane (its scoped pull, or a walk of the feed). */
type ScopeRows = Map<string, { visible: boolean; changes: Change[] }>;

/**
 * Drift repair of one lane, at a quiet moment: compare per-scope checksums, and set right
 * only the scopes that differ, from the server's current rows of each (GET /sync/scope).
 * It repairs, never destroys: the lane's cursor stays (nothing is replayed, past evictions
 * included); local-only rows — drafts, conflict copies, pending and refused changes and
 * their optimistic rows — are untouched (records.put follows mayReplaceLocalRow); only the
 * server's rows of the scope are written or removed. Loss of access is the feed's eviction's
 * business, not repair's: a scope the server no longer lists only loses its server rows.
 * The checksums may be ahead of this device's cursor (a busy server): the scope's rows are
 * then simply newer, and the ordinary pull that follows is idempotent.
 */
export async function repairDrift(
  store: Store,
  api: SyncApi,
  remote: ChecksumsResponse,
  pageSize: number,
): Promise<DriftReport> {
  const { differing, unlisted } = driftedScopes(store, remote);
  if (differing.length + unlisted.length === 0)
    return { repaired: [], removed: [], rowsChanged: 0 };
  const rows = await serverRowsOf(api, remote.lane, differing, pageSize);
  let rowsChanged = 0;
  store.applyInTransaction(() => {
    for (const scope of differing) {
      const found = rows.get(scopeKeyOf(scope));
      rowsChanged +=
        found?.visible === false
          ? removeServerRows(store, remote.lane, scope)
          : reconcile(store, remote.lane, scope, found?.changes ?? []);
    }
    for (const scope of unlisted) rowsChanged += removeServerRows(store, remote.lane, scope);
  });
  if (remote.lane === 'transcripts' && rowsChanged > 0) store.transcripts.compactSearchIndex();
  return { repaired: differing, removed: unlisted, rowsChanged };
}

async function serverRowsOf(
  api: SyncApi,
  lane: Lane,
  scopes: readonly ChangeScope[],
  pageSize: number,
): Promise<ScopeRows> {
  const rows: ScopeRows = new Map();
  const pullScope = api.pullScope?.bind(api);
  if (pullScope) {
    for (const scope of scopes) {
      const [kind, id] = scopeKeyOf(scope).split(':') as [ChangeScope['kind'], string];
      const changes: Change[] = [];
      let after = '0';
      let visible = true;
      for (;;) {
        const page = await pullScope({ lane, kind, id, after, limit: pageSize });
        visible = page.visible;
        changes.push(...page.changes);
        after = page.nextCursor;
        if (!page.hasMore) break;
      }
      rows.set(scopeKeyOf(scope), { visible, changes });
    }
    return rows;
  }
  // A session without the scoped pull: walk the lane's feed from the start, keeping only the
  // drifted scopes' rows; its evictions are history and are not applied again.
  const wanted = new Set(scopes.map(scopeKeyOf));
  for (const key of wanted) rows.set(key, { visible: true, changes: [] });
  let after = '0';
  for (;;) {
    const page = await api.pull({ lane, after, limit: pageSize });
    for (const change of page.changes) rows.get(scopeKeyOf(change.scope))?.changes.push(change);
    after = page.nextCursor;
    if (!page.hasMore) return rows;
  }
}

/** Write the server's rows of a scope; remove the server rows it no longer has. */
function reconcile(
  store: Store,
  lane: Lane,
  scope: ChangeScope,
  changes: readonly Change[],
): number {
  // A record may come twice in a walk (written meanwhile): its last entry is current.
  const latest = new Map<string, Change>();
  for (const change of changes) latest.set(`${change.entity}:${change.id}`, change);
  const held = new Map(
    heldServerRows(store, lane, scope).map((row) => [`${row.entity}:${row.id}`, row]),
  );
  let changed = 0;
  for (const [key, change] of latest) {
    if (change.op === 'delete' || change.data === null) continue;
    if (held.get(key)?.version === change.version) continue;
    store.records.put(change.entity, {
      id: change.id,
      version: change.version,
      scope: change.scope,
      data: change.data,
    } as never);
    changed += 1;
  }
  for (const [key, row] of held) {
    const current = latest.get(key);
    if (current && current.op === 'upsert' && current.data !== null) continue;
    store.records.remove(row.entity, row.id, Math.max(row.version, current?.version ?? 0));
    changed += 1;
  }
  return changed;
}

function removeServerRows(store: Store, lane: Lane, scope: ChangeScope): number {
  let changed = 0;
  for (const row of heldServerRows(store, lane, scope)) {
    store.records.remove(row.entity, row.id, row.version);
    changed += 1;
  }
  return changed;
}

/** The server's rows of a scope this device holds (what its checksum counts). */
function heldServerRows(
  store: Store,
  lane: Lane,
  scope: ChangeScope,
): { entity: EntityName; id: string; version: number }[] {
  return store.records
    .serverRowsOfScope(scope, lane)
    .map(({ entity, id, version }) => ({ entity, id, version }));
}
