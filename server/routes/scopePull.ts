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
import { NOT_QUARANTINED } from '../sync/feedRows';
import { loadRecords } from '../sync/loaders';
import { quarantineRecords, servableChanges } from '../sync/quarantine';
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
 * snapshot (Database.readSnapshot) so visibility and rows agree. Like the pull, the cursor
 * goes to SQL as text (never through a JavaScript number), quarantined record versions are
 * skipped and a stored record failing its contract is quarantined, not sent. A row written
 * during a walk moves to the head of the feed and so comes again later in the same walk.
 */
export const registerScopePullRoute = (
  app: FastifyInstance,
  db: Database,
  authenticate: Authenticate,
) =>
  registerRoute(app, routes.pullScope, authenticate, async ({ query, auth, request }) => {
    const after = BigInt(query.after ?? '0').toString();
    const scope: ChangeScope =
      query.kind === 'patient'
        ? { kind: 'patient', id: query.id }
        : query.kind === 'therapist'
          ? { kind: 'therapist', therapistId: query.id }
          : { kind: 'org', orgId: query.id };
    const { response, unservable } = await db.readSnapshot(async (snapshot) => {
      const visibility = await visibilityOf(snapshot, { id: auth.userId, orgId: auth.orgId });
      const visible =
        query.kind === 'patient'
          ? visibility.patientIds.includes(query.id)
          : query.kind === 'therapist'
            ? visibility.therapistIds.includes(query.id)
            : visibility.orgId === query.id;
      const nothing = { lane: query.lane, scope, visible, changes: [], nextCursor: after };
      if (!visible) return { response: { ...nothing, hasMore: false }, unservable: [] };
      const requested = query.limit ?? 500;
      const limit =
        query.lane === 'transcripts' ? Math.min(requested, TRANSCRIPT_PAGE_MAX) : requested;
      const rows = await snapshot.query<{
        entity: EntityName;
        id: string;
        cursor: number;
        version: number;
        deleted: boolean;
      }>(
        `SELECT entity, id, cursor, version, deleted FROM sync_feed
          WHERE lane = $1 AND cursor > $2::int8 AND ${IN_SCOPE[query.kind]} AND ${NOT_QUARANTINED}
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
        for (const [id, data] of await loadRecords(snapshot, entity, list))
          records.set(`${entity}:${id}`, data);
      const candidates = page.map((row) => {
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
      const { changes, unservable } = servableChanges(candidates);
      return {
        response: {
          ...nothing,
          changes,
          nextCursor: String(page.at(-1)?.cursor ?? after),
          hasMore,
        },
        unservable,
      };
    });
    if (unservable.length > 0) {
      for (const record of unservable)
        request.log.error(
          { ...record },
          'a stored record fails its response contract: quarantined, not sent',
        );
      await quarantineRecords(db, unservable).catch((error: unknown) =>
        request.log.error({ err: error }, 'could not quarantine unservable records'),
      );
    }
    return response;
  });
