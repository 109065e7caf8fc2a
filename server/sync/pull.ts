import { z } from 'zod';
import {
  type Change,
  ChangeScope,
  Cursor,
  EntityName,
  type Eviction,
  Lane,
  PullResponse,
  TRANSCRIPT_PAGE_MAX,
  Uuid,
  Version,
  laneOfEntity,
} from '../../shared/api';
import type { Database, SnapshotReader } from '../db/database';
import { DOCUMENT_FORMAT, type RecordDocument, RecordJson, storeDocuments } from './documents';
import { committedCursor } from './feed';
import { type FeedRow, NOT_QUARANTINED, VISIBLE, scopeOf } from './feedRows';
import { loadRecords } from './loaders';
import { type UnservableRecord, quarantineRecords, servableChanges } from './quarantine';
import { type Visibility, visibilityOf } from './visibility';

/**
 * A change as the pull sends it: its own fields, and its record's JSON text (checked against
 * the entity's contract when it was rendered) to splice in as `data`; null for a delete.
 */
export type WireChange = Omit<Change, 'data'> & { data: RecordJson | null };

/**
 * The pull response as the route checks it before writing it: the envelope and every
 * change's own fields in full, as `PullResponse` would; each record's text was checked
 * against its entity's contract when it was rendered (`servableChanges`, or before it was
 * stored as a document), so it is not parsed or walked again.
 */
export const PullWire = PullResponse.extend({
  changes: z.array(
    z
      .strictObject({
        lane: Lane,
        cursor: Cursor,
        entity: EntityName,
        op: z.enum(['upsert', 'delete']),
        id: Uuid,
        version: Version,
        scope: ChangeScope,
        data: z.instanceof(RecordJson).nullable(),
      })
      .refine((c) => c.lane === laneOfEntity(c.entity), {
        message: "the lane of the change's entity",
        path: ['lane'],
      })
      .refine((c) => (c.op === 'upsert') === (c.data !== null), {
        message: 'an upsert carries data, a delete carries null',
        path: ['data'],
      }),
  ),
});
export type PullWire = z.infer<typeof PullWire>;

/**
 * The JSON body of a checked pull response, as UTF-8 bytes: the envelope through
 * JSON.stringify, each record's stored text spliced in as its change's `data` (the same JSON
 * a serialiser would write from the parsed record; `changes` comes first, `nextCursor` and
 * `hasMore` last). Pieces are encoded one by one and joined as bytes: a 2 MB page joined as
 * one string, then measured and encoded for the socket, cost ten times as much.
 */
export const pullBody = (response: PullWire): Buffer => {
  const { changes, ...envelope } = response;
  const pieces: Buffer[] = [Buffer.from('{"changes":[')];
  changes.forEach(({ data, ...fields }, index) => {
    const head = JSON.stringify(fields);
    pieces.push(Buffer.from(`${index === 0 ? '' : ','}${head.slice(0, -1)},"data":`));
    pieces.push(Buffer.from(data === null ? 'null' : data.text));
    pieces.push(Buffer.from('}'));
  });
  pieces.push(Buffer.from(`],${JSON.stringify(envelope).slice(1)}`));
  return Buffer.concat(pieces);
};

export interface PullPage {
  changes: WireChange[];
  evictions: Eviction[];
  nextCursor: string;
  hasMore: boolean;
}

export interface SyncLog {
  error(details: Record<string, unknown>, message: string): void;
}

