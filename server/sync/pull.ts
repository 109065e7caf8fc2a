import {
  type Change,
  type ChangeScope,
  type ChecksumsResponse,
  type EntityName,
  type Eviction,
  type Lane,
  TRANSCRIPT_PAGE_MAX,
} from '../../shared/api';
import type { Queryable } from '../db/database';
import { committedCursor } from './feed';
import { loadRecords } from './loaders';
import { type Visibility } from './visibility';

interface FeedRow {
  entity: EntityName;
  id: string;
  cursor: number;
  version: number;
  deleted: boolean;
  patient_id: string | null;
  therapist_id: string | null;
  org_id: string;
}

const VISIBLE = `(patient_id = ANY($3::uuid[])
   OR (patient_id IS NULL AND therapist_id = ANY($4::uuid[]))
   OR (patient_id IS NULL AND therapist_id IS NULL AND org_id = $5))`;

const scopeOf = (row: FeedRow): ChangeScope =>
  row.patient_id
    ? { kind: 'patient', id: row.patient_id }
    : row.therapist_id
      ? { kind: 'therapist', therapistId: row.therapist_id }
      : { kind: 'org', orgId: row.org_id };

export interface PullPage {
  changes: Change[];
  evictions: Eviction[];
  nextCursor: string;
  hasMore: boolean;
}

/** The later of two feed positions, exactly (a client may send any bigint, beyond 2^53). */
const laterCursor = (a: string, b: string): string => (BigInt(a) >= BigInt(b) ? a : b);

/**
 * One page of a lane, keyset-paginated on (lane, cursor). The page ends at the last change
 * returned, or, when the feed is exhausted, at the committed head (so invisible rows are
 * never rescanned). `after` is the client's cursor as sent (decimal, up to 2^63-1): it goes
 * to SQL as text, never through a JavaScript number.
 */
export const pullPage = async (
  db: Queryable,
  visibility: Visibility,
  lane: Lane,
  afterCursor: string,
  requestedLimit: number,
): Promise<PullPage> => {
  const after = BigInt(afterCursor).toString();
  const limit =
    lane === 'transcripts' ? Math.min(requestedLimit, TRANSCRIPT_PAGE_MAX) : requestedLimit;
  const head = await committedCursor(db);
  const rows = await db.query<FeedRow>(
    `SELECT entity, id, cursor, version, deleted, patient_id, therapist_id, org_id FROM sync_feed
      WHERE lane = $1 AND cursor > $2::int8 AND cursor <= $6 AND ${VISIBLE}
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
  const hasMore = rows.length > limit;
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  const end = hasMore && last ? String(last.cursor) : laterCursor(String(head), after);

  const evictionRows = await db.query<{
    cursor: number;
    scope_kind: 'patient' | 'supervisee';
    scope_id: string;
    reason: Eviction['reason'];
  }>(
    `SELECT cursor, scope_kind, scope_id, reason FROM evictions WHERE user_id = $1 AND lane = $2 AND cursor > $3::int8 AND cursor <= $4::int8 ORDER BY cursor`,
    [visibility.userId, lane, after, end],
  );

  const byEntity = new Map<EntityName, string[]>();
  for (const row of pageRows)
    if (!row.deleted) byEntity.set(row.entity, [...(byEntity.get(row.entity) ?? []), row.id]);
  const records = new Map<string, unknown>();
  for (const [entity, ids] of byEntity) {
    for (const [id, data] of await loadRecords(db, entity, ids))
      records.set(`${entity}:${id}`, data);
  }

  const changes = pageRows.map((row) => {
    const data = row.deleted ? null : (records.get(`${row.entity}:${row.id}`) ?? null);
    return {
      lane,
      cursor: String(row.cursor),
      entity: row.entity,
      // a row deleted after the feed read is sent as a delete; the next page carries the rest
      op: data === null ? 'delete' : 'upsert',
      id: row.id,
      version: row.version,
      scope: scopeOf(row),
      data,
    } as Change;
  });
  const evictions: Eviction[] = evictionRows.map((e) => ({
    lane,
    cursor: String(e.cursor),
    scope:
      e.scope_kind === 'patient'
        ? { kind: 'patient', id: e.scope_id }
        : { kind: 'supervisee', therapistId: e.scope_id },
    reason: e.reason,
  }));
  return { changes, evictions, nextCursor: end, hasMore };
};

/** Per-scope id-set checksums of what the caller can currently see in a lane. */
export const scopeChecksums = async (
  db: Queryable,
  visibility: Visibility,
  lane: Lane,
): Promise<Omit<ChecksumsResponse, 'serverTime'>> => {
  const asOf = await committedCursor(db);
  const rows = await db.query<{
    patient_id: string | null;
    therapist_id: string | null;
    org_id: string;
    n: number;
    md5: string;
  }>(
    `SELECT patient_id, therapist_id, org_id, count(*)::int8 AS n,
            md5(string_agg(entity || ':' || id::text || ':' || version::text, ',' ORDER BY entity COLLATE "C", id::text COLLATE "C")) AS md5
       FROM sync_feed
      WHERE lane = $1 AND NOT deleted AND cursor <= $2 AND ${VISIBLE}
      GROUP BY patient_id, therapist_id, org_id`,
    [lane, asOf, visibility.patientIds, visibility.therapistIds, visibility.orgId],
  );
  return {
    lane,
    asOf: String(asOf),
    scopes: rows.map((r) => ({
      scope: scopeOf({
        patient_id: r.patient_id,
        therapist_id: r.therapist_id,
        org_id: r.org_id,
      } as FeedRow),
      count: r.n,
      md5: r.md5,
    })),
  };
};
