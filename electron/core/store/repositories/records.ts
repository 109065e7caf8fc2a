import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import { laneOfEntity } from '../../../../shared/api';
import type { EntityName, Lane } from '../../../../shared/api';
import type { Connection } from '../connection';
import { entityTables, scopeKey, scopeOf } from '../entity-tables';
import type {
  CachedRecord,
  EntityCache,
  LocalScopeChecksum,
  RecordEntity,
  ScopeVersion,
} from '../interface';
import type { TranscriptWriter } from './transcripts';
import { isRecordEntity, type WithheldRow, withheldRows } from './withheld';

interface RawRecord {
  readonly id: string;
  readonly version: number | null;
  readonly scopeKind: string;
  readonly scopeId: string;
  readonly data: string;
}
export const recordColumns = 'id, version, scope_kind AS scopeKind, scope_id AS scopeId, data';

export function decode<E extends RecordEntity>(raw: unknown): CachedRecord<E> {
  const row = raw as RawRecord;
  return {
    id: row.id,
    version: row.version,
    scope: scopeOf(row.scopeKind, row.scopeId),
    data: JSON.parse(row.data) as CachedRecord<E>['data'],
  };
}

type RecordTable = (typeof entityTables)[RecordEntity];
const recordEntities = (Object.keys(entityTables) as EntityName[]).filter(
  (entity): entity is RecordEntity => entity !== 'transcript',
);

/** An outbox entry writing the record `idColumn` names is still unanswered (mayReplaceLocalRow). */
const unansweredChangeTo = (idColumn: string): string =>
  `EXISTS (SELECT 1 FROM outbox WHERE subject_id = ${idColumn} AND status IN ('pending', 'held'))`;

