import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type EntityName, entitySchemas } from '../../shared/api';
import type { Queryable } from '../db/database';
import { projections } from './loaders';

/**
 * Rendered records (`feed_documents`, migration 11): each record's wire JSON text for one
 * version of its feed row, checked against its entity's contract when it was rendered, so a
 * pull splices it into the page as it is instead of building, parsing, checking and
 * serialising it again. Rendered when written (at the end of the writing transaction, see
 * `renderAtCommit`), in bulk after the seed, and by the pull for any it finds missing.
 * Correctness never depends on it: a document is served only for the version and the
 * rendering (`DOCUMENT_FORMAT`) of the feed row it was made for.
 */

/** A record's wire JSON text, checked against its entity's contract when it was rendered. */
export class RecordJson {
  constructor(readonly text: string) {}
}

/** Bump when a record's wire JSON changes in a way the fingerprint below cannot see. */
const FORMAT_REVISION = 1;
/**
 * The rendering documents are made with: the projections' SQL and the entities' contracts
 * (as JSON Schema) this server runs. A server with other projections or contracts (an
 * upgrade) ignores documents made by the last one and renders its own.
 */
export const DOCUMENT_FORMAT = createHash('sha256')
  .update(
    JSON.stringify({
      revision: FORMAT_REVISION,
      projections,
      contracts: Object.fromEntries(
        Object.entries(entitySchemas).map(([entity, schema]) => [
          entity,
          z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }),
        ]),
      ),
    }),
  )
  .digest('hex')
  .slice(0, 16);

export interface RecordDocument {
  entity: EntityName;
  id: string;
  version: number;
  json: RecordJson;
}

/**
 * Renders the current records of the given ids of one entity, with their feed versions, in
 * one query (the pull's projection joined to sync_feed), and keeps those that pass their
 * contract. Deleted feed rows and records that are gone render nothing.
 */
export const renderDocuments = async (
  q: Queryable,
  entity: EntityName,
  ids: string[],
): Promise<RecordDocument[]> => {
  if (ids.length === 0) return [];
  const rows = await q.query<{ id: string; version: number; data: unknown }>(
    `SELECT p.id, f.version, p.data FROM (${projections[entity]}) p
       JOIN sync_feed f ON f.entity = $2 AND f.id = p.id AND NOT f.deleted`,
    [ids, entity],
  );
  const schema = entitySchemas[entity];
  return rows
    .filter((row) => schema.safeParse(row.data).success)
    .map((row) => ({
      entity,
      id: row.id,
      version: row.version,
      json: new RecordJson(JSON.stringify(row.data)),
    }));
};

/**
 * Stores documents, one statement per entity. A document never replaces one of a later
 * version (a pull storing what it rendered from an older snapshot races a write's own).
 * Rows are written in (entity, id) order, whoever writes them, so a pull's store and a
 * writing transaction's never wait for each other's rows in opposite orders (a deadlock).
 */
export const storeDocuments = async (q: Queryable, documents: RecordDocument[]) => {
  const byEntity = new Map<EntityName, RecordDocument[]>();
  const ordered = [...documents].sort((a, b) =>
    a.entity === b.entity ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.entity < b.entity ? -1 : 1,
  );
  for (const d of ordered) {
    const list = byEntity.get(d.entity);
    if (list) list.push(d);
    else byEntity.set(d.entity, [d]);
  }
  for (const [entity, list] of byEntity)
    await q.query(
      `INSERT INTO feed_documents (entity, id, version, format, data)
       SELECT $1, u.id, u.version, $2, u.data
         FROM unnest($3::uuid[], $4::int4[], $5::text[]) AS u(id, version, data) ORDER BY u.id
       ON CONFLICT (entity, id) DO UPDATE
         SET version = EXCLUDED.version, format = EXCLUDED.format, data = EXCLUDED.data
       WHERE feed_documents.version < EXCLUDED.version
          OR (feed_documents.version = EXCLUDED.version AND feed_documents.format <> EXCLUDED.format)`,
      [
        entity,
        DOCUMENT_FORMAT,
        list.map((d) => d.id),
        list.map((d) => d.version),
        list.map((d) => d.json.text),
      ],
    );
};

/** What each open transaction wrote to the feed, to render just before it commits. */
const written = new WeakMap<Queryable, Map<EntityName, Set<string>>>();

/**
 * Notes a record a transaction wrote (touchFeed): its document is rendered and stored just
 * before that transaction commits — one query per entity, whatever the number of writes —
 * so it commits with the new version and no device's pull pays for it. One that fails its
 * contract is not stored (the pull quarantines it, as before). Outside a transaction nothing
 * is noted: the first pull renders it.
 */
export const renderAtCommit = (tx: Queryable, entity: EntityName, id: string): void => {
  if (!tx.beforeCommit) return;
  let pending = written.get(tx);
  if (!pending) {
    const records = new Map<EntityName, Set<string>>();
    pending = records;
    written.set(tx, records);
    tx.beforeCommit(async () => {
      written.delete(tx);
      const documents: RecordDocument[] = [];
      for (const [name, ids] of records)
        documents.push(...(await renderDocuments(tx, name, [...ids])));
      await storeDocuments(tx, documents);
    });
  }
  pending.set(entity, (pending.get(entity) ?? new Set()).add(id));
};

/**
 * Renders and stores every live record's document (after the seed publishes its feed in
 * bulk): per entity, batches of ids in feed order (transcripts are large: fewer at a time).
 */
export const renderAllDocuments = async (tx: Queryable): Promise<number> => {
  let stored = 0;
  for (const entity of Object.keys(projections) as EntityName[]) {
    const ids = (
      await tx.query<{ id: string }>(
        'SELECT id FROM sync_feed WHERE entity = $1 AND NOT deleted ORDER BY cursor',
        [entity],
      )
    ).map((r) => r.id);
    const size = entity === 'transcript' ? 50 : 2000;
    for (let start = 0; start < ids.length; start += size) {
      const documents = await renderDocuments(tx, entity, ids.slice(start, start + size));
      await storeDocuments(tx, documents);
      stored += documents.length;
    }
  }
  return stored;
};
