import type { EntityName } from '../../../../shared/api';
import type { Connection } from '../connection';
import type { RecordEntity } from '../interface';

/**
 * The server's latest row of a record that an unanswered local change shadows, kept in
 * `withheld_rows` (migration 3) until the change is answered: the optimistic write replaced
 * it, or a pull page brought it while the change was still unanswered (mayReplaceLocalRow).
 */
export interface WithheldRow {
  readonly id: string;
  readonly entity: RecordEntity;
  readonly version: number;
  readonly scopeKind: string;
  readonly scopeId: string;
  /** JSON text; null when the server deleted the record. */
  readonly data: string | null;
}

export function withheldRows(db: Connection) {
  // Keep the newest of what the server said: a late page never replaces a newer row.
  const upsert = `ON CONFLICT (id) DO UPDATE SET entity = excluded.entity,
      version = excluded.version, scope_kind = excluded.scope_kind,
      scope_id = excluded.scope_id, data = excluded.data
    WHERE excluded.version >= withheld_rows.version`;
  const keepIncoming = db.prepare(
    `INSERT INTO withheld_rows (id, entity, version, scope_kind, scope_id, data)
     VALUES (@id, @entity, @version, @scopeKind, @scopeId, @data) ${upsert}`,
  );
  const keepCurrent = new Map<string, ReturnType<Connection['prepare']>>();
  const get = db.prepare(
    `SELECT id, entity, version, scope_kind AS scopeKind, scope_id AS scopeId, data
     FROM withheld_rows WHERE id = ?`,
  );
  const remove = db.prepare('DELETE FROM withheld_rows WHERE id = ?');
  return {
    /** A server row arriving while the local row's change is unanswered. */
    keep: (row: WithheldRow): void => void keepIncoming.run(row),
    /** Before an optimistic write replaces a confirmed row: keep the server's row aside. */
    keepCurrentRowOf(entity: RecordEntity, table: string, id: string): void {
      let statement = keepCurrent.get(table);
      if (statement === undefined) {
        statement = db.prepare(
          `INSERT INTO withheld_rows (id, entity, version, scope_kind, scope_id, data)
           SELECT id, @entity, version, scope_kind, scope_id, data FROM ${table}
           WHERE id = @id AND version IS NOT NULL ${upsert}`,
        );
        keepCurrent.set(table, statement);
      }
      statement.run({ entity, id });
    },
    get: (id: string): WithheldRow | undefined => get.get(id) as WithheldRow | undefined,
    remove: (id: string): boolean => remove.run(id).changes > 0,
  };
}
export type WithheldRows = ReturnType<typeof withheldRows>;

export const isRecordEntity = (entity: EntityName): entity is RecordEntity =>
  entity !== 'transcript';
