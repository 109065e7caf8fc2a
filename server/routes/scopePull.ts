import type { FastifyInstance } from 'fastify';
import {
  type Change,
  type ChangeScope,
  type EntityName,
  routes,
  TRANSCRIPT_PAGE_MAX,
} from '../../shared/api';
import type { Database } from '../db/database';
import type { Caller } from '../http/authenticate';
import { registerRoute } from '../http/route';
import { loadRecords } from '../sync/loaders';
import { visibilityOf } from '../sync/visibility';

type Authenticate = Parameters<typeof registerRoute<typeof routes.pullScope, Caller>>[2];

/** Which feed rows belong to a scope: the same partition as the checksums' GROUP BY. */
const IN_SCOPE = {
  patient: 'patient_id = $3',
  therapist: 'patient_id IS NULL AND therapist_id = $3',
  org: 'patient_id IS NULL AND therapist_id IS NULL AND org_id = $3',
} as const;

/**
 * GET /sync/scope — drift repair of one scope (shared/api ScopePullQuery): the current feed
 * rows of a scope the caller can see, keyset-paginated on the feed cursor, read in one
 * REPEATABLE READ, READ ONLY transaction so visibility and rows agree. A row written during
 * a walk moves to the head of the feed and so comes again later in the same walk.
 */
export const registerScopePullRoute = (
  app: FastifyInstance,
  db: Database,
  authenticate: Authenticate,
) =>
  registerRoute(app, routes.pullScope, authenticate, async ({ query, auth }) =>
    db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const visibility = await visibilityOf(tx, { id: auth.userId, orgId: auth.orgId });
      const scope: ChangeScope =
        query.kind === 'patient'
          ? { kind: 'patient', id: query.id }
          : query.kind === 'therapist'
            ? { kind: 'therapist', therapistId: query.id }
            : { kind: 'org', orgId: query.id };
      const visible =
        query.kind === 'patient'
          ? visibility.patientIds.includes(query.id)
          : query.kind === 'therapist'
            ? visibility.therapistIds.includes(query.id)
            : visibility.orgId === query.id;
      const after = Number(query.after);
      if (!visible)
        return {
          lane: query.lane,
          scope,
          visible,
          changes: [],
          nextCursor: query.after,
          hasMore: false,
        };
      const limit =
        query.lane === 'transcripts' ? Math.min(query.limit, TRANSCRIPT_PAGE_MAX) : query.limit;
      const rows = await tx.query<{
        entity: EntityName;
        id: string;
        cursor: number;
        version: number;
        deleted: boolean;
      }>(
        `SELECT entity, id, cursor, version, deleted FROM sync_feed
          WHERE lane = $1 AND cursor > $2 AND ${IN_SCOPE[query.kind]}
          ORDER BY cursor LIMIT $4`,
        [query.lane, after, query.id, limit + 1],
      );
      const hasMore = rows.length > limit;
      const page = rows.slice(0, limit);
      const ids = new Map<EntityName, string[]>();
      for (const row of page)
        if (!row.deleted) ids.set(row.entity, [...(ids.get(row.entity) ?? []), row.id]);
      const records = new Map<string, unknown>();
      for (const [entity, list] of ids)
        for (const [id, data] of await loadRecords(tx, entity, list))
          records.set(`${entity}:${id}`, data);
      const changes = page.map((row) => {
        const data = row.deleted ? null : (records.get(`${row.entity}:${row.id}`) ?? null);
        return {
          lane: query.lane,
          cursor: String(row.cursor),
          entity: row.entity,
          op: data === null ? 'delete' : 'upsert',
          id: row.id,
          version: row.version,
          scope,
          data,
        } as Change;
      });
      return {
        lane: query.lane,
        scope,
        visible,
        changes,
        nextCursor: String(page.at(-1)?.cursor ?? after),
        hasMore,
      };
    }),
  );
