import { type EntityName, type Lane, laneOfEntity } from '../../shared/api';
import type { Queryable } from '../db/database';
import { renderAtCommit } from './documents';

/**
 * Reserves `count` feed positions. The UPDATE's row lock is held until the transaction
 * commits, so positions are handed out in commit order: a reader that has seen position N
 * has seen everything below N (no gaps from transactions that commit late).
 */
export const allocateCursors = async (tx: Queryable, count: number): Promise<number> => {
  const [row] = await tx.query<{ first: number }>(
    'UPDATE feed_counter SET value = value + $1 RETURNING value - $1 + 1 AS first',
    [count],
  );
  if (!row) throw new Error('feed_counter is missing its row');
  return row.first;
};

/** The feed position everything committed so far is at or below. */
export const committedCursor = async (db: Queryable): Promise<number> => {
  const [row] = await db.query<{ value: number }>('SELECT value FROM feed_counter');
  return row?.value ?? 0;
};

export interface FeedRecord {
  entity: EntityName;
  id: string;
  orgId: string;
  /** Row belongs to a patient's record (visible to whoever can see the patient)... */
  patientId: string | null;
  /** ...or to a therapist (profile, supervision, declarations); neither → the whole org. */
  therapistId: string | null;
  deleted?: boolean;
}

/**
 * A feed row written in a transaction whose position is handed out at its end is written at
 * a unique negative placeholder (positions are unique; migration 12's sequence), invisible to
 * every reader until it commits, and moved to its position just before COMMIT
 * (`positionAtCommit`). Passed as the position, this value asks for a placeholder.
 */
const POSITION_AT_COMMIT = 0;

const awaitingPosition = new WeakMap<Queryable, Map<string, { entity: EntityName; id: string }>>();

/**
 * Hand a transaction's touched records their feed positions as the last thing before it
 * commits. The position counter's row lock is what orders positions by commit, and it is held
 * from the allocation to COMMIT: taken at the first write, every other writer of the feed
 * queued behind the whole rest of the transaction (its other statements, the rendering of its
 * documents); taken here, behind one statement and the commit. Commit order is kept exactly
 * as before.
 */
const positionAtCommit = (
  tx: Queryable,
  beforeCommit: NonNullable<Queryable['beforeCommit']>,
  record: { entity: EntityName; id: string },
): void => {
  let touched = awaitingPosition.get(tx);
  if (!touched) {
    const records = new Map<string, { entity: EntityName; id: string }>();
    touched = records;
    awaitingPosition.set(tx, records);
    // Queued behind every task the transaction's work leaves (its documents' rendering).
    beforeCommit(async () =>
      beforeCommit(async () => {
        awaitingPosition.delete(tx);
        const rows = [...records.values()];
        // One statement: the counter's lock is taken here and held only through COMMIT. Rows
        // a rolled-back savepoint took back keep their committed position.
        await tx.query(
          `WITH pending AS (
             SELECT f.entity, f.id, row_number() OVER (ORDER BY r.n) AS k
               FROM unnest($1::text[], $2::uuid[]) WITH ORDINALITY AS r(entity, id, n)
               JOIN sync_feed f ON f.entity = r.entity AND f.id = r.id
              WHERE f.cursor < 0),
           counted AS (SELECT count(*) AS n FROM pending),
           counter AS (
             UPDATE feed_counter SET value = value + (SELECT n FROM counted)
             RETURNING value - (SELECT n FROM counted) AS base)
           UPDATE sync_feed f SET cursor = counter.base + pending.k
             FROM pending, counter
            WHERE f.entity = pending.entity AND f.id = pending.id`,
          [rows.map((r) => r.entity), rows.map((r) => r.id)],
        );
      }),
    );
  }
  touched.set(`${record.entity}:${record.id}`, { entity: record.entity, id: record.id });
};

/**
 * Records a write: bumps the record's version and moves it to the head of the feed. In a
 * transaction, its position is handed out and its document rendered just before it commits
 * (documents.ts).
 */