/** A change's own fields, from its feed row. */
const changeOf = (row: FeedRow, lane: Lane) => ({
  lane,
  cursor: String(row.cursor),
  entity: row.entity,
  id: row.id,
  version: row.version,
  scope: scopeOf(row),
});

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
): Promise<{ page: PullPage; unservable: UnservableRecord[]; toStore: RecordDocument[] }> => {
  const after = BigInt(afterCursor).toString();
  const limit =
    lane === 'transcripts' ? Math.min(requestedLimit, TRANSCRIPT_PAGE_MAX) : requestedLimit;
  const head = await committedCursor(snapshot);
  await snapshot.step('pull:head');
  // The page's feed rows with their documents of the same version and rendering, if stored.
  const rows = await snapshot.query<FeedRow & { document: string | null }>(
    `SELECT r.*, d.data AS document FROM (
       SELECT entity, id, cursor, version, deleted, patient_id, therapist_id, org_id FROM sync_feed
        WHERE lane = $1 AND cursor > $2::int8 AND cursor <= $6 AND ${VISIBLE} AND ${NOT_QUARANTINED}
        ORDER BY cursor LIMIT $7) r
     LEFT JOIN feed_documents d
       ON NOT r.deleted AND d.entity = r.entity AND d.id = r.id AND d.version = r.version AND d.format = $8
     ORDER BY r.cursor`,
    [
      lane,
      after,
      visibility.patientIds,
      visibility.therapistIds,
      visibility.orgId,
      head,
      limit + 1,
      DOCUMENT_FORMAT,
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

  // Records without a document are rendered as they always were: loaded, checked against
  // their contract (what fails is quarantined), and the good ones stored for next time.
  const byEntity = new Map<EntityName, string[]>();
  for (const row of pageRows)
    if (!row.deleted && row.document === null)
      byEntity.set(row.entity, [...(byEntity.get(row.entity) ?? []), row.id]);
  const records = new Map<string, unknown>();
  for (const [entity, ids] of byEntity) {
    for (const [id, data] of await loadRecords(snapshot, entity, ids))
      records.set(`${entity}:${id}`, data);
  }
  const rendered = pageRows
    .filter((row) => !row.deleted && row.document === null)
    .map((row) => {
      const data = records.get(`${row.entity}:${row.id}`) ?? null;
      return { ...changeOf(row, lane), op: data === null ? 'delete' : 'upsert', data } as Change;
    });
  const { changes: servable, unservable } = servableChanges(rendered);
  const renderedNow = new Map(servable.map((c) => [`${c.entity}:${c.id}`, c]));
  const toStore: RecordDocument[] = [];

  const changes: WireChange[] = [];
  for (const row of pageRows) {
    if (row.deleted) {
      changes.push({ ...changeOf(row, lane), op: 'delete', data: null });
    } else if (row.document !== null) {
      changes.push({ ...changeOf(row, lane), op: 'upsert', data: new RecordJson(row.document) });
    } else {
      const change = renderedNow.get(`${row.entity}:${row.id}`);
      if (!change) continue; // failed its contract: quarantined, left out
      if (change.data === null) {
        // a feed row whose record is gone is sent as a delete
        changes.push({ ...changeOf(row, lane), op: 'delete', data: null });
        continue;
      }
      const json = new RecordJson(JSON.stringify(change.data));
      toStore.push({ entity: row.entity, id: row.id, version: row.version, json });
      changes.push({ ...changeOf(row, lane), op: 'upsert', data: json });
    }
  }
  const evictions: Eviction[] = evictionRows.map((e) => ({
    lane,
    cursor: String(e.cursor),
    scope:
      e.scope_kind === 'patient'
        ? { kind: 'patient', id: e.scope_id }
        : { kind: 'supervisee', therapistId: e.scope_id },
    reason: e.reason,
  }));
  return { page: { changes, evictions, nextCursor: end, hasMore }, unservable, toStore };
};

/**
 * A user's next page of a lane: what they may see and what changed, read in one snapshot.
 * Records that fail their contract are logged, quarantined and left out; the page is served.
 * Records it had to render (no document of their version) are stored as documents after it.
 */
export const pullFor = async (
  db: Database,
  user: { id: string; orgId: string },
  lane: Lane,
  after: string,
  limit: number,
  log?: SyncLog,
): Promise<PullPage> => {
  const { page, unservable, toStore } = await db.readSnapshot(async (snapshot) => {
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
  // What this pull rendered, stored for the next (best effort: the page is served anyway).
  if (toStore.length > 0)
    await storeDocuments(db, toStore).catch((error: unknown) =>
      log?.error({ err: error }, 'could not store rendered feed documents'),
    );
  return page;
};
