import { z } from 'zod';
import {
  type Change,
  type EntityName,
  type Eviction,
  type Lane,
  PullResponse,
  TRANSCRIPT_PAGE_MAX,
} from '../../shared/api';
import type { Database, SnapshotReader } from '../db/database';
import { committedCursor } from './feed';
import { type FeedRow, NOT_QUARANTINED, VISIBLE, scopeOf } from './feedRows';
import { loadRecords } from './loaders';
import { type UnservableRecord, quarantineRecords, servableChanges } from './quarantine';
import { type Visibility, visibilityOf } from './visibility';

/**
 * The pull response as the route checks it: the envelope in full; the changes were each
 * checked against their entity's contract by `servableChanges` (what failed was left out and
 * quarantined), so they are not walked a second time.
 */
export const PullEnvelope = PullResponse.extend({ changes: z.array(z.unknown()) });

export interface PullPage {
  changes: Change[];
  evictions: Eviction[];
  nextCursor: string;
  hasMore: boolean;
}

export interface SyncLog {
  error(details: Record<string, unknown>, message: string): void;
}

/** The later of two feed positions, exactly (a client may send any bigint, beyond 2^53). */
const laterCursor = (a: string, b: string): string => (BigInt(a) >= BigInt(b) ? a : b);

/**
 * One page of a lane, keyset-paginated on (lane, cursor), from one snapshot (so visibility,
 * head, evictions and records agree). The page ends at the last change returned, or, when
 * the feed is exhausted, at the committed head (so invisible rows are never rescanned).
 * `after` is the client's cursor as sent (decimal, up to 2^63-1): it goes to SQL as text,
 * never through a JavaScript number.
 */
export const pullPage = async (
  snapshot: SnapshotReader,
  visibility: Visibility,
  lane: Lane,
  afterCursor: string,
  requestedLimit: number,
): Promise<{ page: PullPage; unservable: UnservableRecord[] }> => {
  const after = BigInt(afterCursor).toString();
  const limit =
    lane === 'transcripts' ? Math.min(requestedLimit, TRANSCRIPT_PAGE_MAX) : requestedLimit;
  const head = await committedCursor(snapshot);
  await snapshot.step('pull:head');
  const rows = await snapshot.query<FeedRow>(
    `SELECT entity, id, cursor, version, deleted, patient_id, therapist_id, org_id FROM sync_feed
      WHERE lane = $1 AND cursor > $2::int8 AND cursor <= $6 AND ${VISIBLE} AND ${NOT_QUARANTINED}
      ORDER BY cursor LIMIT $7`,
    [
      lane,
      after,
      visibility.patientIds,
      visibility.therapistIds,
      visibility.orgId,
      head,
      limit + 1,
    ],
  );
  await snapshot.step('pull:changes');
  const hasMore = rows.length > limit;
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  const end = hasMore && last ? String(last.cursor) : laterCursor(String(head), after);

  const evictionRows = await snapshot.query<{
    cursor: number;
    scope_kind: 'patient' | 'supervisee';
    scope_id: string;
    reason: Eviction['reason'];
  }>(
    `SELECT cursor, scope_kind, scope_id, reason FROM evictions WHERE user_id = $1 AND lane = $2 AND cursor > $3::int8 AND cursor <= $4::int8 ORDER BY cursor`,
    [visibility.userId, lane, after, end],
  );
  await snapshot.step('pull:evictions');

  const byEntity = new Map<EntityName, string[]>();
  for (const row of pageRows)
    if (!row.deleted) byEntity.set(row.entity, [...(byEntity.get(row.entity) ?? []), row.id]);
  const records = new Map<string, unknown>();
  for (const [entity, ids] of byEntity) {
    for (const [id, data] of await loadRecords(snapshot, entity, ids))
      records.set(`${entity}:${id}`, data);
  }

  const candidates = pageRows.map((row) => {
    const data = row.deleted ? null : (records.get(`${row.entity}:${row.id}`) ?? null);
    return {
      lane,
      cursor: String(row.cursor),
      entity: row.entity,
      // a feed row whose record is gone is sent as a delete
      op: data === null ? 'delete' : 'upsert',
      id: row.id,
      version: row.version,
      scope: scopeOf(row),
      data,
    } as Change;
  });
  const { changes, unservable } = servableChanges(candidates);
  const evictions: Eviction[] = evictionRows.map((e) => ({
    lane,
    cursor: String(e.cursor),
    scope:
      e.scope_kind === 'patient'
        ? { kind: 'patient', id: e.scope_id }
        : { kind: 'supervisee', therapistId: e.scope_id },
    reason: e.reason,
  }));
  return { page: { changes, evictions, nextCursor: end, hasMore }, unservable };
};

/**
 * A user's next page of a lane: what they may see and what changed, read in one snapshot.
 * Records that fail their contract are logged, quarantined and left out; the page is served.
 */
export const pullFor = async (
  db: Database,
  user: { id: string; orgId: string },
  lane: Lane,
  after: string,
  limit: number,
  log?: SyncLog,
): Promise<PullPage> => {
  const { page, unservable } = await db.readSnapshot(async (snapshot) => {
    const visibility = await visibilityOf(snapshot, user);
    await snapshot.step('pull:visibility');
    return pullPage(snapshot, visibility, lane, after, limit);
  });
  if (unservable.length > 0) {
    for (const record of unservable)
      log?.error(
        { ...record },
        'a stored record fails its response contract: quarantined, not sent',
      );
    await quarantineRecords(db, unservable).catch((error: unknown) =>
      log?.error({ err: error }, 'could not quarantine unservable records'),
    );
  }
  return page;
};