export function entityCache(db: Connection, transcripts: TranscriptWriter): EntityCache {
  const withheld = withheldRows(db);
  const statements = new Map<
    RecordEntity,
    {
      put: Statement;
      get: Statement;
      version: Statement;
      remove: Statement;
      removeFromServer: Statement;
      write: Statement;
      all: Statement;
      forPatient: Statement | null;
    }
  >();
  for (const entity of recordEntities) {
    const table: RecordTable = entityTables[entity];
    // mayReplaceLocalRow (local-row-rule.ts), as SQL: this device's own write (version NULL)
    // always lands; an optimistic row stands while its change is unanswered; otherwise a
    // record only moves forward.
    const put = db.prepare(
      `INSERT INTO ${table} (id, version, scope_kind, scope_id, data) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET version = excluded.version,
         scope_kind = excluded.scope_kind, scope_id = excluded.scope_id, data = excluded.data
       WHERE excluded.version IS NULL
         OR (${table}.version IS NULL AND NOT ${unansweredChangeTo(`${table}.id`)})
         OR (${table}.version IS NOT NULL AND excluded.version >= ${table}.version)`,
    );
    // A feed delete, under the same rule.
    const removeFromServer = db.prepare(
      `DELETE FROM ${table} WHERE id = @id
         AND ((version IS NULL AND NOT ${unansweredChangeTo('id')})
           OR (version IS NOT NULL AND @version >= version))`,
    );
    const write = db.prepare(
      `INSERT OR REPLACE INTO ${table} (id, version, scope_kind, scope_id, data)
       VALUES (@id, @version, @scopeKind, @scopeId, @data)`,
    );
    const patientColumn =
      table === 'patients' ? 'id' : hasColumn(db, table, 'patient_id') ? 'patient_id' : null;
    statements.set(entity, {
      put,
      removeFromServer,
      write,
      version: db.prepare(`SELECT version, scope_kind AS scopeKind, scope_id AS scopeId
        FROM ${table} WHERE id = ?`),
      get: db.prepare(`SELECT ${recordColumns} FROM ${table} WHERE id = ?`),
      all: db.prepare(`SELECT ${recordColumns} FROM ${table} ORDER BY rowid`),
      remove: db.prepare(`DELETE FROM ${table} WHERE id = ?`),
      forPatient:
        patientColumn === null
          ? null
          : db.prepare(
              `SELECT ${recordColumns} FROM ${table} WHERE ${patientColumn} = ? ORDER BY rowid`,
            ),
    });
  }
  const counts = new Map(
    (Object.keys(entityTables) as EntityName[]).map((entity) => [
      entity,
      db.prepare(`SELECT count(*) FROM ${entityTables[entity]}`).pluck(),
    ]),
  );
  const entitiesOf = (lane: Lane) =>
    (Object.keys(entityTables) as EntityName[]).filter((entity) => laneOfEntity(entity) === lane);
  const laneSql = (lane: Lane, where: string) =>
    entitiesOf(lane)
      .map(
        (entity) =>
          `SELECT '${entity}' AS entity, id, version, scope_kind AS scopeKind,
             scope_id AS scopeId FROM ${entityTables[entity]} ${where}`,
      )
      .join('\nUNION ALL\n');
  const laneQuery = (lane: Lane, where: string) => db.prepare(laneSql(lane, where));
  const byLane = new Map(
    (['core', 'transcripts'] as const satisfies readonly Lane[]).map((lane) => [
      lane,
      {
        ofScope: laneQuery(lane, 'WHERE scope_kind = @kind AND scope_id = @id'),
        serverOfScope: db.prepare(
          `${laneSql(lane, 'WHERE scope_kind = @kind AND scope_id = @id AND version IS NOT NULL')}
           UNION ALL
           SELECT entity, id, version, scope_kind AS scopeKind, scope_id AS scopeId
           FROM withheld_rows WHERE data IS NOT NULL AND scope_kind = @kind AND scope_id = @id
             AND entity IN (${entitiesOf(lane)
               .map((e) => `'${e}'`)
               .join(', ')})`,
        ),
        // What this device holds of the server's rows: confirmed rows, and the server's row
        // kept aside wherever an unanswered local change shadows it.
        confirmed: db.prepare(
          `${laneSql(lane, 'WHERE version IS NOT NULL')}
           UNION ALL
           SELECT entity, id, version, scope_kind AS scopeKind, scope_id AS scopeId
           FROM withheld_rows WHERE data IS NOT NULL
             AND entity IN (${entitiesOf(lane)
               .map((e) => `'${e}'`)
               .join(', ')})`,
        ),
      },
    ]),
  );
  const unanswered = db.prepare(
    `SELECT 1 FROM outbox WHERE subject_id = ? AND status IN ('pending', 'held')`,
  );
  const refusedOrHeld = db.prepare(
    `SELECT 1 FROM outbox WHERE subject_id = ? AND status IN ('pending', 'held', 'rejected')`,
  );
  const queriesOf = (lane: Lane) => {
    const found = byLane.get(lane);
    if (found === undefined) throw new Error(`Unknown lane '${lane}'.`);
    return found;
  };
  const of = (entity: RecordEntity) => {
    const found = statements.get(entity);
    if (found === undefined) throw new Error(`No table caches '${entity}'.`);
    return found;
  };

  /** The local row, if it is optimistic (version null): what a withheld server row shadows. */
  const optimisticRow = (entity: RecordEntity, id: string) => {
    const row = of(entity).version.get(id) as
      { version: number | null; scopeKind: string; scopeId: string } | undefined;
    return row?.version === null ? row : undefined;
  };
  /** Put the server's withheld row in place of the optimistic one (or delete it). */
  const reinstate = (row: WithheldRow): void => {
    if (row.data === null) of(row.entity).remove.run(row.id);
    else of(row.entity).write.run(row);
    withheld.remove(row.id);
  };

  return {
    put: (entity, record) => {
      if (entity === 'transcript') {
        transcripts.put(record as CachedRecord<'transcript'>);
        return;
      }
      const recordEntity = entity as RecordEntity;
      const statements = of(recordEntity);
      const [kind, id] = scopeKey(record.scope);
      const data = JSON.stringify(record.data);
      // The server's row an optimistic write replaces is kept aside, to be put back if the
      // change is refused or discarded.
      if (record.version === null)
        withheld.keepCurrentRowOf(recordEntity, entityTables[recordEntity], record.id);
      const written = statements.put.run(record.id, record.version, kind, id, data).changes > 0;
      if (!written && record.version !== null && optimisticRow(recordEntity, record.id)) {
        withheld.keep({
          id: record.id,
          entity: recordEntity,
          version: record.version,
          scopeKind: kind,
          scopeId: id,
          data,
        });
      }
    },
    remove: (entity, id, version) => {
      if (entity === 'transcript') return transcripts.remove(id);
      if (version === undefined) return of(entity).remove.run(id).changes > 0;
      if (of(entity).removeFromServer.run({ id, version }).changes > 0) return true;
      const shadowed = optimisticRow(entity, id);
      if (shadowed)
        withheld.keep({
          id,
          entity,
          version,
          scopeKind: shadowed.scopeKind,
          scopeId: shadowed.scopeId,
          data: null,
        });
      return false;
    },
    settleLocalChange: (entity, subjectId, outcome) => {
      if (unanswered.get(subjectId) !== undefined) return; // another change still shadows it
      const row = withheld.get(subjectId);
      if (outcome.kind === 'accepted') {
        // The server has the change; its row for it follows in a pull, unless one already
        // arrived (withheld) that is at least as new.
        if (row && outcome.version !== null && row.version >= outcome.version) reinstate(row);
        else withheld.remove(subjectId);
        return;
      }
      if (row) {
        reinstate(row);
        return;
      }
      // Refused: the optimistic row stays, shown as refused. Discarded: it goes with it.
      if (outcome.kind === 'discarded' && entity !== null && isRecordEntity(entity)) {
        if (optimisticRow(entity, subjectId) && refusedOrHeld.get(subjectId) === undefined)
          of(entity).remove.run(subjectId);
      }
    },
    get: (entity, id) => {
      const raw = of(entity).get.get(id);
      return raw === undefined ? undefined : decode(raw);
    },
    listForPatient: (entity, patientId) => {
      const statement = of(entity).forPatient;
      if (statement === null) throw new Error(`'${entity}' records do not belong to a patient.`);
      return statement.all(patientId).map((raw) => decode(raw));
    },
    list: (entity) =>
      of(entity)
        .all.all()
        .map((raw) => decode(raw)),
    count: (entity) => Number(counts.get(entity)?.get()),
    scopeVersions: (scope, lane) => {
      const [kind, id] = scopeKey(scope);
      const rows = queriesOf(lane).ofScope.all({ kind, id }) as ScopeRow[];
      return rows
        .sort(byEntityThenId)
        .map(({ entity, id: rowId, version }) => ({ entity, id: rowId, version }));
    },
    serverRowsOfScope: (scope, lane) => {
      const [kind, id] = scopeKey(scope);
      const seen = new Set<string>();
      return (queriesOf(lane).serverOfScope.all({ kind, id }) as ScopeRow[])
        .filter((row) => !seen.has(row.id) && seen.add(row.id) !== undefined)
        .sort(byEntityThenId)
        .map(({ entity, id: rowId, version }) => ({ entity, id: rowId, version: Number(version) }));
    },
    scopeChecksums: (lane) => {
      const groups = new Map<string, ScopeRow[]>();
      const seen = new Set<string>();
      for (const row of queriesOf(lane).confirmed.all() as ScopeRow[]) {
        if (seen.has(row.id)) continue; // a confirmed row comes first and wins
        seen.add(row.id);
        const key = `${row.scopeKind}:${row.scopeId}`;
        const group = groups.get(key);
        if (group === undefined) groups.set(key, [row]);
        else group.push(row);
      }
      return [...groups.values()].map((rows): LocalScopeChecksum => {
        const text = rows
          .sort(byEntityThenId)
          .map((r) => `${r.entity}:${r.id}:${String(r.version)}`)
          .join(',');
        const first = rows[0] as ScopeRow;
        return {
          scope: scopeOf(first.scopeKind, first.scopeId),
          count: rows.length,
          md5: createHash('md5').update(text, 'utf8').digest('hex'),
        };
      });
    },
  };
}

interface ScopeRow extends ScopeVersion {
  readonly scopeKind: string;
  readonly scopeId: string;
}
// The server sorts with COLLATE "C" (bytes); ids and entity names are ASCII, where UTF-16
// code unit order is the same.
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byEntityThenId = (a: ScopeVersion, b: ScopeVersion): number =>
  a.entity === b.entity ? byCodeUnit(a.id, b.id) : byCodeUnit(a.entity, b.entity);

function hasColumn(db: Connection, table: string, column: string): boolean {
  const columns = db.prepare(`SELECT name FROM pragma_table_xinfo(?)`).pluck().all(table);
  return columns.includes(column);
}