export const touchFeed = async (tx: Queryable, record: FeedRecord): Promise<number> => {
  const { beforeCommit } = tx;
  const cursor = beforeCommit ? POSITION_AT_COMMIT : await allocateCursors(tx, 1);
  const [row] = await tx.query<{ version: number }>(
    `INSERT INTO sync_feed (entity, id, lane, cursor, version, deleted, patient_id, therapist_id, org_id)
     VALUES ($1, $2, $3, CASE WHEN $4::int8 = ${POSITION_AT_COMMIT} THEN -nextval('feed_placeholders') ELSE $4::int8 END, 1, $5, $6, $7, $8)
     ON CONFLICT (entity, id) DO UPDATE SET cursor = EXCLUDED.cursor, version = sync_feed.version + 1,
       deleted = EXCLUDED.deleted, patient_id = EXCLUDED.patient_id, therapist_id = EXCLUDED.therapist_id
     RETURNING version`,
    [
      record.entity,
      record.id,
      laneOfEntity(record.entity),
      cursor,
      record.deleted ?? false,
      record.patientId,
      record.therapistId,
      record.orgId,
    ],
  );
  if (!row) throw new Error('touchFeed returned no row');
  if (beforeCommit) positionAtCommit(tx, beforeCommit, record);
  if (!record.deleted) renderAtCommit(tx, record.entity, record.id);
  return row.version;
};

export const currentVersion = async (
  tx: Queryable,
  entity: EntityName,
  id: string,
): Promise<number | null> => {
  const [row] = await tx.query<{ version: number }>(
    'SELECT version FROM sync_feed WHERE entity = $1 AND id = $2',
    [entity, id],
  );
  return row?.version ?? null;
};

/**
 * Re-publishes every record of the given patients (or therapists' own records) at the head
 * of the feed, without changing versions: a user who just gained access receives them on
 * their next pull, whatever their cursor.
 */
export const republishScope = async (
  tx: Queryable,
  scope: { patientIds: string[]; therapistIds: string[] },
): Promise<void> => {
  const where = `(patient_id = ANY($1::uuid[]) OR (patient_id IS NULL AND therapist_id = ANY($2::uuid[])))`;
  const params = [scope.patientIds, scope.therapistIds];
  const [countRow] = await tx.query<{ n: number }>(
    `SELECT count(*)::int8 AS n FROM sync_feed WHERE ${where}`,
    params,
  );
  const count = countRow?.n ?? 0;
  if (count === 0) return;
  const first = await allocateCursors(tx, count);
  await tx.query(
    `UPDATE sync_feed f SET cursor = $3::int8 + r.rn - 1
       FROM (SELECT entity, id, row_number() OVER (ORDER BY cursor) AS rn FROM sync_feed WHERE ${where}) r
      WHERE f.entity = r.entity AND f.id = r.id`,
    [...params, first],
  );
};

export type EvictionScopeRow =
  { kind: 'patient'; patientId: string } | { kind: 'supervisee'; therapistId: string };
export type EvictionReason = 'reallocated' | 'retention_expired' | 'supervision_ended';

/** Tells each user's devices, in every lane, that a scope is gone. */
export const publishEviction = async (
  tx: Queryable,
  userIds: string[],
  scope: EvictionScopeRow,
  reason: EvictionReason,
): Promise<void> => {
  const lanes: Lane[] = ['core', 'transcripts'];
  const count = userIds.length * lanes.length;
  if (count === 0) return;
  const first = await allocateCursors(tx, count);
  const scopeId = scope.kind === 'patient' ? scope.patientId : scope.therapistId;
  let cursor = first;
  for (const userId of userIds) {
    for (const lane of lanes) {
      await tx.query(
        'INSERT INTO evictions (cursor, user_id, lane, scope_kind, scope_id, reason) VALUES ($1, $2, $3, $4, $5, $6)',
        [cursor++, userId, lane, scope.kind, scopeId, reason],
      );
    }
  }
};
